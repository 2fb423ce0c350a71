import { NamedError } from '../runtime/errors';

/**
 * Errors of refill requests. Messages carry note ids and AWS error names only: never patient ids,
 * medication names or MedicationRequest ids, because error messages end up in logs.
 */

/** Base class of every refill-request error. */
export class RefillError extends NamedError {}

/** A refill request could not be handed to the queue that files it: nothing was sent, the caller is told. */
export class RefillQueueError extends RefillError {
  public readonly noteId: string;

  public constructor(noteId: string, options?: ErrorOptions) {
    super(`Refill request ${noteId} could not be sent to the queue`, options);
    this.noteId = noteId;
  }
}

/** No queue is configured for refill requests in this deployment (config `REFILL_QUEUE_URL`). */
export class RefillsUnavailableError extends RefillError {}
