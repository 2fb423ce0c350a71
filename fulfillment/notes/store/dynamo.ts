import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalUpdate, getItem } from '../../aws/dynamo';
import { expiresAt, retentionSeconds } from '../../aws/ttl';
import { systemClock, type Clock } from '../../runtime/clock';
import { errorName } from '../../runtime/errors';
import { NoteNotFoundError, NoteStoreError } from '../errors';
import type { SymptomNote } from '../note';
import {
  checkListLimit,
  decodeListCursor,
  encodeListCursor,
  FILTER_BUCKETS,
  INBOX_INDEX,
  INBOX_INDEX_KEYS,
  inboxBucket,
  inboxSortKey,
  URGENT_SORT_PREFIX,
  type InboxBucket,
} from './listing';
import {
  NOTE_STEPS,
  stepStatus,
  type ClaimResult,
  type KeptForStaff,
  type KeptForStaffReason,
  type NoteListPage,
  type NoteListQuery,
  type NoteReview,
  type NoteStamp,
  type NoteSummary,
  type NoteStep,
  type NoteStore,
  type NoteStoreOptions,
  type StepClaim,
  type StepOutcome,
  type StepStatus,
  type StoredNote,
} from './port';

/** Options of {@link DynamoNoteStore}. */
export interface DynamoNoteStoreOptions extends NoteStoreOptions {
  /** A DocumentClient (`DynamoDBDocumentClient.from(new DynamoDBClient({}))`). */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Days the note stays in the table after it is created (TTL); Epic keeps the record. @default 30 */
  readonly retentionDays?: number;
}

/**
 * Partition key of a note: `note#<id>`, so the table can hold other item kinds later.
 *
 * @example
 * noteKey('note-1') // 'note#note-1'
 */
export const noteKey = (noteId: string): string => `note#${noteId}`;

/** What a step needs recorded before it may be marked done. */
const STEP_RECORDS: Partial<Record<NoteStep, 'documentReferenceId' | 'taskContactId'>> = { delivered: 'documentReferenceId', tasked: 'taskContactId' };

/** The attribute counting a step's failures. */
const FAILURE_COUNTS: Partial<Record<NoteStep, 'deliveryFailures' | 'taskFailures'>> = { delivered: 'deliveryFailures', tasked: 'taskFailures' };

/** Conditional writes tried before a move between inbox buckets gives up (each retry follows a concurrent change). */
const BUCKET_MOVE_ATTEMPTS = 3;

/**
 * DynamoDB adapter. Table schema it expects (for the CDK stack): partition key `pk` (String), no sort
 * key; Time to Live on `expiresAt` (epoch seconds); the global secondary index {@link INBOX_INDEX}
 * (see `listing.ts`). Item: `{ pk: 'note#<id>', noteId, note: <the SymptomNote as a map>, createdAt
 * (when stored), expiresAt, documentReferenceId?, step_<name>: { state, at, error? }, deliveryFailures?,
 * taskContactId?, taskFailures?, keptForStaff?, reviewed?, calledBack?, leaseOwner_<name>?,
 * leaseUntil_<name>? (epoch ms) }` and, for
 * the inbox's list row, `patientId, contactId, urgent, chiefComplaint, receivedAt` (the note's
 * `createdAt`) and the index keys `inboxBucket, inboxSort`.
 * Each step is its own top-level attribute so one step's update never overwrites another's. Writes are
 * conditional, so concurrent or repeated runs converge on one note and one DocumentReference id. A note
 * holds the full transcript: the table must be encrypted with the customer-managed key, and an item
 * stays far below DynamoDB's 400 KB limit for any phone message.
 *
 * @example
 * const store = new DynamoNoteStore({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: config.notesTable });
 */
