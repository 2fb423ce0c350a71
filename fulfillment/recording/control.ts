import { randomUUID } from 'node:crypto';
import type { Clock } from '../runtime/clock';
import { CAPTURE_MESSAGE_ID_KEY, CAPTURE_RESULTS, CAPTURE_TRIAGE, CAPTURE_TRIAGE_FLAG_KEY, CAPTURE_TRIAGE_KEY, type CaptureResult } from '../../contract';
import { errorName } from '../runtime/errors';
import { logger } from '../runtime/logger';
import { InvalidSessionToken, type SessionClaims, type SessionTokenService } from '../session';
import { assertNoteId } from '../notes/note';
import { CaptureQueueError } from './errors';
import { refuseStream, type ConnectStreams } from './connectStreams';
import type { ContactEvent, FlowInvocation } from './controlEvents';
import { stopWithinJob, type CaptureClose, type CaptureJob, type CaptureJobStore, type CaptureStop } from './jobs';
import type { CaptureQueue } from './queue';
import { startLiveTranscription, type LiveTranscriptionStarter } from './liveStart';
import type { MessageTriage } from './triage';

/**
 * What the recording-control function does with each event: start a message (verify the caller, register the
 * job), stop it (close and hand it to the queue), and close it when the caller hangs up mid-message.
 */

/** Everything the capture steps use, built once per container. */
export interface RecordingControlDeps {
  readonly sessions: SessionTokenService;
  readonly store: CaptureJobStore;
  readonly queue: CaptureQueue;
  readonly clock: Clock;
  /** Events of any other instance are ignored. `undefined` accepts any instance (local mode only). */
  readonly connectInstanceArn: string | undefined;
  /** The only streams a start may name as the caller's audio. `undefined` accepts any stream (local mode only). */
  readonly connectStreams: ConnectStreams | undefined;
  /** New note ids. @default randomUUID */
  readonly newNoteId?: () => string;
  /** Starts the live transcriber of a new message (issue 17). Absent: no live transcription. */
  readonly liveTranscriber?: LiveTranscriptionStarter;
  /** The live triage at `#` (issue 17). @default none: no `triage` in the stop's answer, the flow goes on as before */
  readonly triage?: MessageTriage;
}

/** Outcome of a flow step: what the flow hears, and a detail safe to log (a reason, never a value). */
export interface ControlOutcome {
  readonly result: CaptureResult;
  readonly detail?: string;
  /** The step refused what points at a misconfiguration or a forged event: its log line is a warning. */
  readonly warn?: boolean;
  /** More keys of the flow's answer (the stop's triage, red flag id and message id): ids and codes only. */
  readonly answer?: Readonly<Record<string, string>>;
  /** Safe-to-log codes of the triage (decision, reason), for the log line. */
  readonly triage?: { readonly triage: string; readonly reason: string };
}

/** Outcome of closing a job and handing it to the queue; `undefined` from {@link closeAndEnqueue} when there is no job. */
export interface HandOff {
  readonly job: CaptureJob;
  /** Whether this attempt closed the job (exactly one does). */
  readonly won: boolean;
  /** Whether this attempt sent the queue message (false when an earlier attempt had). */
  readonly sent: boolean;
}

/**
 * The flow's `start`: verifies the session token for this contact, then registers the job at once,
 * before the caller says a word, so a hang-up mid-message still finds it. A stream that is not one
 * of the instance's (`deps.connectStreams`) is refused as `noStream`, with nothing stored: the flow
 * cannot tell a stream this deployment may not read from none at all (both take it to "recording
 * unavailable"), while `error` stays the answer of a function that failed; the warning names the
 * reason, never the ARN or its account.
 *
 * @example
 * const { result } = await startCapture(invocation, deps); // 'started'
 */
