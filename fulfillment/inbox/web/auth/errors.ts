import { NamedError } from '../../../runtime/errors';

/**
 * Why the inbox refused a browser. Messages name the check that failed, never a token, a cookie or
 * anything about a patient: they reach the logs by class name only.
 */
export class InboxAuthError extends NamedError {}

/** Why a session token was refused, for the logs (class names do not survive minification). */
export type SessionRejectedReason = 'expired' | 'badSignature' | 'wrongIssuer' | 'wrongAudience' | 'notIdToken' | 'unknownKey' | 'malformed' | 'claims' | 'other';

/** No session, or one that is expired, tampered with, or not an ID token of this app: the browser is signed out. */
export class SessionRejected extends InboxAuthError {
  public constructor(
    message: string,
    public readonly reason: SessionRejectedReason,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The issuer's keys could not be read (Cognito unreachable, a bad answer): the token may be fine, so
 * the browser is not signed out; the page fails with 503 and the next request tries again.
 */
export class IssuerUnavailable extends InboxAuthError {}

/** The return from the sign-in could not be completed: state, code exchange or ID token. */
export class SignInFailed extends InboxAuthError {}

/** The token endpoint refused the code or could not be reached; `oauthError` is its RFC 6749 error code, when it gave one. */
export class TokenExchangeFailed extends SignInFailed {
  public constructor(
    message: string,
    public readonly oauthError?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
