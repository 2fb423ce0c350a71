/**
 * Cutting a transcript into pieces an API accepts, and mapping an API's code-point offsets back to
 * JavaScript string indexes. Pure text functions, used by the Comprehend Medical adapter.
 */

/** A piece of the transcript sent in one request, and where it starts in the full text. */
export interface TextChunk {
  /** Offset (JavaScript string index) of the chunk's first character in the full text. */
  readonly start: number;
  readonly text: string;
}

const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).byteLength;

/**
 * Splits `text` into chunks of at most `maxBytes` UTF-8 bytes, cutting after a sentence end when one
 * lies in the second half of the window, else at a space, else (one enormous word) between characters,
 * never inside a surrogate pair. Whitespace-only chunks are dropped: the APIs need at least one character.
 */
export function splitText(text: string, maxBytes: number): TextChunk[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 8) throw new RangeError('maxBytes must be an integer of at least 8');
  const chunks: TextChunk[] = [];
  let position = 0;
  // Each pass consumes at least one character, so text.length + 1 passes always suffice.
  for (let pass = 0; pass <= text.length && position < text.length; pass += 1) {
    while (position < text.length && /\s/.test(text[position] as string)) position += 1;
    if (position >= text.length) break;
    const hardEnd = fittingEnd(text, position, maxBytes);
    const end = hardEnd >= text.length ? hardEnd : cutPoint(text, position, hardEnd);
    const piece = text.slice(position, end);
    if (piece.trim().length > 0) chunks.push({ start: position, text: piece.trimEnd() });
    position = end;
  }
  return chunks;
}

/** The largest end such that `text.slice(start, end)` fits in `maxBytes`, on a code point boundary. */
function fittingEnd(text: string, start: number, maxBytes: number): number {
  let bytes = 0;
  let index = start;
  while (index < text.length) {
    const codePoint = text.codePointAt(index) as number;
    const size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    index += codePoint >= 0x10000 ? 2 : 1;
  }
  return index;
}

function cutPoint(text: string, start: number, hardEnd: number): number {
  const window = text.slice(start, hardEnd);
  const floor = Math.floor(window.length / 2);
  let sentenceEnd = -1;
  for (const match of window.matchAll(/[.!?]["')\]]*\s+/g)) {
    if (match.index >= floor) sentenceEnd = match.index + match[0].length;
  }
  if (sentenceEnd > 0) return start + sentenceEnd;
  const space = window.search(/\s\S*$/);
  if (space > 0) return start + space + 1;
  return hardEnd;
}

/**
 * The API's offsets count code points ("The offset returns the UTF-8 code point in the string");
 * JavaScript strings index UTF-16 units. They differ only after a character outside the BMP.
 */
export function codePointToIndex(text: string): (codePoint: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (codePoint) => codePoint;
  const indexes: number[] = [];
  let index = 0;
  for (const char of text) {
    indexes.push(index);
    index += char.length;
  }
  indexes.push(index);
  return (codePoint) => indexes[Math.min(Math.max(codePoint, 0), indexes.length - 1)] as number;
}
