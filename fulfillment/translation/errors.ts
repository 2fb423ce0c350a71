import { NamedError } from '../runtime/errors';

/**
 * Errors of machine translation. Messages carry AWS error names, counts and sizes only, never the
 * text (a caller's message is PHI).
 */

/** The text could not be translated, after the bounded retries. */
export class TranslationError extends NamedError {}

/** Amazon Translate kept throttling (or was unavailable) through every retry: try the whole step again later. */
export class TranslationThrottledError extends TranslationError {}
