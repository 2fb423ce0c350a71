import { NamedError } from '../runtime/errors';

/**
 * Errors of the session layer (session token, sealed session state). Messages never carry
 * tokens, sealed values, patient ids, names, phone numbers or caller keys: error messages end up in logs.
 */

/** Base class of every error raised by the session layer. */
export class SessionError extends NamedError {}

/**
 * Why a session token (or a sealed session value) was refused.
 * - `missing`: absent or empty.
 * - `malformed`: not a compact JWE we could parse, or its content is not what we seal.
 * - `forged`: decryption or authentication failed (another key, tampered), an algorithm we never
 *   use, or a value sealed by us for another purpose (e.g. a pager state offered as a session token).
 * - `expired`: past its `exp` by the injected clock.
 * - `wrongSession`: sealed for another Lex session id (replayed from another call).
 */
export type InvalidSessionTokenReason = 'missing' | 'malformed' | 'forged' | 'expired' | 'wrongSession';

/** A session token or sealed session value was refused; `reason` says why. Never includes the token. */
export class InvalidSessionToken extends SessionError {
  public readonly reason: InvalidSessionTokenReason;

  public constructor(reason: InvalidSessionTokenReason, message: string, options?: ErrorOptions) {
    super(`Session token refused (${reason}): ${message}`, options);
    this.reason = reason;
  }
}

/** A value to seal is larger than the session attribute budget (see `DEFAULT_MAX_SEALED_LENGTH`). */
export class SessionStateTooLarge extends SessionError {
  /** Length of the sealed value, in characters (ASCII, so also bytes). */
  public readonly length: number;
  /** Allowed maximum. */
  public readonly limit: number;

  public constructor(length: number, limit: number) {
    super(`Sealed session value is ${length} characters, over the limit of ${limit}`);
    this.length = length;
    this.limit = limit;
  }
}
