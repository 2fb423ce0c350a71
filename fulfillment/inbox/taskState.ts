import { TASK_ATTEMPTS, taskGivenUp } from '../filing/noteTask';
import type { StoredNote } from '../notes/store';
import type { TaskStatus } from './ports';

/**
 * The message's task in Amazon Connect, from what the pipeline recorded:
 * - `created`: a task contact id is recorded (whatever failed before);
 * - `none` ("no task"): as many attempts failed as the pipeline makes ({@link TASK_ATTEMPTS}); nothing
 *   tries again, the "no task" alarm fired, the message is only in the inbox and the care-team e-mail;
 * - `pending`: otherwise, the pipeline is on it or will retry.
 *
 * @example
 * taskStatus({ taskContactId: 'c-1', steps: {} }); // { state: 'created', contactId: 'c-1' }
 */
export function taskStatus(stored: Pick<StoredNote, 'taskContactId' | 'taskFailures' | 'steps'>): TaskStatus {
  if (stored.taskContactId) return { state: 'created', contactId: stored.taskContactId };
  const failures = stored.taskFailures ?? 0;
  const lastError = stored.steps.tasked?.state === 'failed' ? stored.steps.tasked.error : undefined;
  if (taskGivenUp(stored)) {
    return {
      state: 'none',
      reason: `Creating the care team's task in Amazon Connect failed ${failures} times (last: ${lastError ?? 'unknown'}); the pipeline stopped trying. Handle this message from the inbox.`,
    };
  }
  if (lastError) return { state: 'pending', reason: `The last attempt to create the care team's task failed (${lastError}); it will be retried.` };
  return { state: 'pending' };
}
