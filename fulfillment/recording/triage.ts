import type { CaptureTriage, RedFlagId } from '../../contract';
import type { CaptureJob } from './jobs';

/**
 * Port: the live triage of a message at `#` (issue 17), as the stop call sees it. The implementation
 * (`fulfillment/triage/`) waits briefly for the live transcript, judges it with the red-flag rules,
 * records the decision on the job and pages the care team for an urgent message; the stop call only
 * passes the closed job and hands the answer to the flow.
 */
export interface MessageTriage {
  /** Never throws for a missing, failed or late live transcript: those are `unknown`. */
  decide(job: CaptureJob): Promise<MessageTriageOutcome>;
}

/** What the flow hears of the triage: the decision and, for an urgent message, the red flag's id. */
export interface MessageTriageOutcome {
  readonly triage: CaptureTriage;
  /** The red flag of an urgent message (an id, never words). */
  readonly flag?: RedFlagId;
  /** Why `unknown`, or `decided`: a code safe to log. */
  readonly reason: string;
}
