import type { Clock } from '../../runtime/clock';
import type { SymptomNote } from '../note';

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
