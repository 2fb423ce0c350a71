import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalUpdate, getItem } from '../../aws/dynamo';
import { expiresAt, retentionSeconds } from '../../aws/ttl';
import { systemClock, type Clock } from '../../runtime/clock';
import { errorName } from '../../runtime/errors';
import { NoteNotFoundError, NoteStoreError } from '../errors';
import type { SymptomNote } from '../note';
import {
  NOTE_STEPS,
  stepStatus,
  type ClaimResult,
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

/**
 * DynamoDB adapter. Table schema it expects (for the CDK stack): partition key `pk` (String), no sort
 * key; Time to Live on `expiresAt` (epoch seconds). Item: `{ pk: 'note#<id>', noteId, note: <the
 * SymptomNote as a map>, createdAt, expiresAt, documentReferenceId?, step_<name>: { state, at, error? },
 * leaseOwner_<name>?, leaseUntil_<name>? (epoch ms) }`.
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
    const names: Record<string, string> = { '#note': 'note' };
    const values: Record<string, unknown> = { ':note': note, ':noteId': note.noteId, ':createdAt': at, ':expiresAt': expiresAt(now, this.#retentionSeconds) };
    const sets = ['#note = :note', 'noteId = :noteId', 'createdAt = :createdAt', 'expiresAt = :expiresAt'];
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
    const mustHaveDocument = step === 'delivered' && !outcome.error;
    const withContact = outcome.contactId !== undefined;
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: noteKey(noteId) },
        UpdateExpression: `SET #step = :status, noteId = :noteId${withContact ? ', contactId = if_not_exists(contactId, :contactId)' : ''}`,
        ...(mustHaveDocument ? { ConditionExpression: 'attribute_exists(documentReferenceId)' } : {}),
        ExpressionAttributeNames: { '#step': `step_${step}` },
        ExpressionAttributeValues: { ':status': stepStatus(this.#clock, outcome), ':noteId': noteId, ...(withContact ? { ':contactId': outcome.contactId } : {}) },
      },
      (error) => storeError('update', noteId, error),
    );
    if (!update.applied) {
      throw new NoteStoreError(`Note ${noteId} cannot be marked delivered before its DocumentReference id is recorded`, { cause: update.conditionFailure });
    }
  }

  public async recordDocumentReference(noteId: string, documentReferenceId: string): Promise<string> {
    const update = await conditionalUpdate(
      this.#client,
      {
        TableName: this.#tableName,
        Key: { pk: noteKey(noteId) },
        UpdateExpression: 'SET documentReferenceId = :id',
        ConditionExpression: 'attribute_exists(#note) AND attribute_not_exists(documentReferenceId)',
        ExpressionAttributeNames: { '#note': 'note' },
        ExpressionAttributeValues: { ':id': documentReferenceId },
      },
      (error) => storeError('update', noteId, error),
    );
    if (update.applied) return documentReferenceId;
    const stored = await this.get(noteId);
    if (!stored?.note) throw new NoteNotFoundError(noteId, { cause: update.conditionFailure });
    return stored.documentReferenceId as string;
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
  };
}

/** The store's error for a failed DynamoDB call: the action, the note id and the AWS error's name, never the note. */
function storeError(action: string, noteId: string, error: unknown): NoteStoreError {
  return new NoteStoreError(`Could not ${action} symptom note ${noteId} in DynamoDB (${errorName(error)})`, { cause: error });
}
