import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { systemClock, type Clock } from '../runtime/clock';
import { CaptureStoreError } from './errors';
import type { CaptureClose, CaptureJob } from './job';

/** Outcome of {@link CaptureJobStore.open}: whether this call registered the job, and the job as stored. */
export interface OpenResult {
  readonly created: boolean;
  readonly job: CaptureJob;
}

/** Outcome of {@link CaptureJobStore.close}: whether this call closed the job, and the job as stored. */
export interface CloseResult {
  /** True for exactly one close of a job, however many arrive and in whatever order. */
  readonly won: boolean;
  readonly job: CaptureJob;
}

/** What {@link CaptureJobStore.findStale} looks for, and how much of the table one call may read. */
export interface StaleQuery {
  /** ISO 8601 instant: open jobs opened before it are stale. */
  readonly openedBefore: string;
  /** ISO 8601 instant: closed jobs not enqueued and closed before it are stale. */
  readonly closedBefore: string;
  /** At most this many jobs are returned. */
  readonly maxItems: number;
  /** At most this many pages (requests) are read. */
  readonly maxPages: number;
  /** Items one page reads (before filtering). @default 500 */
  readonly pageSize?: number;
}

/** Outcome of {@link CaptureJobStore.findStale}. */
export interface StaleJobs {
  readonly jobs: readonly CaptureJob[];
  /** Pages read. */
  readonly pages: number;
  /** Whether the table holds more than was read (a bound was reached). */
  readonly truncated: boolean;
  /** Matching items that are not capture job items (dropped). */
  readonly unreadable: number;
}

/**
 * Port: the capture jobs, one per contact. Every write is conditional, so concurrent or repeated
 * calls (the flow's stop and the contact's DISCONNECTED event, retries of either) converge.
 */
export interface CaptureJobStore {
  /** Registers `job` unless the contact already has one (one message per call); never overwrites. */
  open(job: CaptureJob): Promise<OpenResult>;
  /** The contact's job, or `undefined`. */
  get(contactId: string): Promise<CaptureJob | undefined>;
  /** Closes the contact's job if it is open; `undefined` when the contact has no job. */
  close(contactId: string, close: CaptureClose): Promise<CloseResult | undefined>;
  /** Records that the job was handed to the queue; the first instant recorded stays. */
  markEnqueued(contactId: string, enqueuedAt: string): Promise<void>;
  /**
   * Jobs a lost DISCONNECTED event left behind: open and opened before `openedBefore`, or closed,
   * not enqueued and closed before `closedBefore`; within the query's item and page bounds.
   */
  findStale(query: StaleQuery): Promise<StaleJobs>;
}

/** Contact ids are UUIDs; anything else never reaches a key. */
const CONTACT_ID = /^[A-Za-z0-9-]{1,128}$/;

function checkContactId(contactId: string): void {
  if (typeof contactId !== 'string' || !CONTACT_ID.test(contactId)) throw new TypeError('A contact id must match [A-Za-z0-9-]{1,128}');
}

/** Local-mode adapter: an in-process map (one process, lost on exit). */
export class MemoryCaptureJobStore implements CaptureJobStore {
  readonly #jobs = new Map<string, CaptureJob>();

  public async open(job: CaptureJob): Promise<OpenResult> {
    checkContactId(job.contactId);
    const existing = this.#jobs.get(job.contactId);
    if (existing) return { created: false, job: structuredClone(existing) };
    this.#jobs.set(job.contactId, structuredClone(job));
    return { created: true, job: structuredClone(job) };
  }

  public async get(contactId: string): Promise<CaptureJob | undefined> {
    checkContactId(contactId);
    const job = this.#jobs.get(contactId);
    return job ? structuredClone(job) : undefined;
  }

  public async close(contactId: string, close: CaptureClose): Promise<CloseResult | undefined> {
    checkContactId(contactId);
    const job = this.#jobs.get(contactId);
    if (!job) return undefined;
    if (job.status !== 'open') return { won: false, job: structuredClone(job) };
    const closed: CaptureJob = { ...job, ...withoutUndefined(close), status: 'closed' };
    this.#jobs.set(contactId, closed);
    return { won: true, job: structuredClone(closed) };
  }

  public async markEnqueued(contactId: string, enqueuedAt: string): Promise<void> {
    checkContactId(contactId);
    const job = this.#jobs.get(contactId);
    if (!job) throw new CaptureStoreError(`No capture job of contact ${contactId} to mark enqueued`);
    if (!job.enqueuedAt) this.#jobs.set(contactId, { ...job, enqueuedAt });
  }

