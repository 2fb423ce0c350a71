/**
 * Speech as Lex messages: the length limit applies to each message's final text (after SSML escaping
 * and the `<speak>` wrapping), so an answer too long for one message becomes several, and nothing a
 * caller should hear is ever dropped.
 */
import { escapeXml, toPlainText, toSsml, xmlSafe, type Speech } from './speech';

/**
 * Longest `content` Lex V2 accepts in one message: "Length Constraints: Minimum length of 1. Maximum
 * length of 1024." (Amazon Lex V2 API Reference, runtime `Message`,
 * https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_Message.html). Lex counts UTF-16
 * code units ("Character limits are calculated as the number of Unicode code units", Lex V2 developer
 * guide, Quotas), which is what a JavaScript string's `length` counts.
 */
export const MAX_MESSAGE_LENGTH = 1024;

/**
 * Most messages one answer should take: the medication pager puts fewer medications on a page rather
 * than read a caller more than this in one turn. Our own bound, well under what Lex returns.
 */
export const MAX_MESSAGES = 5;

/** One message as Lex takes it back from a code hook. */
export interface LexMessage {
  readonly contentType: 'SSML' | 'PlainText';
  readonly content: string;
}

function render(speech: boolean, parts: readonly Speech[]): LexMessage {
  return speech ? { contentType: 'SSML', content: toSsml(parts) } : { contentType: 'PlainText', content: toPlainText(parts) };
}

/**
 * The answer as messages: one when it fits, else several, each within {@link MAX_MESSAGE_LENGTH}
 * after escaping. Splits fall at pauses where they can, inside a fragment only when that fragment is
 * too long on its own (a medication sentence of `&` and `'` escapes to six times its length).
 */
export function toMessages(speech: boolean, parts: readonly Speech[]): LexMessage[] {
  if (parts.length === 0) return [];
  const whole = render(speech, parts);
  if (whole.content.length <= MAX_MESSAGE_LENGTH) return [whole];
  const out: LexMessage[] = [];
  let chunk: Speech[] = [];
  const flush = () => {
    // A chunk of pauses alone says nothing (and as plain text would be empty, which Lex refuses).
    if (chunk.some((part) => part.kind !== 'pause')) out.push(render(speech, chunk));
    chunk = [];
  };
  for (const part of parts.flatMap((fragment) => fitFragment(speech, fragment))) {
    if (chunk.length > 0 && render(speech, [...chunk, part]).content.length > MAX_MESSAGE_LENGTH) flush();
    chunk.push(part);
    if (part.kind === 'pause' && render(speech, chunk).content.length > MAX_MESSAGE_LENGTH / 2) flush();
  }
  flush();
  return out;
}

function textOf(part: Exclude<Speech, { kind: 'pause' }>): string {
  return part.kind === 'digits' ? part.digits : part.text;
}

function withText(part: Exclude<Speech, { kind: 'pause' }>, text: string): Speech {
  return part.kind === 'digits' ? { kind: 'digits', digits: text } : { kind: part.kind, text };
}

/** Characters `text` takes once rendered: escaped for SSML, as kept for plain text. */
function renderedLength(speech: boolean, text: string): number {
  return (speech ? escapeXml(text) : xmlSafe(text)).length;
}

/**
 * A fragment as pieces that each fit one message with their markup: cut between words, and inside a
 * word (between code points, never inside a surrogate pair) only when the word alone is too long.
 */
function fitFragment(speech: boolean, part: Speech): Speech[] {
  if (part.kind === 'pause') return [part];
  const text = textOf(part);
  const room = MAX_MESSAGE_LENGTH - render(speech, [withText(part, '')]).content.length;
  if (renderedLength(speech, text) <= room) return [part];
  const pieces: string[] = [];
  let piece = '';
  let size = 0;
  for (const token of text.split(/(\s+)/)) {
    for (const unit of renderedLength(speech, token) > room ? Array.from(token) : [token]) {
      const added = renderedLength(speech, unit);
      if (size + added > room && piece) {
        pieces.push(piece);
        piece = '';
        size = 0;
      }
      piece += unit;
      size += added;
    }
  }
  pieces.push(piece);
  return pieces.filter((words) => words.trim() !== '').map((words) => withText(part, words));
}
