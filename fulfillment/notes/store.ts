import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock, type Clock } from '../runtime/clock';
import { NoteNotFoundError, NoteStoreError } from './errors';
import type { SymptomNote } from './note';

/**
 * The steps of a symptom message, in order: `recorded` (the caller's audio is a WAV in S3, or was
 * found empty or silent), `transcriptionStarted` (the Transcribe Medical job exists), `transcribed`,
 * `extracted`, `stored`, `delivered` (filed in Epic), `notified` (the care team was told it is filed).
 * `escalated` is off the main line: an urgent note whose write-back failed was announced to the care
 * team before it reached Epic.
 */
export const NOTE_STEPS = ['recorded', 'transcriptionStarted', 'transcribed', 'extracted', 'stored', 'delivered', 'notified', 'escalated'] as const;

/** One step of a symptom message. */
export type NoteStep = (typeof NOTE_STEPS)[number];

/**
 * What a done step found, when there is more to say than "done": `empty` (no audio of the caller) or
 * `silent` (only near-silence) for `recorded`, so staff see a message was attempted but nothing was said.
 */
export type StepResult = 'empty' | 'silent';

/** Outcome of a step. A `failed` step is marked for retry; `error` is an error class name, never a message. */
export interface StepStatus {
  readonly state: 'done' | 'failed';
  /** ISO 8601 instant of the outcome. */
  readonly at: string;
  readonly error?: string;
  /** Set on some done steps, see {@link StepResult}. */
  readonly result?: StepResult;
}

/** What {@link NoteStore.markStep} records: an error class name for a failure, else a done step. */
export interface StepOutcome {
  readonly error?: string;
  readonly result?: StepResult;
  /**
   * Contact id of the call the message came from, kept with the note's record (the first one given
   * wins), so a step that only knows the note id (a Transcribe job event) can find the capture job.
   */
  readonly contactId?: string;
}

/** What the store holds for one note id. `note` is absent when a step failed before the note existed. */
export interface StoredNote {
  readonly noteId: string;
  readonly note?: SymptomNote;
  readonly steps: Partial<Record<NoteStep, StepStatus>>;
  /** Contact id of the call, once a step recorded it (or the note's own). */
  readonly contactId?: string;
  /** Id Epic gave the DocumentReference, once written back. */
  readonly documentReferenceId?: string;
}

/** Who asks for a step's lease (see {@link NoteStore.claimStep}) and for how long. */
export interface StepClaim {
  /** Token unique to the run (a UUID): only its owner renews or releases a lease. */
  readonly owner: string;
  /** How long the lease holds, from the store's clock; after that another run may claim the step. */
  readonly leaseMs: number;
}

/** Outcome of {@link NoteStore.claimStep}. */
export interface ClaimResult {
  /** False when another live run holds the step's lease: retry later, do not do the step's work. */
  readonly claimed: boolean;
  /** What the store holds at the claim (read after it, so a step another run finished shows as done). */
  readonly stored: StoredNote;
}

/** Port: where symptom notes and the progress of each step live. Every operation is idempotent. */
export interface NoteStore {
  /**
   * Stores `note` unless a note with its id is already there; records the given steps as done.
   * Returns what the store holds afterwards and whether this call created it.
   */
  putIfAbsent(note: SymptomNote, doneSteps?: readonly NoteStep[]): Promise<{ readonly created: boolean; readonly stored: StoredNote }>;
  /** The note and its steps, or `undefined`. */
  get(noteId: string): Promise<StoredNote | undefined>;
  /**
   * Records a step's outcome (creates the record when a step fails before the note exists).
   * `delivered` can be marked done only once a DocumentReference id is recorded.
   */
  markStep(noteId: string, step: NoteStep, outcome: StepOutcome): Promise<void>;
  /**
   * Records Epic's DocumentReference id. The first id wins; returns the id the store keeps.
   * @throws NoteNotFoundError when the note is not stored.
   */
  recordDocumentReference(noteId: string, documentReferenceId: string): Promise<string>;
  /**
   * Marks `step` in progress for `claim.owner` until the lease expires, unless another owner holds an
   * unexpired lease (then `claimed` is false). A conditional write, so of two concurrent runs only one
   * claims; the same owner may claim again to renew.
   * @throws NoteNotFoundError when the note is not stored.
   */
  claimStep(noteId: string, step: NoteStep, claim: StepClaim): Promise<ClaimResult>;
  /** Ends `owner`'s lease on `step`, if it still holds it (a lease taken over after expiry is left alone). */
  releaseStep(noteId: string, step: NoteStep, owner: string): Promise<void>;
}

/** Options common to both adapters. */
export interface NoteStoreOptions {
  /** @default systemClock */
  readonly clock?: Clock;
}

