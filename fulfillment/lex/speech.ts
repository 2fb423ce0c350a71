/**
 * Builds what the caller hears. One piece of content renders two ways: SSML for voice (Connect asks
 * Lex for audio) and plain text for text channels. Caller-facing text is escaped exactly once, here.
 */

/** A fragment of speech. */
export type Speech =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'pause'; readonly ms: number }
  | { readonly kind: 'slow'; readonly text: string; /** BCP 47 tag of words in another language than the voice's. */ readonly lang?: 'en-US' }
  | { readonly kind: 'digits'; readonly digits: string };

/** Plain words. */
export const say = (text: string): Speech => ({ kind: 'text', text });
/** A short silence, so callers on bad lines catch the end of a sentence. */
export const pause = (ms = 300): Speech => ({ kind: 'pause', ms });
/**
 * Words read a little slower (drug names, instructions); `lang` marks words in another language than
 * the voice's (an English sentence read to a Spanish-speaking caller), which Polly's `<lang>` tag
 * speaks in that language with the same voice (https://docs.aws.amazon.com/polly/latest/dg/lang-tag.html:
 * supported by standard and neural voices).
 */
export const slowly = (text: string, lang?: 'en-US'): Speech => (lang ? { kind: 'slow', text, lang } : { kind: 'slow', text });
/** Digits read one by one (keypad keys). */
export const digits = (value: string): Speech => ({ kind: 'digits', digits: value });

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Every character XML 1.0 forbids (section 2.2, `Char`: tab, line feed, carriage return,
 * U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF are the only ones allowed). With the `u` flag a lone
 * surrogate is one code point outside those ranges, while a proper pair is one code point inside.
 */
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text without the characters no XML document may hold (chart text can carry NUL, escape codes or a
 * broken surrogate pair): one such character makes Polly refuse the whole SSML message.
 */
export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/** Escapes text for SSML (Polly requires the five XML entities), after dropping what XML forbids. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (char) => XML_ESCAPES[char] as string);
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
        case 'slow': {
          const slow = `<prosody rate="90%">${escapeXml(part.text)}</prosody>`;
          return part.lang ? `<lang xml:lang="${part.lang}">${slow}</lang>` : slow;
        }
        case 'digits':
          return `<say-as interpret-as="digits">${escapeXml(part.digits)}</say-as>`;
      }
    })
    .join(' ');
  return `<speak>${body.replace(/\s+/g, ' ').trim()}</speak>`;
}

/**
 * Renders fragments as plain text for text channels (pauses vanish). The same characters are dropped
 * as for SSML: control characters mean nothing to a reader, and a lone surrogate has no UTF-8 form.
 */
export function toPlainText(parts: readonly Speech[]): string {
  return parts
    .map((part) => xmlSafe(part.kind === 'pause' ? '' : part.kind === 'digits' ? part.digits : part.text))
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,:;?!])/g, '$1')
    .trim();
}
