import {
  ComprehendMedicalClient,
  DetectEntitiesV2Command,
  InferICD10CMCommand,
  InferRxNormCommand,
  type Attribute,
  type Entity,
  type ICD10CMAttribute,
  type ICD10CMEntity,
  type RxNormAttribute,
  type RxNormEntity,
} from '@aws-sdk/client-comprehendmedical';
import { systemClock, type Clock } from '../runtime/clock';
import { ExtractionError } from './errors';
import type { EntityExtractor, Extraction } from './extraction';
import { FINDING_TRAIT_NAMES, type CodedConcept, type Finding, type FindingAttribute, type FindingTrait, type FindingTraitName, type Icd10Mention, type RxNormMention } from './finding';
import { codePointToIndex, splitText, type TextChunk } from './textChunks';

/*
 * The only file that knows Comprehend Medical's shapes: requests go out per chunk, answers come back
 * as SDK entities, and are parsed into the project's findings here, once.
 */

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

/** Error names of Comprehend Medical that mean "slow down and try again". */
const RETRYABLE_ERRORS = new Set(['TooManyRequestsException', 'ThrottlingException', 'ServiceUnavailableException']);

/** Options of {@link ComprehendMedicalExtractor}. */
export interface ComprehendMedicalExtractorOptions {
  /** @default a client for the Lambda's own region and credentials */
  readonly client?: ComprehendMedicalClient;
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
 * within each API's documented size limit, moves every offset back onto the full transcript, parses
 * the answers into {@link Finding}s (see {@link extractionFromComprehendMedical}), and retries
 * throttling a bounded number of times. Comprehend Medical's default quota is 100 TPS and 40,000
 * characters per second per operation (Guidelines and quotas), so a phone message rarely meets it,
 * but a burst of callbacks can.
 *
 * @example
 * const extractor = new ComprehendMedicalExtractor();
 * const { findings, icd10, rxnorm } = await extractor.extract(transcript);
 */
export class ComprehendMedicalExtractor implements EntityExtractor {
  readonly #client: ComprehendMedicalClient;
  readonly #maxRetries: number;
  readonly #baseDelayMs: number;
  readonly #clock: Clock;
  readonly #random: () => number;

  public constructor(options: ComprehendMedicalExtractorOptions = {}) {
    this.#client = options.client ?? new ComprehendMedicalClient({});
    this.#maxRetries = options.maxRetries ?? 3;
    this.#baseDelayMs = options.baseDelayMs ?? 250;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    if (!Number.isInteger(this.#maxRetries) || this.#maxRetries < 0 || this.#maxRetries > 10) {
      throw new RangeError('maxRetries must be an integer within 0..10');
    }
  }

  public async extract(text: string): Promise<Extraction> {
    if (text.trim().length === 0) return { findings: [], icd10: [], rxnorm: [] };
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
    return extractionFromComprehendMedical({ entities, icd10, rxnorm });
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


/** The three operations' entities, offsets already on the full transcript. */
export interface ComprehendMedicalAnswers {
  readonly entities: readonly Entity[];
  readonly icd10: readonly ICD10CMEntity[];
  readonly rxnorm: readonly RxNormEntity[];
}

/**
 * Parses Comprehend Medical's entities into an {@link Extraction}. DetectEntitiesV2 entities that
 * name a condition (`MEDICAL_CONDITION`/`DX_NAME`) or a medication (`MEDICATION`/`GENERIC_NAME`,
 * `BRAND_NAME`) become findings; other categories (anatomy, tests, PHI …) are dropped, since the note
 * uses none of them (the API reference lists DX_NAME as the only MEDICAL_CONDITION entity type; a
 * detail related to nothing comes in `UnmappedAttributes`, which the note never read). Missing
 * numbers read as 0 and missing text as '', traits the note does not know are dropped, and so are
 * concepts without a code.
 *
 * @example
 * const extraction = extractionFromComprehendMedical({ entities: detect.Entities ?? [], icd10: [], rxnorm: [] });
 */
export function extractionFromComprehendMedical(answers: ComprehendMedicalAnswers): Extraction {
  return {
    findings: answers.entities.flatMap((entity) => {
      const finding = toFinding(entity);
      return finding ? [finding] : [];
    }),
    icd10: answers.icd10.map(
      (entity): Icd10Mention => ({ ...mention(entity), kind: 'condition', concepts: concepts(entity.ICD10CMConcepts) }),
    ),
    rxnorm: answers.rxnorm.map(
      (entity): RxNormMention => ({ ...mention(entity), kind: 'medication', brand: entity.Type === 'BRAND_NAME', concepts: concepts(entity.RxNormConcepts) }),
    ),
  };
}

function toFinding(entity: Entity): Finding | undefined {
  if (entity.Category === 'MEDICAL_CONDITION' && entity.Type === 'DX_NAME') return { ...mention(entity), kind: 'condition' };
  if (entity.Category === 'MEDICATION' && (entity.Type === 'GENERIC_NAME' || entity.Type === 'BRAND_NAME')) {
    return { ...mention(entity), kind: 'medication', brand: entity.Type === 'BRAND_NAME' };
  }
  return undefined;
}

type SdkMention = Entity | ICD10CMEntity | RxNormEntity;

function mention(entity: SdkMention): Omit<Finding, 'kind' | 'brand'> {
  return {
    id: entity.Id ?? 0,
    text: entity.Text ?? '',
    score: entity.Score ?? 0,
    begin: entity.BeginOffset ?? 0,
    end: entity.EndOffset ?? 0,
    traits: (entity.Traits ?? []).flatMap((trait): FindingTrait[] =>
      isTraitName(trait.Name) ? [{ name: trait.Name, score: trait.Score ?? 0 }] : [],
    ),
    attributes: ((entity.Attributes ?? []) as readonly (Attribute | ICD10CMAttribute | RxNormAttribute)[]).map(toAttribute),
  };
}

function isTraitName(name: string | undefined): name is FindingTraitName {
  return (FINDING_TRAIT_NAMES as readonly (string | undefined)[]).includes(name);
}

function toAttribute(attribute: Attribute | ICD10CMAttribute | RxNormAttribute): FindingAttribute {
  return {
    id: attribute.Id ?? 0,
    type: attribute.Type ?? 'UNKNOWN',
    text: attribute.Text ?? '',
    score: attribute.Score ?? 0,
    relationshipScore: attribute.RelationshipScore ?? 0,
    begin: attribute.BeginOffset ?? 0,
    end: attribute.EndOffset ?? 0,
  };
}

function concepts(list: readonly { Code?: string | undefined; Description?: string | undefined; Score?: number | undefined }[] | undefined): CodedConcept[] {
  return (list ?? []).flatMap((concept) => (concept.Code ? [{ code: concept.Code, description: concept.Description ?? '', score: concept.Score ?? 0 }] : []));
}
