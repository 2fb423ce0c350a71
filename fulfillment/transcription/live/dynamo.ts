import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { conditionalPut, conditionalUpdate, getItem } from '../../aws/dynamo';
import { expiresAt, retentionSeconds } from '../../aws/ttl';
import { systemClock, type Clock } from '../../runtime/clock';
import { LiveTranscriptStoreError } from './errors';
import type { LiveEnd, LiveSegment, LiveTranscript, LiveTranscriptStore } from './port';

/** Options of {@link DynamoLiveTranscriptStore}. */
export interface DynamoLiveTranscriptStoreOptions {
  /** A DocumentClient (`DynamoDBDocumentClient.from(new DynamoDBClient({}))`). */
  readonly client: DynamoDBDocumentClient;
  /** The symptom notes table (config `SYMPTOM_NOTES_TABLE_NAME`), beside the capture jobs. */
  readonly tableName: string;
  /** @default systemClock */
  readonly clock?: Clock;
  /**
   * Days a live transcript stays in the table after its claim (TTL). It is read at `#` and by the
   * pipeline of the same message, minutes later; the recording stays the source of truth.
   * @default 14
   */
  readonly retentionDays?: number;
}

/**
 * Partition key of a contact's live transcript: `live#<contactId>`, beside `capture#<contactId>`.
 *
 * @example
 * liveKey('2f0c6b1e-…') // 'live#2f0c6b1e-…'
 */
export const liveKey = (contactId: string): string => `live#${contactId}`;

const segmentSchema = z.object({ text: z.string(), startMs: z.number(), endMs: z.number() });
const endSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('complete'), at: z.string().min(1) }),
  z.object({ outcome: z.literal('failed'), at: z.string().min(1), reason: z.string().min(1) }),
]);
/** What a stored item must hold; the key, TTL and anything added later are dropped. */
const itemSchema = z.object({
  startedAt: z.string().min(1),
  segments: z.record(z.string().regex(/^\d+$/), segmentSchema),
  end: endSchema.optional(),
});

/**
 * DynamoDB adapter of {@link LiveTranscriptStore}, on the symptom notes table (partition key `pk`,
 * String; TTL on `expiresAt`, epoch seconds). One item per contact:
 * `{ pk: 'live#<contactId>', itemType: 'live', contactId, startedAt, segments: { '<index>': { text, startMs, endMs } }, end?, expiresAt }`.
 * The claim is a put on `attribute_not_exists(pk)` (one transcriber per contact); a segment is set at
 * its index only where none is (`attribute_not_exists(segments.<index>)`), so a retried write is ignored;
 * the end is set only where none is, so the first end stays. Two minutes of speech are a few hundred
 * words, far below DynamoDB's 400 KB item limit, and the transcriber bounds the segment count.
 * The item holds transcript text: the table is encrypted with the customer-managed key, and nothing
 * here logs or puts text in an error message.
 *
 * @example
 * const store = new DynamoLiveTranscriptStore({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: config.notesTable });
 */
export class DynamoLiveTranscriptStore implements LiveTranscriptStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;
  readonly #retentionSeconds: number;

  public constructor(options: DynamoLiveTranscriptStoreOptions) {
    if (!options.tableName) throw new TypeError('DynamoLiveTranscriptStore needs a tableName');
    this.#retentionSeconds = retentionSeconds(options.retentionDays ?? 14);
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock ?? systemClock;
  }

  public async claim(contactId: string, startedAt: string): Promise<boolean> {
    const item = { pk: liveKey(contactId), itemType: 'live', contactId, startedAt, segments: {}, expiresAt: expiresAt(this.#clock.now(), this.#retentionSeconds) };
    const put = await conditionalPut(
      this.#client,
      { TableName: this.#tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
      (error) => new LiveTranscriptStoreError(`Live transcript of contact ${contactId} could not be claimed`, { cause: error }),
    );
    return put.applied;
  }

  public async append(contactId: string, segment: LiveSegment): Promise<void> {
    if (!Number.isInteger(segment.index) || segment.index < 0) throw new RangeError('A live segment index is a non-negative integer');
    // A refused condition is the answer: no claimed item, or this index is already stored.
    await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: liveKey(contactId) },
        // `segments` is a DynamoDB reserved word.
        UpdateExpression: 'SET #segments.#index = :segment',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#segments.#index)',
        ExpressionAttributeNames: { '#segments': 'segments', '#index': String(segment.index) },
        ExpressionAttributeValues: { ':segment': { text: segment.text, startMs: segment.startMs, endMs: segment.endMs } },
      },
      (error) => new LiveTranscriptStoreError(`Live segment ${segment.index} of contact ${contactId} could not be written`, { cause: error }),
    );
  }

  public async finish(contactId: string, end: LiveEnd): Promise<void> {
    await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: liveKey(contactId) },
        // `end` is a DynamoDB reserved word.
        UpdateExpression: 'SET #end = :end',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#end)',
        ExpressionAttributeNames: { '#end': 'end' },
        ExpressionAttributeValues: { ':end': { ...end } },
      },
      (error) => new LiveTranscriptStoreError(`Live transcript end of contact ${contactId} could not be written`, { cause: error }),
    );
  }

  public async read(contactId: string): Promise<LiveTranscript | undefined> {
    const item = await getItem(
      this.#client,
      { TableName: this.#tableName, Key: { pk: liveKey(contactId) }, ConsistentRead: true },
      (error) => new LiveTranscriptStoreError(`Live transcript of contact ${contactId} could not be read`, { cause: error }),
    );
    if (!item) return undefined;
    const parsed = itemSchema.safeParse(item);
    // The issue paths only (never the values: they hold transcript text).
    if (!parsed.success) throw new LiveTranscriptStoreError(`Live transcript of contact ${contactId} has an unexpected shape (${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')})`);
    const { startedAt, segments, end } = parsed.data;
    const ordered = Object.entries(segments)
      .map(([index, segment]) => ({ index: Number(index), ...segment }))
      .sort((a, b) => a.index - b.index);
    return { contactId, startedAt, segments: ordered, ...(end ? { end } : {}) };
  }
}
