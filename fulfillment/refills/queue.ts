import type { SQSClient } from '@aws-sdk/client-sqs';
import { sendMessage } from '../aws/sqs';
import { RefillQueueError, RefillsUnavailableError } from './errors';
import type { RefillRequest } from './request';

/**
 * Port: where the code hook hands a confirmed refill request, to be filed off the call path (the
 * note, the care team's task, the DocumentReference in Epic, the notification). Sending the same
 * request twice is harmless: filing is idempotent per note id.
 */
export interface RefillRequests {
  /** @throws {RefillQueueError} when the request could not be handed over */
  send(request: RefillRequest): Promise<void>;
}

/** The queue message of a refill request (the recording worker's queue takes it beside its own). */
export interface RefillMessage {
  readonly refill: RefillRequest;
}

/** The message body of `request`, field by field, so nothing else can slip into the queue. */
export function refillMessageBody(request: RefillRequest): string {
  const { noteId, contactId, patientId, medicationRequestId, medication } = request;
  return JSON.stringify({ refill: { noteId, contactId, patientId, medicationRequestId, medication } } satisfies RefillMessage);
}

/** Local-mode adapter: keeps the requests in order; the local pipeline files them after the call. */
export class MemoryRefillRequests implements RefillRequests {
  readonly #requests: RefillRequest[] = [];

  /** Requests sent so far, oldest first (copies). */
  public get requests(): readonly RefillRequest[] {
    return this.#requests.map((request) => ({ ...request }));
  }

  public async send(request: RefillRequest): Promise<void> {
    this.#requests.push({ ...request });
  }
}

/** A deployment without a refill queue: every request fails, so the caller is offered a person. */
export class UnavailableRefillRequests implements RefillRequests {
  public async send(): Promise<void> {
    throw new RefillsUnavailableError('No refill queue is configured (REFILL_QUEUE_URL)');
  }
}

/** Options of {@link SqsRefillRequests}. */
export interface SqsRefillRequestsOptions {
  readonly client: SQSClient;
  /** Config `REFILL_QUEUE_URL`: the capture queue, which the recording worker consumes. */
  readonly queueUrl: string;
}

/**
 * SQS adapter: one `SendMessage` per request, body `{"refill":{…}}`, on the capture queue (encrypted
 * with the customer-managed key, with its dead-letter queue and alarm), which the recording worker,
 * already wired to file notes, consumes.
 *
 * @example
 * const refills = new SqsRefillRequests({ client: new SQSClient({}), queueUrl: config.refills.queueUrl });
 */
export class SqsRefillRequests implements RefillRequests {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  public constructor(options: SqsRefillRequestsOptions) {
    if (!options.queueUrl) throw new TypeError('SqsRefillRequests needs a queueUrl');
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
  }

  public async send(request: RefillRequest): Promise<void> {
    await sendMessage(this.#client, this.#queueUrl, { body: refillMessageBody(request) }, (error) => new RefillQueueError(request.noteId, { cause: error }));
  }
}
