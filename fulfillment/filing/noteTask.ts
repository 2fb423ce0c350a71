import { randomUUID } from 'node:crypto';
import { TASK_KINDS, TASK_URGENCIES } from '../../contract';
import type { SymptomNote } from '../notes/note';
import type { NoteStore, StoredNote } from '../notes/store';
import { logger as defaultLogger, type StructuredLogger } from '../runtime/logger';
import { taskErrorCode, type CareTeamTask, type TaskCreator } from '../tasks';
import { DELIVERY_ATTEMPTS, STEP_IN_PROGRESS } from './delivery';
import { inboxMessageUrl } from './notifier';

/**
 * Failed attempts after which the pipeline stops trying to create a message's task: as many as it
 * tries to file it in Epic, the capture queue's `maxReceiveCount` (each receive of the note's
 * transcription check tries once; `infra/lib/SymptomPipeline.ts`, a test keeps them equal). After the
 * last one the message has "no task": it stays in the inbox, the care-team e-mail still goes out,
 * and the `symptoms.task.gaveUp` log event fires an alarm.
 */
export const TASK_ATTEMPTS = DELIVERY_ATTEMPTS;

/** How long a run holds the `tasked` step's lease: far above a `StartTaskContact` with the SDK's retries. */
export const TASK_LEASE_MS = 60_000;

/** What {@link createNoteTask} needs. */
export interface NoteTaskDeps {
  readonly tasks: TaskCreator;
  readonly store: NoteStore;
  /** Public origin of the care-team inbox (config `INBOX_BASE_URL`): the task links to the message's page. @default no link */
  readonly inboxBaseUrl?: string;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
  /** Owner token of this run's lease, unique per call. @default crypto.randomUUID */
  readonly newOwner?: () => string;
}

/** Outcome of {@link createNoteTask}. Failures are recorded in the store, not thrown. No PHI: safe to log. */
export interface NoteTaskResult {
  /** The task exists (made now or by an earlier run). */
  readonly tasked: boolean;
  /** Its contact id in Amazon Connect. */
  readonly taskContactId?: string;
  /** Every attempt failed: the pipeline has given up on the task ("no task"). */
  readonly noTask?: boolean;
  /**
   * Why this run made no task: the failure's code (retried later unless {@link noTask}), or
   * {@link STEP_IN_PROGRESS} when another live run holds the step.
   */
  readonly error?: string;
}

/**
 * The care team's task of a symptom message: kind `message` (what the work is: a message a caller
 * left; `refill` for a refill request), urgency `urgent` when the note has a red flag (what the flow routes by), the note id as the
 * item id, the call's contact id, and the message's page in the inbox. Refill requests and urgent
 * messages build their own `CareTeamTask` and call the same `TaskCreator`.
 *
 * @example
 * noteTask(note, 'https://inbox.example'); // { kind: 'message', urgency: 'urgent', itemId: note.noteId, … }
 */
export function noteTask(note: SymptomNote, inboxBaseUrl?: string): CareTeamTask {
  return {
    kind: note.kind === 'refill' ? TASK_KINDS.refill : TASK_KINDS.message,
    urgency: note.urgent ? TASK_URGENCIES.urgent : TASK_URGENCIES.routine,
    itemId: note.noteId,
    relatedContactId: note.contactId,
    ...(inboxBaseUrl === undefined ? {} : { inboxUrl: inboxMessageUrl(inboxBaseUrl, note.noteId) }),
  };
}

/** True when the pipeline has given up on the note's task: its last attempt failed and none are left. */
export function taskGivenUp(stored: Pick<StoredNote, 'taskContactId' | 'taskFailures' | 'steps'>): boolean {
  return stored.taskContactId === undefined && stored.steps.tasked?.state === 'failed' && (stored.taskFailures ?? 0) >= TASK_ATTEMPTS;
}

