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

/** The name of an error for a status field or a log line: its class name, never its message. */
export function errorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  return 'UnknownError';
}
