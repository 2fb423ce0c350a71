import { CAPTURE_TRIAGE } from '../../contract';
import { RED_FLAG_RULES_VERSION } from '../notes/redFlags';
import type { CaptureJob, CaptureJobStore, MessageTriage, MessageTriageOutcome } from '../recording';
import { errorName } from '../runtime/errors';
import type { Clock } from '../runtime/clock';
import { logger as defaultLogger, type StructuredLogger } from '../runtime/logger';
import type { LiveTranscriptStore } from '../transcription/live';
import { decideFromLiveTranscript } from './liveDecision';
import { pageUrgentMessage, type UrgentPageDeps } from './urgentPage';

/** What {@link LiveMessageTriage} needs. */
export interface LiveTriageDeps {
  /** The live transcripts the live transcriber writes. */
  readonly transcripts: LiveTranscriptStore;
  /** The capture jobs: the decision and the "paged" marker are recorded on them. */
  readonly jobs: Pick<CaptureJobStore, 'recordTriage' | 'claimUrgentPage' | 'completeUrgentPage'>;
  readonly notifier: UrgentPageDeps['notifier'];
  readonly tasks: UrgentPageDeps['tasks'];
  readonly clock: Clock;
  readonly inboxBaseUrl?: string;
  /** Longest wait for the live transcript's end. @default LIVE_TRIAGE_WAIT_MS (2 s) */
  readonly waitMs?: number;
  /** @default LIVE_TRIAGE_POLL_MS */
  readonly pollMs?: number;
  /** Quiet (no new final segment) after which the final segments are judged without the end. @default LIVE_TRIAGE_QUIET_MS */
  readonly quietMs?: number;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
}

/**
 * The live triage of the stop call (the {@link MessageTriage} port of `recording/`): decides from the
 * live transcript (at most 2 s of waiting: its end, or its final segments once quiet), records the decision on the capture job (triage, red flag
 * id, rules version, decided-at; no words), and pages the care team for an urgent message before
 * answering, so the page leaves while the caller hears the 911 advice. A failed record or page never
 * changes the decision: the caller goes to the nurse all the same.
 *
 * @example
 * const triage = new LiveMessageTriage({ transcripts, jobs, notifier, tasks, clock });
 * const { triage: decision } = await triage.decide(job); // 'urgent' | 'routine' | 'unknown'
 */
export class LiveMessageTriage implements MessageTriage {
  readonly #deps: LiveTriageDeps;

  public constructor(deps: LiveTriageDeps) {
    this.#deps = deps;
  }

  public async decide(job: CaptureJob): Promise<MessageTriageOutcome> {
    const deps = this.#deps;
    const log = deps.logger ?? defaultLogger;
    let decision;
    try {
      decision = await decideFromLiveTranscript(job.contactId, deps, RED_FLAG_RULES_VERSION);
    } catch (error) {
      decision = { triage: CAPTURE_TRIAGE.unknown, reason: 'liveUnreadable' as const, rulesVersion: RED_FLAG_RULES_VERSION, errorName: errorName(error) };
    }
    const decidedAt = new Date(deps.clock.now()).toISOString();
    try {
      await deps.jobs.recordTriage(job.contactId, { triage: decision.triage, ...(decision.flag ? { flag: decision.flag } : {}), rulesVersion: decision.rulesVersion, decidedAt, reason: decision.reason });
    } catch (error) {
      log.warn('live triage not recorded on the job', { event: 'triage.recordFailed', contactId: job.contactId, errorName: errorName(error) });
    }
    if (decision.triage === CAPTURE_TRIAGE.urgent) {
      try {
        await pageUrgentMessage(job, { ...deps, logger: log });
      } catch (error) {
        log.error('urgent page failed; the pipeline pages later', { event: 'triage.page', contactId: job.contactId, noteId: job.noteId, outcome: 'error', errorName: errorName(error) });
      }
    }
    log.info('live triage', { event: 'triage.decided', contactId: job.contactId, noteId: job.noteId, triage: decision.triage, reason: decision.reason, rulesVersion: decision.rulesVersion });
    return { triage: decision.triage, ...(decision.flag ? { flag: decision.flag } : {}), reason: decision.reason };
  }
}
