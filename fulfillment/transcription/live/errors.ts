import { NamedError } from '../../runtime/errors';

/**
 * Errors of live transcription. Messages carry contact ids, AWS error names and counts only: never
 * transcript text, because error messages end up in logs.
 */

/** Base class of every error raised by live transcription. */
export class LiveTranscriptionError extends NamedError {}

/** The live transcript store could not be read or written (DynamoDB error, or an item of the wrong shape). */
export class LiveTranscriptStoreError extends LiveTranscriptionError {}

/**
 * Transcribe Medical streaming refused or broke the stream. `code` is the service's exception name
 * (`LimitExceededException`, `BadRequestException` …) or a local code, safe to store as the failure reason.
 */
export class MedicalStreamError extends LiveTranscriptionError {
  public readonly code: string;

  public constructor(code: string, options?: ErrorOptions) {
    super(`Transcribe Medical streaming failed (${code})`, options);
    this.code = code;
  }
}
