import { NamedError } from '../runtime/errors';

/**
 * Errors between a closed recording and a transcript: the Transcribe Medical job, its output, the
 * worker messages. Messages carry note ids, job names and reason codes only, never audio text.
 */

/** Transcribe Medical refused to start the job, or its output could not be read. */
export class TranscriptionError extends NamedError {}

/** A transcript file is not in the Transcribe output format (`results.transcripts[0].transcript`). */
export class TranscriptFormatError extends TranscriptionError {}

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

/** A worker message or event is not in the expected shape; its content is never quoted. */
export class WorkerMessageError extends NamedError {}

/** A step failed and was marked for retry: thrown so the queue or EventBridge delivers the work again. */
export class RetryLaterError extends NamedError {
  /** The step that is marked failed. */
  public readonly step: string;

  public constructor(noteId: string, step: string, error: string, options?: ErrorOptions) {
    super(`Symptom note ${noteId}: ${step} failed (${error}); marked for retry`, options);
    this.step = step;
  }
}