  public async findStale(query: StaleQuery): Promise<StaleJobs> {
    const stale = [...this.#jobs.values()].filter((job) => isStale(job, query));
    return { jobs: stale.slice(0, query.maxItems).map((job) => structuredClone(job)), pages: 1, truncated: stale.length > query.maxItems, unreadable: 0 };
  }
}

/** The memory adapter's copy of the Scan's filter expression. */
function isStale(job: CaptureJob, query: StaleQuery): boolean {
  if (job.status === 'open') return job.openedAt < query.openedBefore;
  return job.enqueuedAt === undefined && job.closedAt !== undefined && job.closedAt < query.closedBefore;
}

/** Options of {@link DynamoCaptureJobStore}. */
export interface DynamoCaptureJobStoreOptions {
  /** A DocumentClient (`DynamoDBDocumentClient.from(new DynamoDBClient({}))`). */
  readonly client: DynamoDBDocumentClient;
  /** The symptom notes table (config `SYMPTOM_NOTES_TABLE_NAME`). */
  readonly tableName: string;
  /** @default systemClock */
  readonly clock?: Clock;
  /**
   * Days a job stays in the table after it is opened (TTL); the note it becomes is kept apart. As long
   * as the capture dead-letter queue keeps a message, so a redriven recording still finds its job.
   * @default 14
   */
  readonly retentionDays?: number;
}

/** Partition key of a contact's capture job: `capture#<contactId>`, beside the notes (`note#<id>`). */
export const captureKey = (contactId: string): string => `capture#${contactId}`;

/** What a stored item must hold to be a job; the key, TTL and anything added later are dropped. */
const itemSchema = z.object({
  contactId: z.string().min(1),
  noteId: z.string().min(1),
  patientId: z.string().min(1),
  streamArn: z.string().min(1),
  startFragmentNumber: z.string().min(1),
  startTimestampMs: z.number().optional(),
  stopTimestampMs: z.number().optional(),
  stopFragmentNumber: z.string().optional(),
  status: z.enum(['open', 'closed']),
  closedBy: z.enum(['caller', 'disconnect', 'sweep']).optional(),
  openedAt: z.string().min(1),
  closedAt: z.string().optional(),
  enqueuedAt: z.string().optional(),
});

/**
 * DynamoDB adapter, on the symptom notes table (partition key `pk`, String; TTL on `expiresAt`, epoch
 * seconds). Item: `{ pk: 'capture#<contactId>', itemType: 'capture', expiresAt, ...CaptureJob }`.
 * Opening is a put on `attribute_not_exists(pk)`; closing an update on `status = open`, so exactly
 * one close wins; `enqueuedAt` is set with `if_not_exists`, so the first hand-off's instant stays.
 * The item holds the patient id: the table must be encrypted with the customer-managed key.
 */
export class DynamoCaptureJobStore implements CaptureJobStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;
  readonly #retentionSeconds: number;

  public constructor(options: DynamoCaptureJobStoreOptions) {
    if (!options.tableName) throw new TypeError('DynamoCaptureJobStore needs a tableName');
    const days = options.retentionDays ?? 14;
    if (!Number.isInteger(days) || days < 1) throw new RangeError('retentionDays must be a positive integer');
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock ?? systemClock;
    this.#retentionSeconds = days * 86_400;
  }

