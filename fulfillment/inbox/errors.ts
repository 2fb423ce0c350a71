import { NamedError } from '../runtime/errors';

/**
 * Errors of the care-team inbox. Messages carry note ids, encounter ids and error class names only:
 * never patient names, transcripts or comments, since messages end up in logs.
 */

/** Base class of every error the inbox service raises. */
export class InboxError extends NamedError {}

/** The list was asked with a filter, page size or cursor the inbox does not know (HTTP 400). */
export class InvalidListRequestError extends InboxError {}

/** An action named a message the store does not hold (HTTP 404). */
export class MessageNotFoundError extends InboxError {
  public readonly noteId: string;

  public constructor(noteId: string, options?: ErrorOptions) {
    super(`No message ${noteId}`, options);
    this.noteId = noteId;
  }
}

/** A review comment longer than `MAX_REVIEW_COMMENT` characters (HTTP 400). */
export class InvalidReviewCommentError extends InboxError {}

/** Filing from the inbox was asked for a message the pipeline did not keep for staff (HTTP 409). */
export class NotKeptForStaffError extends InboxError {
  public constructor(noteId: string, options?: ErrorOptions) {
    super(`Message ${noteId} is not kept for staff to file`, options);
  }
}

/** The encounter chosen is not one of the patient's recent encounters a note may be filed under (HTTP 400). */
export class UnknownEncounterError extends InboxError {
  public constructor(noteId: string, encounterId: string, options?: ErrorOptions) {
    super(`Encounter ${encounterId} is not one message ${noteId} may be filed under`, options);
  }
}

/** Another request is filing the same message and did not finish in time: try again (HTTP 409). */
export class FilingInProgressError extends InboxError {
  public constructor(noteId: string, options?: ErrorOptions) {
    super(`Message ${noteId} is being filed by another request`, options);
  }
}

/** Epic refused or failed the filing; it is recorded on the message, which stays kept for staff (HTTP 502). */
export class FilingFailedError extends InboxError {
  /** Class name of the failure, as recorded on the message's `delivered` step. */
  public readonly errorName: string;

  public constructor(noteId: string, errorName: string, options?: ErrorOptions) {
    super(`Filing message ${noteId} in Epic failed (${errorName})`, options);
    this.errorName = errorName;
  }
}
