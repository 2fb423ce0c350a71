import {
  DetectEntitiesV2Command,
  InferICD10CMCommand,
  InferRxNormCommand,
  type ComprehendMedicalClient,
  type Entity,
  type ICD10CMEntity,
  type RxNormEntity,
} from '@aws-sdk/client-comprehendmedical';
import { systemClock, type Clock } from '../runtime/clock';
import { ExtractionError } from './errors';

// The local stand-in lives in its own file (with its vocabulary); it is part of this port's family.
export { LocalVocabularyExtractor } from './localExtractor';

/**
 * What entity extraction found in a transcript, in Comprehend Medical's own shapes: `entities` as
 * DetectEntitiesV2 returns them, `icd10` as InferICD10CM, `rxnorm` as InferRxNorm. Offsets
 * (`BeginOffset`/`EndOffset`, attributes included) index the FULL transcript as a JavaScript string,
 * so `transcript.slice(BeginOffset, EndOffset) === Text` holds whatever the chunking was.
 */
export interface Extraction {
  readonly entities: Entity[];
  readonly icd10: ICD10CMEntity[];
  readonly rxnorm: RxNormEntity[];
}

/** Port: medical entity extraction (Comprehend Medical in AWS, a small vocabulary locally). */
export interface EntityExtractor {
  /** Entities, ICD-10-CM and RxNorm links of `text`. */
  extract(text: string): Promise<Extraction>;
}

/**
 * DetectEntitiesV2: "Each string must contain fewer than 20,000 bytes of characters" (API reference,
 * DetectEntitiesV2 › Text, https://docs.aws.amazon.com/comprehend-medical/latest/api/API_DetectEntitiesV2.html).
 */
export const DETECT_ENTITIES_MAX_BYTES = 19_999;

/**
 * InferICD10CM and InferRxNorm: "a string from 1 to 10000 characters" (API reference, InferICD10CM ›
 * Text and InferRxNorm › Text). Counting UTF-8 bytes keeps a chunk under the limit however the
 * service counts characters (bytes ≥ code points ≥ 1 per character).
 */
export const INFER_MAX_BYTES = 10_000;

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

/** Error names of Comprehend Medical that mean "slow down and try again". */
const RETRYABLE_ERRORS = new Set(['TooManyRequestsException', 'ThrottlingException', 'ServiceUnavailableException']);

/** Options of {@link ComprehendMedicalExtractor}. */
export interface ComprehendMedicalExtractorOptions {
  readonly client: ComprehendMedicalClient;
  /** Retries of one request after throttling, on top of the SDK's own attempts. @default 3 */
  readonly maxRetries?: number;
  /** First backoff in ms; doubles per retry, full jitter. @default 250 */
  readonly baseDelayMs?: number;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/**
 * Amazon Comprehend Medical adapter: calls DetectEntitiesV2, InferICD10CM and InferRxNorm on chunks
 * within each API's documented size limit, moves every offset back onto the full transcript, and
 * retries throttling a bounded number of times. Comprehend Medical's default quota is 100 TPS and
 * 40,000 characters per second per operation (Guidelines and quotas), so a phone message rarely
 * meets it, but a burst of callbacks can.
 *
 * @example
 * const extractor = new ComprehendMedicalExtractor({ client: new ComprehendMedicalClient({}) });
 * const { entities, icd10, rxnorm } = await extractor.extract(transcript);
 */
export class ComprehendMedicalExtractor implements EntityExtractor {
  readonly #client: ComprehendMedicalClient;
  readonly #maxRetries: number;
  readonly #baseDelayMs: number;
  readonly #clock: Clock;
  readonly #random: () => number;

  public constructor(options: ComprehendMedicalExtractorOptions) {
    this.#client = options.client;
    this.#maxRetries = options.maxRetries ?? 3;
    this.#baseDelayMs = options.baseDelayMs ?? 250;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    if (!Number.isInteger(this.#maxRetries) || this.#maxRetries < 0 || this.#maxRetries > 10) {
      throw new RangeError('maxRetries must be an integer within 0..10');
    }
  }

  public async extract(text: string): Promise<Extraction> {
    if (text.trim().length === 0) return { entities: [], icd10: [], rxnorm: [] };
    const [entities, icd10, rxnorm] = await Promise.all([
      this.#perChunk(text, DETECT_ENTITIES_MAX_BYTES, 'DetectEntitiesV2', async (Text) =>
        (await this.#client.send(new DetectEntitiesV2Command({ Text }))).Entities ?? [],
      ),
      this.#perChunk(text, INFER_MAX_BYTES, 'InferICD10CM', async (Text) =>
        (await this.#client.send(new InferICD10CMCommand({ Text }))).Entities ?? [],
      ),
      this.#perChunk(text, INFER_MAX_BYTES, 'InferRxNorm', async (Text) =>
        (await this.#client.send(new InferRxNormCommand({ Text }))).Entities ?? [],
      ),
    ]);
    return { entities, icd10, rxnorm };
  }

  async #perChunk<T extends Located>(text: string, maxBytes: number, operation: string, call: (chunk: string) => Promise<T[]>): Promise<T[]> {
    const found: T[] = [];
    let idBase = 0;
    for (const chunk of splitText(text, maxBytes)) {
      const entities = await this.#withRetries(operation, () => call(chunk.text));
      const shifted = entities.map((entity) => shiftEntity(entity, chunk, idBase));
      // Ids are unique within one response only; keep them unique across chunks too.
      idBase = Math.max(idBase, ...shifted.flatMap(ids)) + 1;
      found.push(...shifted);
    }
    return found;
  }

  async #withRetries<T>(operation: string, call: () => Promise<T>): Promise<T> {
    // Bounded: 1 + maxRetries attempts.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const name = error instanceof Error ? error.name : 'UnknownError';
        if (!RETRYABLE_ERRORS.has(name) || attempt >= this.#maxRetries) {
          throw new ExtractionError(`Comprehend Medical ${operation} failed (${name}) after ${attempt + 1} attempt(s)`, { cause: error });
        }
        await this.#clock.sleep(Math.floor(this.#random() * this.#baseDelayMs * 2 ** attempt));
      }
    }
  }
}

/** The parts of an entity or attribute that chunking has to move. */
interface Located {
  Id?: number | undefined;
  BeginOffset?: number | undefined;
  EndOffset?: number | undefined;
  Attributes?: readonly Located[] | undefined;
}

function ids(entity: Located): number[] {
  return [entity.Id ?? 0, ...(entity.Attributes ?? []).map((attribute) => attribute.Id ?? 0)];
}

function shiftEntity<T extends Located>(entity: T, chunk: TextChunk, idBase: number): T {
  const toIndex = codePointToIndex(chunk.text);
  const move = <L extends Located>(item: L): L => ({
    ...item,
    ...(item.Id === undefined ? {} : { Id: item.Id + idBase }),
    ...(item.BeginOffset === undefined ? {} : { BeginOffset: chunk.start + toIndex(item.BeginOffset) }),
    ...(item.EndOffset === undefined ? {} : { EndOffset: chunk.start + toIndex(item.EndOffset) }),
  });
  const moved = move(entity);
  return entity.Attributes ? { ...moved, Attributes: entity.Attributes.map(move) } : moved;
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
