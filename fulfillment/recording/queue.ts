import type { SQSClient } from '@aws-sdk/client-sqs';
import { sendMessage } from '../aws/sqs';
import { CaptureQueueError } from './errors';
import type { CaptureMessage } from './jobs';

/**
 * Port: where closed capture jobs are handed to the symptom pipeline. A message carries the contact
 * id and note id only; the worker reads the job (stream, fragments, patient) from the job store. The
 * worker is idempotent per note id, so a message sent twice is harmless; one never sent is lost.
 */
export interface CaptureQueue {
  /** @throws {CaptureQueueError} when the message could not be sent */
  send(message: CaptureMessage): Promise<void>;
}

/** Local-mode adapter: keeps the messages in order, for the local pipeline and tests to read. */
export class MemoryCaptureQueue implements CaptureQueue {
  readonly #messages: CaptureMessage[] = [];

  /** Messages sent so far, oldest first. */
  public get messages(): readonly CaptureMessage[] {
    return this.#messages.map((message) => ({ ...message }));
  }

  public async send(message: CaptureMessage): Promise<void> {
    this.#messages.push({ contactId: message.contactId, noteId: message.noteId });
  }
}

/** Options of {@link SqsCaptureQueue}. */
export interface SqsCaptureQueueOptions {
  readonly client: SQSClient;
  /** Config `CAPTURE_QUEUE_URL`. */
  readonly queueUrl: string;
}

/**
 * SQS adapter: one `SendMessage` per job, body `{"contactId":"…","noteId":"…"}`. The queue should be
 * encrypted with the customer-managed key and have a dead-letter queue, so a message the worker keeps
 * failing on stays visible.
 *
 * @example
 * const queue = new SqsCaptureQueue({ client: new SQSClient({}), queueUrl: config.queueUrl });
 */
export class SqsCaptureQueue implements CaptureQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  public constructor(options: SqsCaptureQueueOptions) {
    if (!options.queueUrl) throw new TypeError('SqsCaptureQueue needs a queueUrl');
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
  }

  public async send(message: CaptureMessage): Promise<void> {
    // Only the two ids, built field by field: nothing else of the job can slip into the queue.
    const body = JSON.stringify({ contactId: message.contactId, noteId: message.noteId });
    await sendMessage(this.#client, this.#queueUrl, { body }, (error) => new CaptureQueueError(message.contactId, { cause: error }));
  }
}