  public async open(job: CaptureJob): Promise<OpenResult> {
    checkContactId(job.contactId);
    const item = {
      ...withoutUndefined(job),
      pk: captureKey(job.contactId),
      itemType: 'capture',
      expiresAt: Math.floor(this.#clock.now() / 1000) + this.#retentionSeconds,
    };
    try {
      await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return { created: true, job };
    } catch (error) {
      if (!isConditionFailure(error)) throw new CaptureStoreError(`Capture job of contact ${job.contactId} could not be written`, { cause: error });
    }
    const existing = await this.get(job.contactId);
    if (!existing) throw new CaptureStoreError(`Capture job of contact ${job.contactId} vanished while being opened`);
    return { created: false, job: existing };
  }

  public async get(contactId: string): Promise<CaptureJob | undefined> {
    checkContactId(contactId);
    let item: Record<string, unknown> | undefined;
    try {
      item = (await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { pk: captureKey(contactId) }, ConsistentRead: true }))).Item;
    } catch (error) {
      throw new CaptureStoreError(`Capture job of contact ${contactId} could not be read`, { cause: error });
    }
    return item ? toJob(contactId, item) : undefined;
  }

  public async close(contactId: string, close: CaptureClose): Promise<CloseResult | undefined> {
    checkContactId(contactId);
    const sets = ['#status = :closed', 'closedBy = :closedBy', 'closedAt = :closedAt'];
    const values: Record<string, unknown> = { ':closed': 'closed', ':open': 'open', ':closedBy': close.closedBy, ':closedAt': close.closedAt };
    if (close.stopTimestampMs !== undefined) {
      sets.push('stopTimestampMs = :stopTimestampMs');
      values[':stopTimestampMs'] = close.stopTimestampMs;
    }
    if (close.stopFragmentNumber !== undefined) {
      sets.push('stopFragmentNumber = :stopFragmentNumber');
      values[':stopFragmentNumber'] = close.stopFragmentNumber;
    }
    try {
      const out = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: captureKey(contactId) },
          UpdateExpression: `SET ${sets.join(', ')}`,
          // `status` is a DynamoDB reserved word.
          ConditionExpression: 'attribute_exists(pk) AND #status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { won: true, job: toJob(contactId, out.Attributes ?? {}) };
    } catch (error) {
      if (!isConditionFailure(error)) throw new CaptureStoreError(`Capture job of contact ${contactId} could not be closed`, { cause: error });
    }
    // No job, or already closed by the other path: report what is stored.
    const existing = await this.get(contactId);
    return existing ? { won: false, job: existing } : undefined;
  }

  public async markEnqueued(contactId: string, enqueuedAt: string): Promise<void> {
    checkContactId(contactId);
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: captureKey(contactId) },
          UpdateExpression: 'SET enqueuedAt = if_not_exists(enqueuedAt, :enqueuedAt)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':enqueuedAt': enqueuedAt },
        }),
      );
    } catch (error) {
      throw new CaptureStoreError(`Capture job of contact ${contactId} could not be marked enqueued`, { cause: error });
    }
  }

  /**
   * A Scan of the whole table filtered to stale capture jobs. A Scan reads (and bills) every item,
   * notes included; acceptable at clinic scale (a few hundred calls a day, jobs deleted by TTL after
   * `retentionDays`, so a few thousand items), and bounded by `maxPages` × `pageSize` items read per
   * call. A table grown past that needs a sparse index of open jobs instead (`truncated` says so).
   * Timestamps are ISO 8601 UTC strings of one format, so they compare as strings.
   */
  public async findStale(query: StaleQuery): Promise<StaleJobs> {
    const jobs: CaptureJob[] = [];
    let unreadable = 0;
    let pages = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      let out;
      try {
        out = await this.#client.send(
          new ScanCommand({
            TableName: this.#tableName,
            Limit: query.pageSize ?? 500,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
            FilterExpression:
              'begins_with(pk, :capture) AND ((#status = :open AND openedAt < :openedBefore) OR ' +
              '(#status = :closed AND attribute_not_exists(enqueuedAt) AND closedAt < :closedBefore))',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':capture': captureKey(''),
              ':open': 'open',
              ':closed': 'closed',
              ':openedBefore': query.openedBefore,
              ':closedBefore': query.closedBefore,
            },
          }),
        );
      } catch (error) {
        throw new CaptureStoreError(`Capture jobs could not be scanned (page ${pages + 1})`, { cause: error });
      }
      pages += 1;
      startKey = out.LastEvaluatedKey;
      for (const item of out.Items ?? []) {
        const parsed = itemSchema.safeParse(item);
        if (!parsed.success) unreadable += 1;
        else if (jobs.length < query.maxItems) jobs.push(withoutUndefined(parsed.data) as CaptureJob);
        else return { jobs, pages, truncated: true, unreadable };
      }
    } while (startKey !== undefined && pages < query.maxPages);
    return { jobs, pages, truncated: startKey !== undefined, unreadable };
  }
}

function toJob(contactId: string, item: Record<string, unknown>): CaptureJob {
  const parsed = itemSchema.safeParse(item);
  if (!parsed.success) throw new CaptureStoreError(`Capture job of contact ${contactId} is not a capture job item`);
  return withoutUndefined(parsed.data) as CaptureJob;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: unknown } | undefined)?.name === 'ConditionalCheckFailedException';
}

/** A copy without `undefined` values: the DocumentClient refuses them, and they would read as set. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
