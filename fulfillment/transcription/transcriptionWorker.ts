import { ConfigError } from '../runtime/config';
import { coldStart } from '../runtime/coldStart';
import { logger } from '../runtime/logger';
import { errorName } from '../runtime/errors';
import { completeTranscription, type CompletionOutcome } from './completion';
import { noteIdFromJobName, parseTranscribeEvent } from './messages';
import type { CompletionDeps } from './ports';

/** What the handler did with one event. */
export type TranscriptionEventOutcome = CompletionOutcome | { readonly outcome: 'ignored'; readonly reason: 'not-ours' | 'not-finished' };

/** The EventBridge target: a "Transcribe Job State Change" event in. */
export type TranscriptionHandler = (event: unknown) => Promise<TranscriptionEventOutcome>;

/**
 * Builds the completion handler for Transcribe's "Transcribe Job State Change" EventBridge events
 * (rule: source `aws.transcribe`, detail `TranscriptionJobStatus` COMPLETED or FAILED, job name prefix
 * `clinic-ivr-symptoms-`). Transcribe documents that event for transcription and Call Analytics jobs,
 * not for medical ones, so the recording worker's polling checks are what guarantee completion; this
 * handler files the note sooner when the event does arrive, and both paths are idempotent. An error is
 * thrown after it is recorded: EventBridge invokes Lambda asynchronously, which retries twice and then
 * hands the event to the function's on-failure destination or dead-letter queue.
 *
 * @example
 * export const handler = createTranscriptionHandler(async () => deps);
 */
export function createTranscriptionHandler(deps: () => Promise<CompletionDeps>): TranscriptionHandler {
  const load = coldStart(deps);
  return async (event) => {
    const change = parseTranscribeEvent(event);
    const noteId = noteIdFromJobName(change.jobName);
    // Other applications' jobs in the account: not ours to touch (the rule should filter them out).
    if (!noteId) return { outcome: 'ignored', reason: 'not-ours' };
    if (change.status !== 'COMPLETED' && change.status !== 'FAILED') return { outcome: 'ignored', reason: 'not-finished' };
    let resolved: CompletionDeps;
    try {
      resolved = await load();
    } catch (error) {
      logger.error('transcription worker not ready', { event: 'symptoms.worker.initError', noteId, error: errorName(error), ...(error instanceof ConfigError ? { errorMessage: error.message } : {}) });
      throw error;
    }
    const log = resolved.logger ?? logger;
    try {
      const result = await completeTranscription({ noteId, status: change.status, ...(change.failureReason ? { failureReason: change.failureReason } : {}) }, resolved);
      log.info('transcription event handled', { event: 'symptoms.worker.transcribeEvent', noteId, status: change.status, outcome: result.outcome });
      return result;
    } catch (error) {
      log.warn('transcription event failed; it will be retried', { event: 'symptoms.worker.transcribeEventFailed', noteId, status: change.status, error: errorName(error) });
      throw error;
    }
  };
}