/** Local-mode adapter: an in-process map (one process, lost on exit). */
export class MemoryNoteStore implements NoteStore {
  readonly #clock: Clock;
  readonly #items = new Map<string, StoredNote>();
  /** Leases by `<noteId>#<step>`. */
  readonly #leases = new Map<string, { readonly owner: string; readonly expiresAt: number }>();

  public constructor(options: NoteStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  public async putIfAbsent(note: SymptomNote, doneSteps: readonly NoteStep[] = ['stored']) {
    const existing = this.#items.get(note.noteId);
    if (existing?.note) return { created: false, stored: structuredClone(existing) };
    const at = new Date(this.#clock.now()).toISOString();
    const steps = { ...existing?.steps, ...Object.fromEntries(doneSteps.map((step) => [step, { state: 'done', at }])) };
    const stored: StoredNote = { ...existing, noteId: note.noteId, note: structuredClone(note), steps, contactId: existing?.contactId ?? note.contactId };
    this.#items.set(note.noteId, stored);
    return { created: true, stored: structuredClone(stored) };
  }

  public async get(noteId: string): Promise<StoredNote | undefined> {
    const stored = this.#items.get(noteId);
    return stored ? structuredClone(stored) : undefined;
  }

  public async markStep(noteId: string, step: NoteStep, outcome: StepOutcome): Promise<void> {
    const existing: StoredNote = this.#items.get(noteId) ?? { noteId, steps: {} };
    if (step === 'delivered' && !outcome.error && !existing.documentReferenceId) {
      throw new NoteStoreError(`Note ${noteId} cannot be marked delivered before its DocumentReference id is recorded`);
    }
    const contactId = existing.contactId ?? outcome.contactId;
    this.#items.set(noteId, { ...existing, ...(contactId ? { contactId } : {}), steps: { ...existing.steps, [step]: status(this.#clock, outcome) } });
  }

  public async recordDocumentReference(noteId: string, documentReferenceId: string): Promise<string> {
    const existing = this.#items.get(noteId);
    if (!existing?.note) throw new NoteNotFoundError(noteId);
    if (existing.documentReferenceId) return existing.documentReferenceId;
    this.#items.set(noteId, { ...existing, documentReferenceId });
    return documentReferenceId;
  }

  public async claimStep(noteId: string, step: NoteStep, claim: StepClaim): Promise<ClaimResult> {
    const existing = this.#items.get(noteId);
    if (!existing?.note) throw new NoteNotFoundError(noteId);
    const key = `${noteId}#${step}`;
    const now = this.#clock.now();
    const lease = this.#leases.get(key);
    if (lease && lease.owner !== claim.owner && lease.expiresAt > now) return { claimed: false, stored: structuredClone(existing) };
    this.#leases.set(key, { owner: claim.owner, expiresAt: now + claim.leaseMs });
    return { claimed: true, stored: structuredClone(existing) };
  }

  public async releaseStep(noteId: string, step: NoteStep, owner: string): Promise<void> {
    const key = `${noteId}#${step}`;
    if (this.#leases.get(key)?.owner === owner) this.#leases.delete(key);
  }
}

function status(clock: Clock, outcome: StepOutcome): StepStatus {
  const at = new Date(clock.now()).toISOString();
  if (outcome.error) return { state: 'failed', at, error: outcome.error };
  return outcome.result ? { state: 'done', at, result: outcome.result } : { state: 'done', at };
}

/** Options of {@link DynamoNoteStore}. */
export interface DynamoNoteStoreOptions extends NoteStoreOptions {
  /** A DocumentClient (`DynamoDBDocumentClient.from(new DynamoDBClient({}))`). */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Days the note stays in the table after it is created (TTL); Epic keeps the record. @default 30 */
  readonly retentionDays?: number;
}

/** Partition key of a note: `note#<id>`, so the table can hold other item kinds later. */
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
 */
export class DynamoNoteStore implements NoteStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;
  readonly #retentionSeconds: number;

  public constructor(options: DynamoNoteStoreOptions) {
    if (!options.tableName) throw new TypeError('DynamoNoteStore needs a tableName');
    const days = options.retentionDays ?? 30;
    if (!Number.isInteger(days) || days < 1) throw new RangeError('retentionDays must be a positive integer');
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock ?? systemClock;
    this.#retentionSeconds = days * 86_400;
  }

  public async putIfAbsent(note: SymptomNote, doneSteps: readonly NoteStep[] = ['stored']) {
    const now = this.#clock.now();
    const at = new Date(now).toISOString();
    const names: Record<string, string> = { '#note': 'note' };
    const values: Record<string, unknown> = { ':note': note, ':noteId': note.noteId, ':createdAt': at, ':expiresAt': Math.floor(now / 1000) + this.#retentionSeconds };
    const sets = ['#note = :note', 'noteId = :noteId', 'createdAt = :createdAt', 'expiresAt = :expiresAt'];
    doneSteps.forEach((step, index) => {
      names[`#s${index}`] = `step_${step}`;
      values[`:s${index}`] = { state: 'done', at };
      sets.push(`#s${index} = :s${index}`);
    });
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: noteKey(note.noteId) },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#note)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw storeError('put', note.noteId, error);
      const stored = await this.get(note.noteId);
      if (!stored) throw new NoteStoreError(`Note ${note.noteId} vanished during a conditional put`);
      return { created: false, stored };
    }
    return { created: true, stored: (await this.get(note.noteId)) as StoredNote };
  }

  public async get(noteId: string): Promise<StoredNote | undefined> {
    let item: Record<string, unknown> | undefined;
    try {
      item = (await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { pk: noteKey(noteId) }, ConsistentRead: true }))).Item;
    } catch (error) {
      throw storeError('read', noteId, error);
    }
    return item ? toStoredNote(noteId, item) : undefined;
  }

  public async markStep(noteId: string, step: NoteStep, outcome: StepOutcome): Promise<void> {
    const mustHaveDocument = step === 'delivered' && !outcome.error;
    const withContact = outcome.contactId !== undefined;
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: noteKey(noteId) },
          UpdateExpression: `SET #step = :status, noteId = :noteId${withContact ? ', contactId = if_not_exists(contactId, :contactId)' : ''}`,
          ...(mustHaveDocument ? { ConditionExpression: 'attribute_exists(documentReferenceId)' } : {}),
          ExpressionAttributeNames: { '#step': `step_${step}` },
          ExpressionAttributeValues: { ':status': status(this.#clock, outcome), ':noteId': noteId, ...(withContact ? { ':contactId': outcome.contactId } : {}) },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new NoteStoreError(`Note ${noteId} cannot be marked delivered before its DocumentReference id is recorded`, { cause: error });
      }
      throw storeError('update', noteId, error);
    }
  }

  public async recordDocumentReference(noteId: string, documentReferenceId: string): Promise<string> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: noteKey(noteId) },
          UpdateExpression: 'SET documentReferenceId = :id',
          ConditionExpression: 'attribute_exists(#note) AND attribute_not_exists(documentReferenceId)',
          ExpressionAttributeNames: { '#note': 'note' },
          ExpressionAttributeValues: { ':id': documentReferenceId },
        }),
      );
      return documentReferenceId;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw storeError('update', noteId, error);
      const stored = await this.get(noteId);
      if (!stored?.note) throw new NoteNotFoundError(noteId, { cause: error });
      return stored.documentReferenceId as string;
    }
  }

  /** Lease attributes are `leaseOwner_<step>` and `leaseUntil_<step>` (epoch ms), beside the step's status. */
  public async claimStep(noteId: string, step: NoteStep, claim: StepClaim): Promise<ClaimResult> {
    const now = this.#clock.now();
    let item: Record<string, unknown> | undefined;
    try {
      item = (
        await this.#client.send(
          new UpdateCommand({
            TableName: this.#tableName,
            Key: { pk: noteKey(noteId) },
            UpdateExpression: 'SET #owner = :owner, #until = :until',
            ConditionExpression: 'attribute_exists(#note) AND (attribute_not_exists(#until) OR #until <= :now OR #owner = :owner)',
            ExpressionAttributeNames: { '#note': 'note', '#owner': `leaseOwner_${step}`, '#until': `leaseUntil_${step}` },
            ExpressionAttributeValues: { ':owner': claim.owner, ':until': now + claim.leaseMs, ':now': now },
            ReturnValues: 'ALL_NEW',
          }),
        )
      ).Attributes;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw storeError('claim a step of', noteId, error);
      const stored = await this.get(noteId);
      if (!stored?.note) throw new NoteNotFoundError(noteId, { cause: error });
      return { claimed: false, stored };
    }
    if (!item) throw new NoteStoreError(`Note ${noteId} returned no attributes after a claim`);
    return { claimed: true, stored: toStoredNote(noteId, item) };
  }

  public async releaseStep(noteId: string, step: NoteStep, owner: string): Promise<void> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: noteKey(noteId) },
          UpdateExpression: 'REMOVE #owner, #until',
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': `leaseOwner_${step}`, '#until': `leaseUntil_${step}` },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error) {
      // Another run took the lease over after it expired: it is theirs now.
      if (error instanceof ConditionalCheckFailedException) return;
      throw storeError('release a step of', noteId, error);
    }
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

function storeError(action: string, noteId: string, error: unknown): NoteStoreError {
  const name = error instanceof Error ? error.name : 'UnknownError';
  return new NoteStoreError(`Could not ${action} symptom note ${noteId} in DynamoDB (${name})`, { cause: error });
}
