/**
 * Errors of the symptom-note pipeline. Messages carry note ids, step names, AWS error names and
 * counts only: never transcript text, entity text, patient ids or FHIR bodies, because error
 * messages end up in logs and in the note store's status fields.
 */

/** Base class of every error raised by the symptom-note pipeline. */
export class SymptomsError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Comprehend Medical (or the local stand-in) could not extract entities, after the bounded retries. */
export class ExtractionError extends SymptomsError {}

/** Transcribe Medical refused to start the job, or its output could not be read. */
export class TranscriptionError extends SymptomsError {}

/** A transcript file is not in the Transcribe output format (`results.transcripts[0].transcript`). */
export class TranscriptFormatError extends TranscriptionError {}

/** The note store could not be read or written. */
export class NoteStoreError extends SymptomsError {}

/** A step was recorded for a note the store does not hold. */
export class NoteNotFoundError extends NoteStoreError {
  public readonly noteId: string;

  public constructor(noteId: string, options?: ErrorOptions) {
    super(`No symptom note ${noteId} in the store`, options);
    this.noteId = noteId;
  }
}

/** Writing the note back to Epic failed; the note stays stored and marked for retry. */
export class DeliveryError extends SymptomsError {}

/** The care team could not be notified (SNS refused or was unreachable). */
export class NotificationError extends SymptomsError {}

/** The caller's recording could not be read from Kinesis Video Streams or turned into a WAV. */
export class MediaStreamError extends SymptomsError {}

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
export class InvalidContactIdError extends SymptomsError {}

/** The recording store (S3 or the local folder) could not be read or written. */
export class RecordingStoreError extends SymptomsError {}

/** A worker message or event is not in the expected shape; its content is never quoted. */
export class WorkerMessageError extends SymptomsError {}

/** No capture job for the contact of a message (or it belongs to another note). */
export class CaptureJobNotFoundError extends SymptomsError {}

/** The capture job exists but is still open: the caller may still be speaking. Retried later. */
export class CaptureJobOpenError extends SymptomsError {}

/** Transcribe Medical reported the job FAILED; the reason is kept as a class-like code, never audio text. */
export class TranscriptionFailedError extends TranscriptionError {
  /** Short code of Transcribe's `FailureReason` (see `failureCode`), safe for logs and status fields. */
  public readonly reason: string;

  public constructor(jobName: string, reason: string, options?: ErrorOptions) {
    super(`Transcribe Medical job ${jobName} failed (${reason})`, options);
    this.reason = reason;
  }
}

/** The transcription job did not finish within the bounded number of checks. */
export class TranscriptionTimeoutError extends TranscriptionError {}

/** A step failed and was marked for retry: thrown so the queue or EventBridge delivers the work again. */
export class RetryLaterError extends SymptomsError {
  /** The step that is marked failed. */
  public readonly step: string;

  public constructor(noteId: string, step: string, error: string, options?: ErrorOptions) {
    super(`Symptom note ${noteId}: ${step} failed (${error}); marked for retry`, options);
    this.step = step;
  }
}

/** The name of an error for a status field or a log line: its class name, never its message. */
export function errorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  return 'UnknownError';
}
