import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { MESSAGE_LANGUAGES } from '../../../contract';
import { conditionalPut, conditionalUpdate, getItem } from '../../aws/dynamo';
import { expiresAt, retentionSeconds } from '../../aws/ttl';
import { systemClock, type Clock } from '../../runtime/clock';
import { CaptureStoreError } from '../errors';
import type { CaptureClose, CaptureJob, CaptureStop, TriageRecord, UrgentPageRecord } from './job';
import { checkContactId, withoutUndefined, type CaptureJobStore, type CloseResult, type LateStopResult, type OpenResult, type StaleJobs, type StaleQuery } from './port';

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

/**
 * Partition key of a contact's capture job: `capture#<contactId>`, beside the notes (`note#<id>`).
 *
 * @example
 * captureKey('2f0c6b1e-…') // 'capture#2f0c6b1e-…'
 */
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
  language: z.enum(MESSAGE_LANGUAGES).optional(),
  status: z.enum(['open', 'closed']),
  closedBy: z.enum(['caller', 'disconnect', 'sweep']).optional(),
  openedAt: z.string().min(1),
  closedAt: z.string().optional(),
  enqueuedAt: z.string().optional(),
  triage: z
    .object({ triage: z.enum(['urgent', 'routine', 'unknown']), flag: z.string().optional(), rulesVersion: z.string(), decidedAt: z.string(), reason: z.string() })
    .optional(),
  urgentPage: z.object({ claimedAt: z.string(), notified: z.boolean().optional(), taskContactId: z.string().optional() }).optional(),
});

/**
 * DynamoDB adapter, on the symptom notes table (partition key `pk`, String; TTL on `expiresAt`, epoch
 * seconds). Item: `{ pk: 'capture#<contactId>', itemType: 'capture', expiresAt, ...CaptureJob }`.
 * Opening is a put on `attribute_not_exists(pk)`; closing an update on `status = open`, so exactly
 * one close wins; a stop that arrives after the hang-up is an update on `closedBy = disconnect` and no
 * stop timestamp yet, so it is recorded once; `enqueuedAt` is set with `if_not_exists`, so the first
 * hand-off's instant stays.
 * The item holds the patient id: the table must be encrypted with the customer-managed key.
 *
 * @example
 * const store = new DynamoCaptureJobStore({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: config.notesTable });
 */
