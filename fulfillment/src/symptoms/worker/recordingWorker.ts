import type { SQSBatchResponse } from 'aws-lambda';
import { ConfigError } from '../../config';
import { logger } from '../../logger';
import { errorName } from '../errors';
import { checkTranscription } from './completion';
import { parseWorkerMessage } from './messages';
import type { RecordingWorkerDeps } from './ports';
import { recordMessage } from './recording';
import { processBatch } from './sqsBatch';

/** The capture queue consumer: an SQS event in, a partial batch response out. */
export type RecordingHandler = (event: unknown) => Promise<SQSBatchResponse>;

/**
 * Builds the recording worker. `deps` is called once per container (cold start) and shared by every
 * batch; if it fails, the invocation fails (every message comes back) and the next one tries again.
 * Each message is a capture message (`{ contactId, noteId }`: record, start transcription) or a
 * transcription check the worker queued itself (poll the job, file the note when it is done).
 *
 * @example
 * export const handler = createRecordingHandler(async () => deps);
 */
export function createRecordingHandler(deps: () => Promise<RecordingWorkerDeps>): RecordingHandler {
  let ready: Promise<RecordingWorkerDeps> | undefined;
  return async (event) => {
    let resolved: RecordingWorkerDeps;
    try {
      ready ??= deps();
      resolved = await ready;
    } catch (error) {
      ready = undefined;
      logger.error('recording worker not ready', { event: 'symptoms.worker.initError', error: errorName(error), ...(error instanceof ConfigError ? { errorMessage: error.message } : {}) });
      throw error;
    }
    const log = resolved.logger ?? logger;
    return processBatch(
      event,
      async (record) => {
        const message = parseWorkerMessage(record.body);
        const result = message.kind === 'capture' ? await recordMessage(message, resolved) : await checkTranscription(message, resolved);
        return result.outcome;
      },
      log,
    );
  };
}