/**
 * Creates the care team's task of a stored note in Amazon Connect, once. Safe to repeat and to run
 * twice at once, like the filing in Epic:
 * - a task contact id already in the store means it exists: nothing is sent;
 * - a note whose {@link TASK_ATTEMPTS} attempts all failed has "no task": nothing is sent any more;
 * - otherwise the run claims `tasked` (a lease of {@link TASK_LEASE_MS}); a run that cannot claim it
 *   returns `error: StepInProgress` without calling Connect, so its caller retries later;
 * - the task is created with the note id as `ClientToken`: a run that crashed after Connect made the
 *   task, and before its contact id was stored, gets the same task back on the next attempt;
 * - the contact id is stored before `tasked` is marked done; a failure is marked on `tasked` (its code,
 *   e.g. `TaskThrottledError:ThrottlingException`) and counted. The last one logs
 *   `symptoms.task.gaveUp` at error level, which the stack's "no task" alarm counts.
 * A failed store read or write is thrown (the queue retries the whole message).
 *
 * @example
 * const task = await createNoteTask(note, { tasks, store, inboxBaseUrl });
 * if (task.error && !task.noTask) throw new Error('retry later');
 */
export async function createNoteTask(note: SymptomNote, deps: NoteTaskDeps): Promise<NoteTaskResult> {
  const log = deps.logger ?? defaultLogger;
  const { store } = deps;
  const { noteId } = note;
  const stored = await store.get(noteId);
  if (stored?.taskContactId) return { tasked: true, taskContactId: stored.taskContactId };
  // Paged at `#` with an urgent task already (same ClientToken, the note id): that task is the message's.
  const liveTask = (stored?.note ?? note).livePage?.taskContactId;
  if (liveTask) {
    const taskContactId = await store.recordTaskContact(noteId, liveTask);
    await store.markStep(noteId, 'tasked', {});
    log.info('care-team task created at # reused', { event: 'symptoms.task.live', noteId, contactId: note.contactId, taskContactId });
    return { tasked: true, taskContactId };
  }
  if (stored && taskGivenUp(stored)) return { tasked: false, noTask: true };
  const owner = (deps.newOwner ?? randomUUID)();
  const claim = await store.claimStep(noteId, 'tasked', { owner, leaseMs: TASK_LEASE_MS });
  if (!claim.claimed) {
    log.info('care-team task step held by another run; retry later', { event: 'symptoms.task.inProgress', noteId });
    return { tasked: false, error: STEP_IN_PROGRESS };
  }
  try {
    if (claim.stored.taskContactId) return { tasked: true, taskContactId: claim.stored.taskContactId };
    const task = noteTask(claim.stored.note ?? note, deps.inboxBaseUrl);
    let created;
    try {
      created = await deps.tasks.create(task);
    } catch (error) {
      const code = taskErrorCode(error);
      await store.markStep(noteId, 'tasked', { error: code });
      const attempts = (claim.stored.taskFailures ?? 0) + 1;
      const context = { noteId, contactId: note.contactId, kind: task.kind, urgency: task.urgency, attempt: attempts, error: code };
      if (attempts >= TASK_ATTEMPTS) {
        log.error('no care-team task: creating it in Amazon Connect failed on every attempt; the message stays in the inbox', { event: 'symptoms.task.gaveUp', ...context });
        return { tasked: false, noTask: true, error: code };
      }
      log.warn('care-team task creation failed; marked for retry', { event: 'symptoms.task.failed', ...context });
      return { tasked: false, error: code };
    }
    const taskContactId = await store.recordTaskContact(noteId, created.contactId);
    await store.markStep(noteId, 'tasked', {});
    log.info('care-team task created', { event: 'symptoms.task.created', noteId, contactId: note.contactId, taskContactId, kind: task.kind, urgency: task.urgency });
    return { tasked: true, taskContactId };
  } finally {
    await store.releaseStep(noteId, 'tasked', owner);
  }
}
