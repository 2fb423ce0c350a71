import type { SQSClient } from '@aws-sdk/client-sqs';
import { sendMessage } from '../aws/sqs';
import { errorName } from '../runtime/errors';
import { TranscriptionError } from './errors';
import type { TranscriptionCheck } from './messages';
import type { CheckScheduler } from './ports';

/** Options of {@link SqsCheckScheduler}. */
export interface SqsCheckSchedulerOptions {
  readonly client: SQSClient;
  /** The capture queue (config `CAPTURE_QUEUE_URL`): the recording worker consumes its own checks. */
  readonly queueUrl: string;
}

/**
 * Amazon SQS adapter of {@link CheckScheduler}: `SendMessage` with `DelaySeconds` (0–900) on a standard
 * queue. The body holds ids and counters only.
 *
 * @example
 * await new SqsCheckScheduler({ client: new SQSClient({}), queueUrl }).schedule(check, 60);
 */
export class SqsCheckScheduler implements CheckScheduler {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  public constructor(options: SqsCheckSchedulerOptions) {
    if (!options.queueUrl) throw new TypeError('SqsCheckScheduler needs a queueUrl');
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
  }

  public async schedule(check: TranscriptionCheck, delaySeconds: number): Promise<void> {
    const delay = Math.min(900, Math.max(0, Math.round(delaySeconds)));
    await sendMessage(this.#client, this.#queueUrl, { body: JSON.stringify(check), delaySeconds: delay }, (error) =>
      new TranscriptionError(`Transcription check of note ${check.noteId} could not be queued (${errorName(error)})`, { cause: error }),
    );
  }
}

/** Local-mode and test adapter: keeps the checks, in order, with their delays. */
export class MemoryCheckScheduler implements CheckScheduler {
  public readonly scheduled: { readonly check: TranscriptionCheck; readonly delaySeconds: number }[] = [];

  public async schedule(check: TranscriptionCheck, delaySeconds: number): Promise<void> {
    this.scheduled.push({ check, delaySeconds });
  }
}