export class DynamoNoteStore implements NoteStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;
  readonly #retentionSeconds: number;

  public constructor(options: DynamoNoteStoreOptions) {
    if (!options.tableName) throw new TypeError('DynamoNoteStore needs a tableName');
    this.#retentionSeconds = retentionSeconds(options.retentionDays ?? 30);
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock ?? systemClock;
  }

  public async putIfAbsent(note: SymptomNote, doneSteps: readonly NoteStep[] = ['stored']) {
    const now = this.#clock.now();
    const at = new Date(now).toISOString();
    const names: Record<string, string> = { '#note': 'note', '#bucket': INBOX_INDEX_KEYS.partition, '#sort': INBOX_INDEX_KEYS.sort };
    const values: Record<string, unknown> = {
      ':note': note,
      ':noteId': note.noteId,
      ':createdAt': at,
      ':expiresAt': expiresAt(now, this.#retentionSeconds),
      // What the inbox index projects: a list row is read without the note (and its transcript).
      ':receivedAt': note.createdAt,
      ':patientId': note.patientId,
      ':contactId': note.contactId,
      ':urgent': note.urgent,
      ':chiefComplaint': note.chiefComplaint,
      // A new note is neither reviewed nor filed; `createdAt` of the note is the message's receipt.
      ':bucket': inboxBucket({ reviewed: false, filed: false }),
      ':sort': inboxSortKey(note),
    };
    const sets = [
      '#note = :note',
      'noteId = :noteId',
      'createdAt = :createdAt',
      'expiresAt = :expiresAt',
      'receivedAt = :receivedAt',
      'patientId = :patientId',
      'contactId = if_not_exists(contactId, :contactId)',
      'urgent = :urgent',
      'chiefComplaint = :chiefComplaint',
      '#bucket = :bucket',
      '#sort = :sort',
    ];
    doneSteps.forEach((step, index) => {
      names[`#s${index}`] = `step_${step}`;
      values[`:s${index}`] = { state: 'done', at };
      sets.push(`#s${index} = :s${index}`);
    });
    const put = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: noteKey(note.noteId) },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_not_exists(#note)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      (error) => storeError('put', note.noteId, error),
    );
    if (!put.applied) {
      const stored = await this.get(note.noteId);
      if (!stored) throw new NoteStoreError(`Note ${note.noteId} vanished during a conditional put`);
      return { created: false, stored };
    }
    return { created: true, stored: (await this.get(note.noteId)) as StoredNote };
  }

  public async get(noteId: string): Promise<StoredNote | undefined> {
    const item = await getItem(this.#client, { TableName: this.#tableName, Key: { pk: noteKey(noteId) }, ConsistentRead: true }, (error) => storeError('read', noteId, error));
    return item ? toStoredNote(noteId, item) : undefined;
  }

  public async markStep(noteId: string, step: NoteStep, outcome: StepOutcome): Promise<void> {
    // A done `delivered` needs its DocumentReference id, a done `tasked` its task contact id; a failure of either is counted.
    const mustHave = outcome.error ? undefined : STEP_RECORDS[step];
    const withContact = outcome.contactId !== undefined;
    const failureCount = outcome.error ? FAILURE_COUNTS[step] : undefined;
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: noteKey(noteId) },
        UpdateExpression: `SET #step = :status, noteId = :noteId${withContact ? ', contactId = if_not_exists(contactId, :contactId)' : ''}${failureCount ? ` ADD ${failureCount} :one` : ''}`,
        ...(mustHave ? { ConditionExpression: `attribute_exists(${mustHave})` } : {}),
        ExpressionAttributeNames: { '#step': `step_${step}` },
        ExpressionAttributeValues: {
          ':status': stepStatus(this.#clock, outcome),
          ':noteId': noteId,
          ...(withContact ? { ':contactId': outcome.contactId } : {}),
          ...(failureCount ? { ':one': 1 } : {}),
        },
      },
      (error) => storeError('update', noteId, error),
    );
    if (!update.applied) {
      throw new NoteStoreError(`Note ${noteId} cannot be marked ${step} before its ${mustHave ?? 'record'} is recorded`, { cause: update.conditionFailure });
    }
  }

  /** Moves the note to its `filed` bucket in the same write (see `#setOnce`). */
  public async recordDocumentReference(noteId: string, documentReferenceId: string): Promise<string> {
    return this.#setOnce(noteId, 'documentReferenceId', documentReferenceId);
  }

  /**
   * Sets `taskContactId` once (the first value stays, and is returned). Not part of the inbox index:
   * the index's projection cannot change once deployed, so the list does not show it; the message page
   * reads it from the item.
   */
  public async recordTaskContact(noteId: string, taskContactId: string): Promise<string> {
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: noteKey(noteId) },
        UpdateExpression: 'SET taskContactId = :taskContactId',
        ConditionExpression: 'attribute_exists(#note) AND attribute_not_exists(taskContactId)',
        ExpressionAttributeNames: { '#note': 'note' },
        ExpressionAttributeValues: { ':taskContactId': taskContactId },
      },
      (error) => storeError('update', noteId, error),
    );
    if (update.applied) return taskContactId;
    const stored = await this.get(noteId);
    if (!stored?.note || !stored.taskContactId) throw new NoteNotFoundError(noteId, { cause: update.conditionFailure });
    return stored.taskContactId;
  }

  /** Lease attributes are `leaseOwner_<step>` and `leaseUntil_<step>` (epoch ms), beside the step's status. */
  public async claimStep(noteId: string, step: NoteStep, claim: StepClaim): Promise<ClaimResult> {
    const now = this.#clock.now();
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: noteKey(noteId) },
        UpdateExpression: 'SET #owner = :owner, #until = :until',
        ConditionExpression: 'attribute_exists(#note) AND (attribute_not_exists(#until) OR #until <= :now OR #owner = :owner)',
        ExpressionAttributeNames: { '#note': 'note', '#owner': `leaseOwner_${step}`, '#until': `leaseUntil_${step}` },
        ExpressionAttributeValues: { ':owner': claim.owner, ':until': now + claim.leaseMs, ':now': now },
        ReturnValues: 'ALL_NEW',
      },
      (error) => storeError('claim a step of', noteId, error),
    );
    if (!update.applied) {
      const stored = await this.get(noteId);
      if (!stored?.note) throw new NoteNotFoundError(noteId, { cause: update.conditionFailure });
      return { claimed: false, stored };
    }
    if (!update.attributes) throw new NoteStoreError(`Note ${noteId} returned no attributes after a claim`);
    return { claimed: true, stored: toStoredNote(noteId, update.attributes) };
  }

  public async releaseStep(noteId: string, step: NoteStep, owner: string): Promise<void> {
    // A refused condition needs nothing done: another run took the lease over after it expired, it is theirs now.
    await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: noteKey(noteId) },
        UpdateExpression: 'REMOVE #owner, #until',
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': `leaseOwner_${step}`, '#until': `leaseUntil_${step}` },
        ExpressionAttributeValues: { ':owner': owner },
      },
      (error) => storeError('release a step of', noteId, error),
    );
  }

  public async markKeptForStaff(noteId: string, reason: KeptForStaffReason): Promise<void> {
    const kept: KeptForStaff = { reason, at: new Date(this.#clock.now()).toISOString() };
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: noteKey(noteId) },
        UpdateExpression: 'SET keptForStaff = if_not_exists(keptForStaff, :kept)',
        ConditionExpression: 'attribute_exists(#note)',
        ExpressionAttributeNames: { '#note': 'note' },
        ExpressionAttributeValues: { ':kept': kept },
      },
      (error) => storeError('update', noteId, error),
    );
    if (!update.applied) throw new NoteNotFoundError(noteId, { cause: update.conditionFailure });
  }

  /** Moves the note to its `reviewed` bucket in the same write (see `#setOnce`). */
  public async markReviewed(noteId: string, review: NoteReview): Promise<NoteReview> {
    return this.#setOnce(noteId, 'reviewed', review);
  }

  public async markCalledBack(noteId: string, stamp: NoteStamp): Promise<NoteStamp> {
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: noteKey(noteId) },
        UpdateExpression: 'SET calledBack = :stamp',
        ConditionExpression: 'attribute_exists(#note) AND attribute_not_exists(calledBack)',
        ExpressionAttributeNames: { '#note': 'note' },
        ExpressionAttributeValues: { ':stamp': stamp },
      },
      (error) => storeError('update', noteId, error),
    );
    if (update.applied) return stamp;
    const stored = await this.get(noteId);
    if (!stored?.note || !stored.calledBack) throw new NoteNotFoundError(noteId, { cause: update.conditionFailure });
    return stored.calledBack;
  }

  /**
   * One Query of the inbox index per bucket of the filter, in parallel (at most four), each for a page
   * plus one row, merged by `inboxSort` (see `listing.ts`). Index reads are eventually consistent: a
   * note reviewed a moment ago may still show in the bucket it left for a fraction of a second.
   */
  public async list(query: NoteListQuery): Promise<NoteListPage> {
    const limit = checkListLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeListCursor(query.cursor, query.filter);
    const { buckets, urgentOnly } = FILTER_BUCKETS[query.filter];
    const found = await Promise.all(buckets.map((bucket) => this.#queryBucket(bucket, urgentOnly, after, limit + 1)));
    const rows = found
      .flat()
      .filter((row) => after === undefined || row.key < after)
      .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => row.summary),
      ...(rows.length > limit && last ? { nextCursor: encodeListCursor(query.filter, last.key) } : {}),
    };
  }

  /**
   * The first `count` rows of one bucket after `after` (or from the top), best first. Each projected
   * row is small (no note), so `count` rows stay far below a Query's 1 MB page.
   */
  async #queryBucket(bucket: InboxBucket, urgentOnly: boolean, after: string | undefined, count: number): Promise<{ readonly key: string; readonly summary: NoteSummary }[]> {
    // BETWEEN is inclusive: the row at `after` itself may come back, hence one more and the filter in list().
    const range = urgentOnly
      ? after === undefined
        ? { condition: 'begins_with(#sort, :low)', values: { ':low': URGENT_SORT_PREFIX } }
        : { condition: '#sort BETWEEN :low AND :after', values: { ':low': URGENT_SORT_PREFIX, ':after': after } }
      : after === undefined
        ? undefined
        : { condition: '#sort < :after', values: { ':after': after } };
    let items: Record<string, unknown>[];
    try {
      const answer = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: INBOX_INDEX,
          KeyConditionExpression: `#bucket = :bucket${range ? ` AND ${range.condition}` : ''}`,
          ExpressionAttributeNames: { '#bucket': INBOX_INDEX_KEYS.partition, ...(range ? { '#sort': INBOX_INDEX_KEYS.sort } : {}) },
          ExpressionAttributeValues: { ':bucket': bucket, ...range?.values },
          ScanIndexForward: false,
          Limit: urgentOnly && after !== undefined ? count + 1 : count,
        }),
      );
      items = answer.Items ?? [];
    } catch (error) {
      throw new NoteStoreError(`Could not list symptom notes in DynamoDB (${errorName(error)})`, { cause: error });
    }
    return items.flatMap((item) => {
      const summary = toSummary(item);
      const key = item[INBOX_INDEX_KEYS.sort];
      return summary && typeof key === 'string' ? [{ key, summary }] : [];
    });
  }

  /**
   * Sets `documentReferenceId` or `reviewed` once (the first value stays, and is returned) and moves
   * the note to its new inbox bucket in the same write. The bucket also depends on the other of the
   * two, so the write is conditional on the other being as assumed: first that it is unset (the usual
   * order: filed, then reviewed, or a review before filing), then as read after a refused write; a
   * concurrent change fails the condition and the note is read again (at most
   * {@link BUCKET_MOVE_ATTEMPTS} writes).
   */
  async #setOnce<T>(noteId: string, attribute: 'documentReferenceId' | 'reviewed', value: T): Promise<T> {
    const other = attribute === 'reviewed' ? 'documentReferenceId' : 'reviewed';
    let otherSet = false;
    let conditionFailure: unknown;
    for (let attempt = 0; attempt < BUCKET_MOVE_ATTEMPTS; attempt += 1) {
      const bucket = inboxBucket({ reviewed: attribute === 'reviewed' || otherSet, filed: attribute === 'documentReferenceId' || otherSet });
      const update = await conditionalUpdate(
        this.#client,
        {
          TableName: this.#tableName,
          Key: { pk: noteKey(noteId) },
          // A note stored before the index existed has no sort key: a bucket alone leaves it out of the index.
          UpdateExpression: 'SET #attribute = :value, #bucket = :bucket',
          ConditionExpression: `attribute_exists(#note) AND attribute_not_exists(#attribute) AND ${otherSet ? 'attribute_exists' : 'attribute_not_exists'}(#other)`,
          ExpressionAttributeNames: { '#note': 'note', '#attribute': attribute, '#other': other, '#bucket': INBOX_INDEX_KEYS.partition },
          ExpressionAttributeValues: { ':value': value, ':bucket': bucket },
        },
        (error) => storeError('update', noteId, error),
      );
      if (update.applied) return value;
      conditionFailure = update.conditionFailure;
      const item = await getItem(this.#client, { TableName: this.#tableName, Key: { pk: noteKey(noteId) }, ConsistentRead: true }, (error) => storeError('read', noteId, error));
      if (!item?.note) throw new NoteNotFoundError(noteId, { cause: conditionFailure });
      if (item[attribute] !== undefined) return item[attribute] as T;
      otherSet = item[other] !== undefined;
    }
    throw new NoteStoreError(`Symptom note ${noteId} kept changing during an update; try again`, { cause: conditionFailure });
  }

}

