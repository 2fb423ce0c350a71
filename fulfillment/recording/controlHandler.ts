import { CAPTURE_ACTIONS, CAPTURE_RESULT_KEY, CAPTURE_RESULTS, type CaptureResult } from '../../contract';
import { ConfigError } from '../runtime/config';
import { coldStart } from '../runtime/coldStart';
import { logger } from '../runtime/logger';
import { acceptsInstance, closeOnDisconnect, startCapture, stopCapture, type RecordingControlDeps, type ControlOutcome } from './control';
import { errorName } from '../runtime/errors';
import { CaptureSweepError } from './errors';
import { parseCaptureEvent, type ContactEvent, type FlowInvocation } from './controlEvents';
import { sweepStaleJobs, type SweepOptions } from './sweep';

/**
 * What the flow reads as `$.External.captureResult`: a flat map of strings, as `InvokeLambdaFunction`
 * with `ResponseValidation.ResponseType` `STRING_MAP` requires.
 */
export type CaptureFlowResponse = { readonly [CAPTURE_RESULT_KEY]: CaptureResult } & Readonly<Record<string, string>>;

/**
 * The recording-control function: a flow invocation in, `{ captureResult }` out, never a throw (the flow would
 * take its error branch, which it handles, but an answer is better); a contact event or a scheduled
 * sweep in, nothing out, and a throw when a hand-off failed, so it is retried and the error alarm fires.
 */
export type CaptureHandler = (event: unknown) => Promise<CaptureFlowResponse | undefined>;

/**
 * Builds the handler. `deps` is called once (cold start) and shared by every event the container
 * serves; if it fails, flow invocations answer `error` and contact events throw (to be retried) until
 * a call succeeds.
 *
 * @example
 * export const handler = createCaptureHandler(() => captureDepsFromEnv());
 */
export function createCaptureHandler(deps: () => Promise<RecordingControlDeps>, sweepOptions: SweepOptions = {}): CaptureHandler {
  const built = coldStart(deps);
  const load = async (): Promise<RecordingControlDeps> => {
    try {
      return await built();
    } catch (error) {
      logger.error('recording-control function not ready', {
        event: 'capture.initError',
        errorName: errorName(error),
        // Configuration errors name variables, never values: safe and what the operator needs.
        ...(error instanceof ConfigError ? { errorMessage: error.message } : {}),
      });
      throw error;
    }
  };
  return async (input) => {
    const parsed = parseCaptureEvent(input);
    if (!parsed.ok) {
      logger.warn('capture event rejected', { event: 'capture.invalidEvent', looksLike: parsed.looksLike, problems: parsed.problems });
      return parsed.looksLike === 'flow' ? respond(CAPTURE_RESULTS.error) : undefined;
    }
    const { event } = parsed;
    if (event.kind === 'flow') return onFlowInvocation(event, load);
    if (event.kind === 'sweep') return onSweep(load, sweepOptions);
    return onContactEvent(event, load);
  };
}

async function onFlowInvocation(invocation: FlowInvocation, load: () => Promise<RecordingControlDeps>): Promise<CaptureFlowResponse> {
  const started = performance.now();
  let outcome: ControlOutcome = { result: CAPTURE_RESULTS.error };
  let failure: string | undefined;
  try {
    const deps = await load();
    if (!acceptsInstance(invocation.instanceArn, deps)) outcome = { result: CAPTURE_RESULTS.error, detail: 'otherInstance' };
    else if (invocation.action === CAPTURE_ACTIONS.start) outcome = await startCapture(invocation, deps);
    else if (invocation.action === CAPTURE_ACTIONS.stop) outcome = await stopCapture(invocation, deps);
    else outcome = { result: CAPTURE_RESULTS.error, detail: 'unknownAction' };
  } catch (error) {
    failure = errorName(error);
    outcome = { result: CAPTURE_RESULTS.error, detail: 'unexpected' };
  } finally {
    const line = {
      event: 'capture.flow',
      contactId: invocation.contactId,
      action: invocation.action ?? 'unknown',
      outcome: outcome.result,
      ...(outcome.detail ? { detail: outcome.detail } : {}),
      ...(failure ? { errorName: failure } : {}),
      // Codes only: the decision and why, never the flag's words or the transcript.
      ...(outcome.triage ? { triage: outcome.triage.triage, triageReason: outcome.triage.reason } : {}),
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    };
    if (failure) logger.error('capture step failed', line);
    else if (outcome.warn) logger.warn('capture step refused', line);
    else logger.info('capture step', line);
  }
  return { ...outcome.answer, ...respond(outcome.result) };
}

async function onContactEvent(event: ContactEvent, load: () => Promise<RecordingControlDeps>): Promise<undefined> {
  const base = { event: 'capture.contactEvent', contactId: event.contactId, eventType: event.eventType };
  // Most contact events are not ours to act on: skip them before building anything.
  if (event.eventType !== 'DISCONNECTED') return undefined;
  const deps = await load();
  if (!acceptsInstance(event.instanceArn, deps)) {
    logger.info('contact event of another instance ignored', { ...base, outcome: 'otherInstance' });
    return undefined;
  }
  try {
    const outcome = await closeOnDisconnect(event, deps);
    logger.info('contact event', { ...base, outcome });
  } catch (error) {
    logger.error('contact event failed', { ...base, outcome: 'error', errorName: errorName(error) });
    throw error;
  }
  return undefined;
}

async function onSweep(load: () => Promise<RecordingControlDeps>, options: SweepOptions): Promise<undefined> {
  const deps = await load();
  try {
    const report = await sweepStaleJobs(deps, options);
    // Counts only: a sweep that found nothing is the normal case, so it logs at debug.
    if (report.found > 0 || report.truncated || report.unreadable > 0) logger.info('capture sweep', { event: 'capture.sweep', ...report });
    else logger.debug('capture sweep', { event: 'capture.sweep', ...report });
    if (report.truncated) logger.warn('capture sweep reached its bounds', { event: 'capture.sweepTruncated', pages: report.pages, found: report.found });
  } catch (error) {
    const counts = error instanceof CaptureSweepError ? { ...error.report, failedErrors: error.errorNames } : {};
    logger.error('capture sweep failed', { event: 'capture.sweep', outcome: 'error', errorName: errorName(error), ...counts });
    throw error;
  }
  return undefined;
}

function respond(result: CaptureResult): CaptureFlowResponse {
  return { [CAPTURE_RESULT_KEY]: result };
}
