import { NamedError } from '../runtime/errors';

/**
 * Errors of symptom notes (extraction, the note store). Messages carry note ids, step names, AWS error
 * names and counts only: never transcript text, entity text or patient ids.
 */

/** Base class of every error raised while building or storing a symptom note. */
export class NotesError extends NamedError {}

/** Comprehend Medical (or the local stand-in) could not extract entities, after the bounded retries. */
export class ExtractionError extends NotesError {}

/** The note store could not be read or written. */
export class NoteStoreError extends NotesError {}

/** A step was recorded for a note the store does not hold. */
export class NoteNotFoundError extends NoteStoreError {
  public readonly noteId: string;

  public constructor(noteId: string, options?: ErrorOptions) {
    super(`No symptom note ${noteId} in the store`, options);
    this.noteId = noteId;
  }
}

/** A list cursor that this store did not make for the filter asked (it is input from the browser). */
export class InvalidCursorError extends NotesError {
  public constructor(options?: ErrorOptions) {
    super('The list cursor is not valid for this list', options);
  }
}
