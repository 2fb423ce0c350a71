/**
 * What every error family of the project builds on. Error messages end up in logs and status fields,
 * so no family puts patient data, transcripts, tokens or FHIR bodies in a message.
 */

/** An error whose `name` is its class name, so logs and status fields can name it without its message. */
export class NamedError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The name of an error for a status field or a log line: its class name, never its message.
 *
 * @example
 * logger.error('step failed', { errorName: errorName(error) });
 */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'UnknownError';
}

/** The configuration is missing or invalid; the message names every offending variable, never a value. */
export class ConfigError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
