import type { Clock } from '../../runtime/clock';
import type { SymptomNote } from '../note';
import type { NoteListFilter } from './listing';

/**
 * The steps of a symptom message, in order: `recorded` (the caller's audio is a WAV in S3, or was
 * found empty or silent), `transcriptionStarted` (the Transcribe Medical job exists), `transcribed`,
 * `extracted`, `stored`, `tasked` (the care team's task exists in Amazon Connect), `delivered` (filed
 * in Epic), `notified` (the care team was told it is filed). `escalated` is off the main line: an
 * urgent note whose write-back failed was announced to the care team before it reached Epic.
 */
export const NOTE_STEPS = ['recorded', 'transcriptionStarted', 'transcribed', 'extracted', 'stored', 'tasked', 'delivered', 'notified', 'escalated'] as const;

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
  /** Failed write-backs to Epic so far (each `delivered` marked failed counts one). */
  readonly deliveryFailures?: number;
  /** Contact id of the care team's task in Amazon Connect, once created (the first one recorded stays). */
  readonly taskContactId?: string;
  /** Failed attempts to create the care team's task so far (each `tasked` marked failed counts one). */
  readonly taskFailures?: number;
  /** Set when the pipeline kept the note for staff to file instead of retrying (the first mark stays). */
  readonly keptForStaff?: KeptForStaff;
  /** A clinician's review (the first one stays). */
  readonly reviewed?: NoteReview;
  /** A clinician called the patient back (the first stamp stays). */
  readonly calledBack?: NoteStamp;
}

/** Who did something to a note in the inbox: the clinician's id (token `sub`) and display name. */
export interface NoteActor {
  readonly id: string;
  readonly displayName: string;
}

/** A clinician's stamp on a note. */
export interface NoteStamp {
  readonly by: NoteActor;
  /** ISO 8601 instant. */
  readonly at: string;
}

/** A review stamp, with the clinician's optional comment (plain text). */
export interface NoteReview extends NoteStamp {
  readonly comment?: string;
}

/** Why the pipeline keeps a note for staff: `encounterRequired` (Epic needs an encounter and none fits). */
export const KEPT_FOR_STAFF_REASONS = ['encounterRequired'] as const;

/** One of {@link KEPT_FOR_STAFF_REASONS}. */
export type KeptForStaffReason = (typeof KEPT_FOR_STAFF_REASONS)[number];

/** The pipeline's decision to leave a note for staff to file, with when it was made. */
export interface KeptForStaff {
  readonly reason: KeptForStaffReason;
  /** ISO 8601 instant. */
  readonly at: string;
}

/** One row of the inbox list: what the list shows and what the filing state is derived from, no transcript. */
export interface NoteSummary {
  readonly noteId: string;
  readonly patientId: string;
  readonly contactId?: string;
  /** ISO 8601 instant the note was built (the message's receipt). */
  readonly createdAt: string;
  readonly urgent: boolean;
  readonly chiefComplaint: string;
  readonly documentReferenceId?: string;
  /** The `delivered` step's status. */
  readonly delivered?: StepStatus;
  readonly deliveryFailures?: number;
  readonly keptForStaff?: KeptForStaff;
  readonly reviewed?: NoteReview;
  readonly calledBack?: NoteStamp;
}

/** What {@link NoteStore.list} is asked. */
export interface NoteListQuery {
  readonly filter: NoteListFilter;
  /** Rows per page, 1 to `MAX_LIST_LIMIT` (100). */
  readonly limit: number;
  /** From the previous page's `nextCursor`. */
  readonly cursor?: string;
}

