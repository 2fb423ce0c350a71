import type { SQSBatchResponse } from 'aws-lambda';
import { ConfigError } from '../runtime/config';
import { coldStart } from '../runtime/coldStart';
import { logger } from '../runtime/logger';
import { errorName } from '../runtime/errors';
import { checkTranscription } from './completion';
import { parseSqsEvent, parseWorkerMessage } from './messages';
import type { RecordingWorkerDeps } from './ports';
import { recordMessage } from './recordMessage';
import { processBatch } from '../aws/sqsBatch';
import { fileRefill, type RefillRequest } from '../refills';
import { TranscriptionError } from './errors';

/**
 * Files a refill request with the completion side's filing deps. A step marked for retry throws, so
 * the queue redelivers the message (the note id makes every run converge on the one request).
 */
async function fileRefillMessage(request: RefillRequest, deps: RecordingWorkerDeps): Promise<string> {
  const { pipeline } = await deps.completion();
  const result = await fileRefill(request, pipeline);
  if (result.retry) throw new TranscriptionError(`Refill request ${result.noteId}: ${result.retry.step} failed (${result.retry.error}); retrying`);
  return result.needsStaff ? 'keptForStaff' : 'filed';
}

/** The capture queue consumer: an SQS event in, a partial batch response out. */
export type RecordingHandler = (event: unknown) => Promise<SQSBatchResponse>;

/**
 * Builds the recording worker. `deps` is called once per container (cold start) and shared by every
 * batch; if it fails, the invocation fails (every message comes back) and the next one tries again.
 * Each message is a capture message (`{ contactId, noteId }`: record, start transcription), a
 * transcription check the worker queued itself (poll the job, file the note when it is done), or a
 * refill request the code hook sent (`{ refill }`: file it as a note of kind `refill`).
 *
 * @example
 * export const handler = createRecordingHandler(async () => deps);
 */
export function createRecordingHandler(deps: () => Promise<RecordingWorkerDeps>): RecordingHandler {
  const load = coldStart(deps);
  return async (event) => {
    let resolved: RecordingWorkerDeps;
    try {
      resolved = await load();
    } catch (error) {
      logger.error('recording worker not ready', { event: 'symptoms.worker.initError', error: errorName(error), ...(error instanceof ConfigError ? { errorMessage: error.message } : {}) });
      throw error;
    }
    const log = resolved.logger ?? logger;
    return processBatch(
      parseSqsEvent(event),
      async (record) => {
        const message = parseWorkerMessage(record.body);
        if (message.kind === 'refill') return fileRefillMessage(message.request, resolved);
        const result = message.kind === 'capture' ? await recordMessage(message, resolved) : await checkTranscription(message, resolved);
        return result.outcome;
      },
      log,
    );
  };
}
