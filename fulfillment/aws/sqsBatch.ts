import type { SQSBatchResponse } from 'aws-lambda';
import { logger as defaultLogger } from '../runtime/logger';
import type { StructuredLogger } from '../runtime/logger';
import { errorName } from '../runtime/errors';

/** One SQS record as the workers read it: the id Lambda's partial batch response names, and the raw body. */
export interface QueueRecord {
  readonly messageId: string;
  readonly body: string;
}

/**
 * Runs `handle` on each record of an SQS event, one after another, and answers with Lambda's partial
 * batch response: only the records that threw are named in `batchItemFailures`, so SQS makes only
 * those visible again (the event source mapping must have `ReportBatchItemFailures`); after the
 * queue's `maxReceiveCount` they move to its dead-letter queue. Records are handled in turn, not at
 * once: a recording is held in memory while it is converted.
 *
 * @example
 * return processBatch(parseSqsEvent(event), (record) => handleOne(record.body), logger);
 */
export async function processBatch(records: readonly QueueRecord[], handle: (record: QueueRecord) => Promise<string>, log: StructuredLogger = defaultLogger): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of records) {
    const started = performance.now();
    try {
      const outcome = await handle(record);
      log.info('queue message handled', { event: 'symptoms.worker.message', messageId: record.messageId, outcome, durationMs: Math.round(performance.now() - started) });
    } catch (error) {
      // The error's class name only: messages are ids, but a body or a cause could carry anything.
      log.warn('queue message failed; SQS will deliver it again', { event: 'symptoms.worker.messageFailed', messageId: record.messageId, error: errorName(error) });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
