import { TASK_KINDS, TASK_URGENCIES } from '../../contract';
import { inboxMessageUrl, type Notifier } from '../filing/notifier';
import type { CaptureJob, CaptureJobStore } from '../recording/jobs';
import { errorName } from '../runtime/errors';
import type { Clock } from '../runtime/clock';
import { logger as defaultLogger, type StructuredLogger } from '../runtime/logger';
import { taskErrorCode, type TaskCreator } from '../tasks';

/** What {@link pageUrgentMessage} needs. */
export interface UrgentPageDeps {
  /** Where the durable "paged" marker is written (the capture job). */
  readonly jobs: Pick<CaptureJobStore, 'claimUrgentPage' | 'completeUrgentPage'>;
  /** The care team's SNS topic (the pipeline's own notifier). */
  readonly notifier: Notifier;
  /** Amazon Connect tasks (the pipeline's own task creator). */
  readonly tasks: TaskCreator;
  readonly clock: Clock;
  /** Public origin of the care-team inbox (config `INBOX_BASE_URL`). @default no link */
  readonly inboxBaseUrl?: string;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
}

/** What the page did; no PHI, safe to log. */
export interface UrgentPageResult {
  /** False when another call had claimed the page: nothing was sent. */
  readonly claimed: boolean;
  readonly notified: boolean;
  readonly taskContactId?: string;
}

/**
 * Pages the care team for an urgent message at `#`, once: claims the page on the capture job (a
 * conditional write; a second claim sends nothing), then publishes the urgent notification (SNS, no
 * patient data: ids and the inbox link) and creates the urgent Connect task (kind `urgent`,
 * `ClientToken` = the note id) at the same time, and records what went out. The pipeline reads that
 * record and pages no second time (`filing/noteTask.ts`, `filing/delivery.ts`); what failed here it
 * sends itself later. Failures are logged and returned, never thrown: the caller is still on the line.
 *
 * @example
 * const page = await pageUrgentMessage(job, deps); // { claimed: true, notified: true, taskContactId: '…' }
 */
export async function pageUrgentMessage(job: Pick<CaptureJob, 'contactId' | 'noteId'>, deps: UrgentPageDeps): Promise<UrgentPageResult> {
  const log = deps.logger ?? defaultLogger;
  const base = { event: 'triage.page', contactId: job.contactId, noteId: job.noteId };
  const claimed = await deps.jobs.claimUrgentPage(job.contactId, new Date(deps.clock.now()).toISOString());
  if (!claimed) {
    log.info('urgent message already paged', { ...base, outcome: 'alreadyPaged' });
    return { claimed: false, notified: false };
  }
  const inboxUrl = deps.inboxBaseUrl === undefined ? undefined : inboxMessageUrl(deps.inboxBaseUrl, job.noteId);
  const [notified, task] = await Promise.allSettled([
    deps.notifier.notify({ noteId: job.noteId, urgent: true, stage: 'live' }),
    deps.tasks.create({ kind: TASK_KINDS.urgent, urgency: TASK_URGENCIES.urgent, itemId: job.noteId, relatedContactId: job.contactId, ...(inboxUrl ? { inboxUrl } : {}) }),
  ]);
  const result: UrgentPageResult = {
    claimed: true,
    notified: notified.status === 'fulfilled',
    ...(task.status === 'fulfilled' ? { taskContactId: task.value.contactId } : {}),
  };
  try {
    await deps.jobs.completeUrgentPage(job.contactId, { notified: result.notified, ...(result.taskContactId ? { taskContactId: result.taskContactId } : {}) });
  } catch (error) {
    // The pipeline then pages again what it cannot see was sent: one extra page beats none.
    log.warn('urgent page sent but not recorded', { ...base, outcome: 'notRecorded', errorName: errorName(error) });
  }
  log.info('urgent message paged', {
    ...base,
    outcome: result.notified && result.taskContactId ? 'paged' : 'partlyPaged',
    notified: result.notified,
    tasked: result.taskContactId !== undefined,
    ...(notified.status === 'rejected' ? { notifyError: errorName(notified.reason) } : {}),
    ...(task.status === 'rejected' ? { taskError: taskErrorCode(task.reason) } : {}),
  });
  return result;
}
