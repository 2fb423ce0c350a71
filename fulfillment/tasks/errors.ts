import { NamedError } from '../runtime/errors';

/**
 * Errors of creating a care-team task in Amazon Connect. Messages carry item ids and AWS error names
 * only: a task holds no patient data, and neither do its errors.
 */

/** Base class of every error raised while creating a care-team task. */
export class TaskError extends NamedError {
  /** The AWS error's name (`ThrottlingException` …), or this class's name when AWS gave none. */
  public readonly code: string;

  public constructor(message: string, code: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Connect refused for load: `ThrottlingException` (the API's request rate) or
 * `ServiceQuotaExceededException` (e.g. the instance's active tasks quota). Trying again later helps.
 */
export class TaskThrottledError extends TaskError {}

/** Connect refused or failed the task for another reason (a wrong flow id, missing permission, an internal error). */
export class TaskCreationError extends TaskError {}

/** What a task would say does not fit Connect's limits or the content rules (a bug, not a retryable failure). */
export class TaskContentError extends TaskError {
  public constructor(message: string) {
    super(message, 'TaskContentError');
  }
}

/**
 * What a failed task creation is recorded as on the note's `tasked` step: the error class, and for
 * a {@link TaskError} the AWS error's name after a colon. Never a message.
 *
 * @example
 * taskErrorCode(new TaskThrottledError('…', 'ThrottlingException')); // 'TaskThrottledError:ThrottlingException'
 */
export function taskErrorCode(error: unknown): string {
  if (error instanceof TaskError && error.code !== error.name) return `${error.name}:${error.code}`;
  return error instanceof Error ? error.name : 'UnknownError';
}
