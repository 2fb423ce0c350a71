import { systemClock, type Clock } from '../../../runtime/clock';
import type { InboxConfig } from '../../../runtime/inboxConfig';
import { INBOX_PATHS } from '../paths';
import { createIdTokenVerifier, type IdTokenVerifier } from './idToken';
import { deriveInboxKeys, type InboxKeys } from './keys';
import { OAuthCodeClient, type AuthorizationServer } from './oauthClient';

export { CSRF_FIELD, CSRF_HEADER, csrfTokenFor } from './csrf';
export { SESSION_COOKIE, SIGN_IN_COOKIE } from './cookies';
export { InboxAuthError, IssuerUnavailable, SessionRejected, SignInFailed, TokenExchangeFailed, type SessionRejectedReason } from './errors';
export type { IdTokenVerifier, VerifiedIdentity } from './idToken';
export type { AuthorizationServer } from './oauthClient';
export type { InboxKeys } from './keys';

/** Everything the inbox needs to sign clinicians in and keep them signed in. */
export interface InboxAuth {
  /** The inbox's public origin (`INBOX_BASE_URL`): state-changing requests must come from it. */
  readonly baseUrl: string;
  /** Origin of the authorization server: the CSP lets the sign-out form's redirect go there. */
  readonly oauthOrigin: string;
  /** The group a user must be in (`cognito:groups`). */
  readonly careTeamGroup: string;
  readonly server: AuthorizationServer;
  readonly verifier: IdTokenVerifier;
  readonly keys: InboxKeys;
  readonly clock: Clock;
}

/**
 * The inbox's sign-in from its settings and the session key: OAuth code flow with PKCE against
 * `INBOX_OAUTH_URL`, ID tokens of `INBOX_TOKEN_ISSUER` for `INBOX_OAUTH_CLIENT_ID` verified by
 * aws-jwt-verify, and the cookie and CSRF keys derived from the session key. The same in AWS and
 * locally: only the settings differ.
 *
 * @example
 * const auth = createInboxAuth(loadInboxConfig(), parseSessionKey(await loadSessionKeyFromAws()));
 */
export function createInboxAuth(config: InboxConfig, sessionKey: Uint8Array, options: { readonly clock?: Clock } = {}): InboxAuth {
  return {
    baseUrl: config.baseUrl,
    oauthOrigin: new URL(config.oauthUrl).origin,
    careTeamGroup: config.careTeamGroup,
    server: new OAuthCodeClient({
      oauthUrl: config.oauthUrl,
      clientId: config.clientId,
      redirectUri: `${config.baseUrl}${INBOX_PATHS.callback}`,
      logoutUri: `${config.baseUrl}${INBOX_PATHS.logout}`,
    }),
    verifier: createIdTokenVerifier({ issuer: config.tokenIssuer, clientId: config.clientId }),
    keys: deriveInboxKeys(sessionKey),
    clock: options.clock ?? systemClock,
  };
}