export async function startCapture(invocation: FlowInvocation, deps: RecordingControlDeps): Promise<ControlOutcome> {
  const verified = await verify(invocation, deps);
  if ('refused' in verified) return verified.refused;
  const audio = invocation.audio;
  if (!audio) return { result: CAPTURE_RESULTS.noStream };
  const refusal = deps.connectStreams ? refuseStream(audio.streamArn, deps.connectStreams) : undefined;
  if (refusal) return { result: CAPTURE_RESULTS.noStream, detail: refusal, warn: true };
  const noteId = (deps.newNoteId ?? randomUUID)();
  assertNoteId(noteId);
  const job: CaptureJob = {
    contactId: invocation.contactId,
    noteId,
    patientId: verified.claims.patientId,
    streamArn: audio.streamArn,
    startFragmentNumber: audio.startFragmentNumber,
    ...(audio.startTimestampMs !== undefined ? { startTimestampMs: audio.startTimestampMs } : {}),
    language: invocation.language,
    status: 'open',
    openedAt: isoNow(deps.clock),
  };
  const { created } = await deps.store.open(job);
  if (!created) return { result: CAPTURE_RESULTS.alreadyRecorded };
  // After the job is stored, so a message never depends on the live path; its outcome is the step's log label.
  if (deps.liveTranscriber) return { result: CAPTURE_RESULTS.started, detail: await startLiveTranscription(deps.liveTranscriber, job) };
  return { result: CAPTURE_RESULTS.started };
}

/**
 * The flow's `stop`: verifies the token again, closes the job with where Connect says the audio stops
 * (`closedBy: 'caller'`) and hands it to the queue. A failed send leaves the job closed and not
 * enqueued, so the contact's DISCONNECTED event sends it; the flow hears `saved`. When the
 * DISCONNECTED event closed the job first (the events raced), the stop still records where the audio
 * stops if that falls within the job ({@link stopWithinJob}), before any send of its own; a worker
 * that already read the job keeps the recording it made (the recording is written once).
 *
 * @example
 * const { result } = await stopCapture(invocation, deps); // 'closed'
 */
export async function stopCapture(invocation: FlowInvocation, deps: RecordingControlDeps): Promise<ControlOutcome> {
  const verified = await verify(invocation, deps);
  if ('refused' in verified) return verified.refused;
  const existing = await deps.store.get(invocation.contactId);
  if (!existing) return { result: CAPTURE_RESULTS.noCapture };
  // The caller verified again mid-call as someone else: the message stays theirs, closed at hang-up.
  if (existing.patientId !== verified.claims.patientId) return { result: CAPTURE_RESULTS.invalidSession, detail: 'otherPatient' };
  const close: CaptureClose = {
    closedBy: 'caller',
    closedAt: isoNow(deps.clock),
    // Connect gives a stop timestamp once the flow stopped streaming. Without one (the stop block
    // failed) the stream keeps the rest of the call, so the message is bounded here instead.
    stopTimestampMs: invocation.audio?.stopTimestampMs ?? deps.clock.now(),
    ...(invocation.audio?.stopFragmentNumber !== undefined ? { stopFragmentNumber: invocation.audio.stopFragmentNumber } : {}),
  };
  // After a hang-up only Connect's own stop timestamp says where the message ends: the stream ended
  // with the contact, so the bound above (this stop's arrival) would say nothing.
  const stop: CaptureStop | undefined =
    invocation.audio?.stopTimestampMs !== undefined ? { stopTimestampMs: invocation.audio.stopTimestampMs, ...(close.stopFragmentNumber !== undefined ? { stopFragmentNumber: close.stopFragmentNumber } : {}) } : undefined;
  try {
    let late = existing.status === 'closed' ? await recordLateStop(existing, stop, deps) : undefined;
    const handOff = await closeAndEnqueue(invocation.contactId, close, deps);
    if (!handOff) return { result: CAPTURE_RESULTS.noCapture };
    // Open when read, closed by the hang-up before this close: the same late stop.
    if (!handOff.won && late === undefined) late = await recordLateStop(handOff.job, stop, deps);
    return { result: CAPTURE_RESULTS.closed, detail: handOff.won ? 'closedNow' : (late ?? 'closedBefore'), ...(await triageOf(handOff.job, deps)) };
  } catch (error) {
    if (error instanceof CaptureQueueError) return { result: CAPTURE_RESULTS.saved, detail: 'sendFailed', ...(await triageOf(existing, deps)) };
    throw error;
  }
}

/**
 * The live triage of the message for the stop's answer: `triage`, and for an urgent message the red
 * flag's id and the message id (the note id) for the nurse. Any failure is `unknown` (the caller
 * goes on as before; the pipeline still checks red flags); no triage configured adds nothing.
 */
