/**
 * Live triage of a spoken message at `#` (issue 17): the decision from the live transcript with the
 * one red-flag rule set, recorded on the capture job, and the page of the care team for an urgent
 * message, once (the durable "paged" marker the pipeline checks). The stop call reaches it through
 * the `MessageTriage` port of `recording/`.
 */
export { decideFromLiveTranscript, LIVE_TRIAGE_POLL_MS, LIVE_TRIAGE_QUIET_MS, LIVE_TRIAGE_WAIT_MS, type LiveDecision, type LiveDecisionOptions } from './liveDecision';
export { LiveMessageTriage, type LiveTriageDeps } from './liveTriage';
export { pageUrgentMessage, type UrgentPageDeps, type UrgentPageResult } from './urgentPage';