export class DynamoCaptureJobStore implements CaptureJobStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;
  readonly #retentionSeconds: number;

  public constructor(options: DynamoCaptureJobStoreOptions) {
    if (!options.tableName) throw new TypeError('DynamoCaptureJobStore needs a tableName');
    this.#retentionSeconds = retentionSeconds(options.retentionDays ?? 14);
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock ?? systemClock;
  }

  public async open(job: CaptureJob): Promise<OpenResult> {
    checkContactId(job.contactId);
    const item = { ...withoutUndefined(job), pk: captureKey(job.contactId), itemType: 'capture', expiresAt: expiresAt(this.#clock.now(), this.#retentionSeconds) };
    const put = await conditionalPut(
      this.#client,
      { TableName: this.#tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
      (error) => new CaptureStoreError(`Capture job of contact ${job.contactId} could not be written`, { cause: error }),
    );
    if (put.applied) return { created: true, job };
    const existing = await this.get(job.contactId);
    if (!existing) throw new CaptureStoreError(`Capture job of contact ${job.contactId} vanished while being opened`);
    return { created: false, job: existing };
  }

  public async get(contactId: string): Promise<CaptureJob | undefined> {
    checkContactId(contactId);
    const item = await getItem(
      this.#client,
      { TableName: this.#tableName, Key: { pk: captureKey(contactId) }, ConsistentRead: true },
      (error) => new CaptureStoreError(`Capture job of contact ${contactId} could not be read`, { cause: error }),
    );
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
    const closeError = (error: unknown) => new CaptureStoreError(`Capture job of contact ${contactId} could not be closed`, { cause: error });
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: captureKey(contactId) },
        UpdateExpression: `SET ${sets.join(', ')}`,
        // `status` is a DynamoDB reserved word.
        ConditionExpression: 'attribute_exists(pk) AND #status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      },
      closeError,
    );
    if (update.applied) {
      // A won close whose item is not a job item is still a failed close: the caller gets no job to send.
      try {
        return { won: true, job: toJob(contactId, update.attributes ?? {}) };
      } catch (error) {
        throw closeError(error);
      }
    }
    // No job, or already closed by the other path: report what is stored.
    const existing = await this.get(contactId);
    return existing ? { won: false, job: existing } : undefined;
  }

  public async recordLateStop(contactId: string, stop: CaptureStop): Promise<LateStopResult | undefined> {
    checkContactId(contactId);
    const sets = ['stopTimestampMs = :stopTimestampMs'];
    const values: Record<string, unknown> = { ':closed': 'closed', ':disconnect': 'disconnect', ':stopTimestampMs': stop.stopTimestampMs };
    if (stop.stopFragmentNumber !== undefined) {
      sets.push('stopFragmentNumber = :stopFragmentNumber');
      values[':stopFragmentNumber'] = stop.stopFragmentNumber;
    }
    const stopError = (error: unknown) => new CaptureStoreError(`Capture job of contact ${contactId} could not take its stop`, { cause: error });
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: captureKey(contactId) },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk) AND #status = :closed AND closedBy = :disconnect AND attribute_not_exists(stopTimestampMs)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      },
      stopError,
    );
    if (update.applied) {
      try {
        return { recorded: true, job: toJob(contactId, update.attributes ?? {}) };
      } catch (error) {
        throw stopError(error);
      }
    }
    const existing = await this.get(contactId);
    return existing ? { recorded: false, job: existing } : undefined;
  }

  public async markEnqueued(contactId: string, enqueuedAt: string): Promise<void> {
    checkContactId(contactId);
    const markError = (error: unknown) => new CaptureStoreError(`Capture job of contact ${contactId} could not be marked enqueued`, { cause: error });
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: captureKey(contactId) },
        UpdateExpression: 'SET enqueuedAt = if_not_exists(enqueuedAt, :enqueuedAt)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':enqueuedAt': enqueuedAt },
      },
      markError,
    );
    // No job to mark is as much a failure as an unreachable table.
    if (!update.applied) throw markError(update.conditionFailure);
  }

  /** `triage` is set only where absent: the first decision stays. */
  public async recordTriage(contactId: string, triage: TriageRecord): Promise<void> {
    checkContactId(contactId);
    const toError = (error: unknown) => new CaptureStoreError(`Triage of contact ${contactId} could not be recorded`, { cause: error });
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: captureKey(contactId) },
        UpdateExpression: 'SET triage = if_not_exists(triage, :triage)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':triage': withoutUndefined(triage) },
      },
      toError,
    );
    if (!update.applied) throw toError(update.conditionFailure);
  }

  /** The durable "paged" marker: `urgentPage` set on `attribute_not_exists(urgentPage)`, so one claim wins. */
  public async claimUrgentPage(contactId: string, claimedAt: string): Promise<boolean> {
    checkContactId(contactId);
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: captureKey(contactId) },
        UpdateExpression: 'SET urgentPage = :page',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(urgentPage)',
        ExpressionAttributeValues: { ':page': { claimedAt } },
      },
      (error) => new CaptureStoreError(`Page of contact ${contactId} could not be claimed`, { cause: error }),
    );
    return update.applied;
  }

  public async completeUrgentPage(contactId: string, sent: Omit<UrgentPageRecord, 'claimedAt'>): Promise<void> {
    checkContactId(contactId);
    const toError = (error: unknown) => new CaptureStoreError(`Page of contact ${contactId} could not be recorded`, { cause: error });
    const sets: string[] = [];
    const values: Record<string, unknown> = {};
    if (sent.notified !== undefined) {
      sets.push('urgentPage.notified = :notified');
      values[':notified'] = sent.notified;
    }
    if (sent.taskContactId !== undefined) {
      sets.push('urgentPage.taskContactId = :taskContactId');
      values[':taskContactId'] = sent.taskContactId;
    }
    if (sets.length === 0) return;
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: captureKey(contactId) },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(urgentPage)',
        ExpressionAttributeValues: values,
      },
      toError,
    );
    if (!update.applied) throw toError(update.conditionFailure);
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