async function triageOf(job: CaptureJob, deps: RecordingControlDeps): Promise<Pick<ControlOutcome, 'answer' | 'triage'>> {
  if (!deps.triage) return {};
  let outcome;
  try {
    outcome = await deps.triage.decide(job);
  } catch (error) {
    outcome = { triage: CAPTURE_TRIAGE.unknown, reason: `error:${errorName(error)}` };
  }
  const urgent = outcome.triage === CAPTURE_TRIAGE.urgent;
  return {
    answer: {
      [CAPTURE_TRIAGE_KEY]: outcome.triage,
      ...(urgent && outcome.flag ? { [CAPTURE_TRIAGE_FLAG_KEY]: outcome.flag } : {}),
      ...(urgent ? { [CAPTURE_MESSAGE_ID_KEY]: job.noteId } : {}),
    },
    triage: { triage: outcome.triage, reason: outcome.reason },
  };
}

/** What a stop did to a job closed before it, safe to log. */
type LateStopOutcome = 'closedBefore' | 'lateStopRecorded' | 'lateStopOutsideJob';

/** Records Connect's stop on a job the hang-up closed without one, if it falls within the job. */
async function recordLateStop(job: CaptureJob, stop: CaptureStop | undefined, deps: RecordingControlDeps): Promise<LateStopOutcome> {
  if (!stop || job.closedBy !== 'disconnect' || job.stopTimestampMs !== undefined) return 'closedBefore';
  if (!stopWithinJob(job, stop.stopTimestampMs)) return 'lateStopOutsideJob';
  const stored = await deps.store.recordLateStop(job.contactId, stop);
  return stored?.recorded ? 'lateStopRecorded' : 'closedBefore';
}

/** Outcome of {@link closeOnDisconnect}, safe to log. */
export type DisconnectOutcome = 'ignored' | 'noJob' | 'sent' | 'alreadySent';

/**
 * A contact event: on DISCONNECTED, closes the contact's open job (`closedBy: 'disconnect'`, no stop
 * timestamp: the audio runs to the contact's end) and hands it to the queue; sends again a job closed
 * earlier whose send failed. Other event types are ignored.
 *
 * @throws {CaptureQueueError} when the send fails, so EventBridge retries the event
 * @example
 * await closeOnDisconnect({ kind: 'contactEvent', eventType: 'DISCONNECTED', contactId, instanceArn }, deps);
 */
export async function closeOnDisconnect(event: ContactEvent, deps: RecordingControlDeps): Promise<DisconnectOutcome> {
  if (event.eventType !== 'DISCONNECTED') return 'ignored';
  const handOff = await closeAndEnqueue(event.contactId, { closedBy: 'disconnect', closedAt: isoNow(deps.clock) }, deps);
  if (!handOff) return 'noJob';
  return handOff.sent ? 'sent' : 'alreadySent';
}

/**
 * Closes the contact's job if it is open (one close wins), then sends it unless an earlier attempt
 * did. `enqueuedAt` is recorded only after a successful send; a send that succeeded but could not be
 * recorded is sent again by a later attempt, which the idempotent worker absorbs.
 *
 * @throws {CaptureQueueError} when the send fails
 */
export async function closeAndEnqueue(contactId: string, close: CaptureClose, deps: RecordingControlDeps): Promise<HandOff | undefined> {
  const closed = await deps.store.close(contactId, close);
  if (!closed) return undefined;
  if (closed.job.enqueuedAt) return { job: closed.job, won: closed.won, sent: false };
  await deps.queue.send({ contactId, noteId: closed.job.noteId });
  const enqueuedAt = isoNow(deps.clock);
  try {
    await deps.store.markEnqueued(contactId, enqueuedAt);
  } catch (error) {
    logger.warn('capture job sent but not marked enqueued', { event: 'capture.markEnqueuedFailed', contactId, errorName: errorName(error) });
    return { job: closed.job, won: closed.won, sent: true };
  }
  return { job: { ...closed.job, enqueuedAt: closed.job.enqueuedAt ?? enqueuedAt }, won: closed.won, sent: true };
}

/** Whether an event of `instanceArn` is this deployment's to handle. */
export function acceptsInstance(instanceArn: string, deps: Pick<RecordingControlDeps, 'connectInstanceArn'>): boolean {
  return deps.connectInstanceArn === undefined || deps.connectInstanceArn === instanceArn;
}

async function verify(invocation: FlowInvocation, deps: RecordingControlDeps): Promise<{ readonly claims: SessionClaims } | { readonly refused: ControlOutcome }> {
  try {
    return { claims: await deps.sessions.verify(invocation.sessionToken, { sessionId: invocation.contactId }) };
  } catch (error) {
    if (error instanceof InvalidSessionToken) return { refused: { result: CAPTURE_RESULTS.invalidSession, detail: error.reason } };
    throw error;
  }
}

function isoNow(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}
