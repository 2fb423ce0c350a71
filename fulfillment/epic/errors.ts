import { NamedError } from '../runtime/errors';

/**
 * Errors of the Epic integration. Each is a named class so the dialog layer can map it to what the
 * caller hears. Messages never carry tokens, assertions, search parameters or response bodies: those
 * can hold patient data or secrets, and error messages end up in logs.
 */

/** Base class of every error raised by the Epic integration. */
export class EpicError extends NamedError {}

/** The signing key could not produce a signature or a public key (KMS or local). */
export class SigningError extends EpicError {}

/** The token endpoint refused the client assertion with an RFC 6749 error (`invalid_client` …). */
export class EpicAuthError extends EpicError {
  /** OAuth error code, e.g. `invalid_client`. */
  public readonly code: string;
  /** HTTP status of the token response. */
  public readonly status: number;
  /** Server's `error_description`, if any (Epic's descriptions carry no secrets). */
  public readonly description: string | undefined;

  public constructor(code: string, status: number, description?: string) {
    super(`Epic token endpoint refused the client (${code}, HTTP ${status})${description ? `: ${description}` : ''}`);
    this.code = code;
    this.status = status;
    this.description = description;
  }
}

/** The token endpoint could not be reached, timed out, or answered with something that is not a token. */
export class EpicTokenUnavailableError extends EpicError {}

/**
 * A FHIR request failed. `status` is the HTTP status, or 0 when no answer arrived (timeout, network:
 * the convention of the FHIR client's request events); `issues` summarizes the OperationOutcome, if one came back.
 */
export class FhirError extends EpicError {
  /** HTTP status; 0 when no response arrived. */
  public readonly status: number;
  /** Issues of the returned OperationOutcome (severity, code, diagnostics). Diagnostics may echo input: never log them. */
  public readonly issues: readonly FhirIssue[];

  public constructor(message: string, status: number, issues: readonly FhirIssue[] = [], options?: ErrorOptions) {
    super(message, options);
    this.status = status;
    this.issues = issues;
  }
}

/** One `OperationOutcome.issue`, reduced to what code needs. */
export interface FhirIssue {
  readonly severity: string;
  readonly code: string;
  readonly diagnostics?: string;
}

/** The FHIR server refused the access token twice in a row (after one refresh). */
export class FhirAuthError extends FhirError {}

/** The FHIR server stayed unavailable (429/502/503/504) after the bounded retries, or asked to wait too long. */
export class FhirUnavailableError extends FhirError {}

/** No answer within the request timeout (`status` 0). */
export class FhirTimeoutError extends FhirError {
  public readonly timeoutMs: number;

  public constructor(timeoutMs: number, options?: ErrorOptions) {
    super(`FHIR request timed out after ${timeoutMs} ms`, 0, [], options);
    this.timeoutMs = timeoutMs;
  }
}

/** The FHIR server could not be reached (connection refused, reset, DNS …; `status` 0). */
export class FhirNetworkError extends FhirError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, 0, [], options);
  }
}

/**
 * The HTTP status of a FHIR error the server answered, or `undefined` (no answer came: timeout,
 * network; or not a FHIR error). Log lines carry a `status` only when there was one.
 *
 * @example
 * const status = answeredStatus(error);
 * log.warn('failed', { ...(status === undefined ? {} : { status }) });
 */
export function answeredStatus(error: unknown): number | undefined {
  if (!(error instanceof FhirError) || error instanceof FhirTimeoutError || error instanceof FhirNetworkError) return undefined;
  return error.status;
}

/**
 * The turn's deadline passed (its `AbortSignal` fired) before Epic answered: the request was
 * abandoned, or never sent. Not Epic's failure: the caller has already been offered a person.
 */
export class EpicDeadlineError extends EpicError {
  public constructor(options?: ErrorOptions) {
    super('the deadline passed before Epic answered', options);
  }
}

/** The server's answer was not the FHIR resource expected. */
export class FhirResponseError extends EpicError {}

/** The caller's number is missing or cannot be a phone number. */
export class InvalidPhoneNumberError extends EpicError {}

/** A patient search was asked for without the inputs its strategy needs. */
export class PatientQueryError extends EpicError {}
