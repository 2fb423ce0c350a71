/**
 * Builds what the caller hears. One piece of content renders two ways: SSML for voice (Connect asks
 * Lex for audio) and plain text for text channels. Caller-facing text is escaped exactly once, here.
 */

/** A fragment of speech. */
export type Speech =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'pause'; readonly ms: number }
  | { readonly kind: 'slow'; readonly text: string }
  | { readonly kind: 'digits'; readonly digits: string };

/** Plain words. */
export const say = (text: string): Speech => ({ kind: 'text', text });
/** A short silence, so callers on bad lines catch the end of a sentence. */
export const pause = (ms = 300): Speech => ({ kind: 'pause', ms });
/** Words read a little slower (drug names, instructions). */
export const slowly = (text: string): Speech => ({ kind: 'slow', text });
/** Digits read one by one (keypad keys). */
export const digits = (value: string): Speech => ({ kind: 'digits', digits: value });

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for SSML (Polly requires the five XML entities). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] as string);
}

/** Renders fragments as one SSML document. */
export function toSsml(parts: readonly Speech[]): string {
  const body = parts
    .map((part) => {
      switch (part.kind) {
        case 'text':
          return escapeXml(part.text);
        case 'pause':
          return `<break time="${Math.max(0, Math.min(part.ms, 10_000))}ms"/>`;
        case 'slow':
          return `<prosody rate="90%">${escapeXml(part.text)}</prosody>`;
        case 'digits':
          return `<say-as interpret-as="digits">${escapeXml(part.digits)}</say-as>`;
      }
    })
    .join(' ');
  return `<speak>${body.replace(/\s+/g, ' ').trim()}</speak>`;
}

/** Renders fragments as plain text for text channels (pauses vanish). */
export function toPlainText(parts: readonly Speech[]): string {
  return parts
    .map((part) => (part.kind === 'pause' ? '' : part.kind === 'digits' ? part.digits : part.text))
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,:;?!])/g, '$1')
    .trim();
}