/** One page of notes, urgent first then newest; `nextCursor` is absent on the last page. */
export interface NoteListPage {
  readonly items: readonly NoteSummary[];
  readonly nextCursor?: string;
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
   * `delivered` can be marked done only once a DocumentReference id is recorded, `tasked` only once a
   * task contact id is; a failed `delivered` or `tasked` adds one to its failure count.
   */
  markStep(noteId: string, step: NoteStep, outcome: StepOutcome): Promise<void>;
  /**
   * Records Epic's DocumentReference id. The first id wins; returns the id the store keeps.
   * @throws NoteNotFoundError when the note is not stored.
   */
  recordDocumentReference(noteId: string, documentReferenceId: string): Promise<string>;
  /**
   * Records the contact id of the note's care-team task in Amazon Connect. The first id wins; returns
   * the id the store keeps.
   * @throws NoteNotFoundError when the note is not stored.
   */
  recordTaskContact(noteId: string, taskContactId: string): Promise<string>;
  /**
   * Marks `step` in progress for `claim.owner` until the lease expires, unless another owner holds an
   * unexpired lease (then `claimed` is false). A conditional write, so of two concurrent runs only one
   * claims; the same owner may claim again to renew.
   * @throws NoteNotFoundError when the note is not stored.
   */
  claimStep(noteId: string, step: NoteStep, claim: StepClaim): Promise<ClaimResult>;
  /** Ends `owner`'s lease on `step`, if it still holds it (a lease taken over after expiry is left alone). */
  releaseStep(noteId: string, step: NoteStep, owner: string): Promise<void>;
  /**
   * Records that the note waits for staff to file it (the first mark stays; a later delivery failure
   * does not undo it).
   * @throws NoteNotFoundError when the note is not stored.
   */
  markKeptForStaff(noteId: string, reason: KeptForStaffReason): Promise<void>;
  /**
   * Records a clinician's review, unless the note is reviewed already: returns the review the store
   * keeps (the first one). A conditional write, so of two concurrent reviews the first stays.
   * @throws NoteNotFoundError when the note is not stored.
   */
  markReviewed(noteId: string, review: NoteReview): Promise<NoteReview>;
  /**
   * Records that a clinician called the patient back, unless already recorded: returns the stamp the
   * store keeps (the first one).
   * @throws NoteNotFoundError when the note is not stored.
   */
  markCalledBack(noteId: string, stamp: NoteStamp): Promise<NoteStamp>;
  /**
   * One page of stored notes for the inbox (see `listing.ts`: the filters, the order, the index).
   * @throws InvalidCursorError for a cursor this store did not make for the filter.
   * @throws RangeError for a limit out of range.
   */
  list(query: NoteListQuery): Promise<NoteListPage>;
}

/** Options common to both adapters. */
export interface NoteStoreOptions {
  /** @default systemClock */
  readonly clock?: Clock;
}

/**
 * The status a step's outcome is stored as, stamped with the clock's instant (both adapters store the same shape).
 *
 * @example
 * stepStatus(clock, { error: 'FhirUnavailableError' }) // { state: 'failed', at: '…', error: 'FhirUnavailableError' }
 */
export function stepStatus(clock: Clock, outcome: StepOutcome): StepStatus {
  const at = new Date(clock.now()).toISOString();
  if (outcome.error) return { state: 'failed', at, error: outcome.error };
  return outcome.result ? { state: 'done', at, result: outcome.result } : { state: 'done', at };
}

/**
 * The list row of a stored note, or `undefined` for a record without a note (a step failed before it).
 *
 * @example
 * const row = summaryOf(await store.get(noteId));
 */
export function summaryOf(stored: StoredNote | undefined): NoteSummary | undefined {
  const note = stored?.note;
  if (!stored || !note) return undefined;
  const contactId = stored.contactId ?? note.contactId;
  return {
    noteId: stored.noteId,
    patientId: note.patientId,
    ...(contactId ? { contactId } : {}),
    createdAt: note.createdAt,
    urgent: note.urgent,
    chiefComplaint: note.chiefComplaint,
    ...(stored.documentReferenceId ? { documentReferenceId: stored.documentReferenceId } : {}),
    ...(stored.steps.delivered ? { delivered: stored.steps.delivered } : {}),
    ...(stored.deliveryFailures ? { deliveryFailures: stored.deliveryFailures } : {}),
    ...(stored.keptForStaff ? { keptForStaff: stored.keptForStaff } : {}),
    ...(stored.reviewed ? { reviewed: stored.reviewed } : {}),
    ...(stored.calledBack ? { calledBack: stored.calledBack } : {}),
  };
}
