import { NamedError } from '../runtime/errors';
import type { SweepReport } from './sweep';

/**
 * Errors of the recording-control function. Messages carry contact ids, note ids, AWS error names and counts
 * only: never patient ids, session tokens or phone numbers, because error messages end up in logs.
 */

/** Base class of every error raised by the recording-control function. */
export class CaptureError extends NamedError {}

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

/** Base class of the errors raised while turning a caller's recording into a stored WAV. */
export class RecordingError extends NamedError {}

/** The caller's recording could not be read from Kinesis Video Streams or turned into a WAV. */
export class MediaStreamError extends RecordingError {}

/**
 * The media is not the Matroska Connect writes, or it ends mid-element (truncated) or holds bytes that
 * are not EBML (corrupt), or its caller track is not 16-bit mono PCM. Nothing is stored.
 */
export class MediaStreamFormatError extends MediaStreamError {}

/** The stream went past a bound that no two-minute message reaches (bytes read). Nothing is stored. */
export class MediaStreamLimitError extends MediaStreamError {}

/** Kinesis Video Streams refused or failed `GetDataEndpoint` / `GetMedia`. */
export class MediaSourceError extends MediaStreamError {}

/** A contact id that is not a UUID: it would not make a safe object key. */
export class InvalidContactIdError extends RecordingError {}

/** The recording store (S3 or the local folder) could not be read or written. */
export class RecordingStoreError extends RecordingError {}

/** No capture job for the contact of a message (or it belongs to another note). */
export class CaptureJobNotFoundError extends RecordingError {}

/** The capture job exists but is still open: the caller may still be speaking. Retried later. */
export class CaptureJobOpenError extends RecordingError {}

/**
 * A byte range of a recording that starts at or past its end (HTTP 416): a `RangeError`, carrying
 * the recording's size, which the 416 answer's `Content-Range` names.
 */
export class UnsatisfiableRangeError extends RangeError {
  /** Size of the whole recording. */
  public readonly totalBytes: number;

  public constructor(totalBytes: number, options?: ErrorOptions) {
    super(`The range is outside the recording (${totalBytes} bytes)`, options);
    this.name = new.target.name;
    this.totalBytes = totalBytes;
  }
}