function toStoredNote(noteId: string, item: Record<string, unknown>): StoredNote {
  const steps: Partial<Record<NoteStep, StepStatus>> = {};
  for (const step of NOTE_STEPS) {
    const value = item[`step_${step}`] as StepStatus | undefined;
    if (value) steps[step] = value;
  }
  const note = item.note as SymptomNote | undefined;
  const contactId = typeof item.contactId === 'string' ? item.contactId : note?.contactId;
  return {
    noteId,
    ...(note ? { note } : {}),
    steps,
    ...(contactId ? { contactId } : {}),
    ...(typeof item.documentReferenceId === 'string' ? { documentReferenceId: item.documentReferenceId } : {}),
    ...(typeof item.taskContactId === 'string' ? { taskContactId: item.taskContactId } : {}),
    ...(typeof item.taskFailures === 'number' && item.taskFailures > 0 ? { taskFailures: item.taskFailures } : {}),
    ...inboxState(item),
  };
}

/** The inbox's attributes of an item: failure count, kept-for-staff mark, review and call-back stamps. */
function inboxState(item: Record<string, unknown>): Pick<StoredNote, 'deliveryFailures' | 'keptForStaff' | 'reviewed' | 'calledBack'> {
  return {
    ...(typeof item.deliveryFailures === 'number' && item.deliveryFailures > 0 ? { deliveryFailures: item.deliveryFailures } : {}),
    ...(item.keptForStaff ? { keptForStaff: item.keptForStaff as KeptForStaff } : {}),
    ...(item.reviewed ? { reviewed: item.reviewed as NoteReview } : {}),
    ...(item.calledBack ? { calledBack: item.calledBack as NoteStamp } : {}),
  };
}

/** A list row from an index item (the projected attributes), or `undefined` for an item without them. */
function toSummary(item: Record<string, unknown>): NoteSummary | undefined {
  const { noteId, patientId, receivedAt, urgent, chiefComplaint, contactId, documentReferenceId } = item;
  if (typeof noteId !== 'string' || typeof patientId !== 'string' || typeof receivedAt !== 'string' || typeof urgent !== 'boolean' || typeof chiefComplaint !== 'string') {
    return undefined;
  }
  const delivered = item.step_delivered as StepStatus | undefined;
  return {
    noteId,
    patientId,
    ...(typeof contactId === 'string' ? { contactId } : {}),
    createdAt: receivedAt,
    urgent,
    chiefComplaint,
    ...(typeof documentReferenceId === 'string' ? { documentReferenceId } : {}),
    ...(delivered ? { delivered } : {}),
    ...inboxState(item),
  };
}

/** The store's error for a failed DynamoDB call: the action, the note id and the AWS error's name, never the note. */
function storeError(action: string, noteId: string, error: unknown): NoteStoreError {
  return new NoteStoreError(`Could not ${action} symptom note ${noteId} in DynamoDB (${errorName(error)})`, { cause: error });
}
