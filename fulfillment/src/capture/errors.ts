import type { SweepReport } from './sweep';

/**
 * Errors of the capture function. Messages carry contact ids, note ids, AWS error names and counts
 * only: never patient ids, session tokens or phone numbers, because error messages end up in logs.
 */

/** Base class of every error raised by the capture function. */
export class CaptureError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The capture job store could not be read or written (DynamoDB error, or an item of the wrong shape). */
export class CaptureStoreError extends CaptureError {}

/**
 * A closed capture job could not be handed to the symptom pipeline's queue. The job stays closed and
 * not enqueued, so the next close attempt (the contact's DISCONNECTED event, retried by EventBridge)
 * sends it again.
 */
export class CaptureQueueError extends CaptureError {
  public readonly contactId: string;

  public constructor(contactId: string, options?: ErrorOptions) {
    super(`Capture job of contact ${contactId} could not be sent to the queue`, options);
    this.contactId = contactId;
  }
}

/** An event the capture function does not handle (neither a flow invocation nor a contact event). */
export class UnknownCaptureEvent extends CaptureError {}

/**
 * A sweep handled every stale job it found, but closing or sending some failed; they stay stale, so
 * the next sweep tries them again. Carries the sweep's counts and the error names (never messages).
 */
export class CaptureSweepError extends CaptureError {
  public readonly report: SweepReport;
  public readonly errorNames: readonly string[];

  public constructor(report: SweepReport, errorNames: readonly string[], options?: ErrorOptions) {
    super(`A capture sweep failed to hand off ${report.failed} job(s) (${errorNames.join(', ')})`, options);
    this.report = report;
    this.errorNames = errorNames;
  }
}
