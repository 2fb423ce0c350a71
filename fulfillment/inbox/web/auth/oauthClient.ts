import * as z from 'zod';
import { TokenExchangeFailed } from './errors';
import type { SignInAttempt } from './pkce';

/** Port: the authorization server the inbox signs clinicians in with (Cognito in AWS, the local issuer locally). */
export interface AuthorizationServer {
  /** Where to send the browser to sign in. */
  authorizeUrl(attempt: Pick<SignInAttempt, 'state' | 'codeChallenge' | 'nonce'>, loginHint?: string): string;
  /** Redeems an authorization code for the ID token. @throws {TokenExchangeFailed} */
  exchangeCode(code: string, codeVerifier: string): Promise<{ readonly idToken: string }>;
  /** Where to send the browser to end its session at the server, which then returns it to the inbox. */
  logoutUrl(): string;
}

/** Settings of {@link OAuthCodeClient}. */
export interface OAuthCodeClientOptions {
  /** Base of `/oauth2/authorize`, `/oauth2/token` and `/logout` (`INBOX_OAUTH_URL`). */
  readonly oauthUrl: string;
  /** The app client id (`INBOX_OAUTH_CLIENT_ID`). */
  readonly clientId: string;
  /** The callback URL registered with the client, exactly. */
  readonly redirectUri: string;
  /** The sign-out URL registered with the client, exactly. */
  readonly logoutUri: string;
  /** Time the token request may take. @default 5000 */
  readonly timeoutMs?: number;
}

/** Scopes asked for: `openid` alone gets Cognito's ID token with every attribute the client may read. */
const SCOPE = 'openid';

/** RFC 6749 error codes are short lower-case words; anything else from the server is not repeated. */
const OAUTH_ERROR = /^[a-z_]{1,40}$/;

const tokenResponseSchema = z.object({ id_token: z.string().min(1).max(8000) });

/**
 * OAuth 2.0 authorization code flow with PKCE (S256) as a public client (no client secret), on the
 * endpoints Cognito's user-pool domain serves: `GET /oauth2/authorize`, `POST /oauth2/token`
 * (form-encoded `grant_type=authorization_code`, `client_id`, `code`, `redirect_uri`,
 * `code_verifier`) and `GET /logout` (`client_id`, `logout_uri`).
 *
 * @example
 * const server = new OAuthCodeClient({ oauthUrl, clientId, redirectUri: `${baseUrl}/auth/callback`, logoutUri: `${baseUrl}/auth/logout` });
 */
export class OAuthCodeClient implements AuthorizationServer {
  readonly #options: OAuthCodeClientOptions;

  public constructor(options: OAuthCodeClientOptions) {
    this.#options = options;
  }

  public authorizeUrl(attempt: Pick<SignInAttempt, 'state' | 'codeChallenge' | 'nonce'>, loginHint?: string): string {
    const url = new URL(`${this.#options.oauthUrl}/oauth2/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.#options.clientId,
      redirect_uri: this.#options.redirectUri,
      scope: SCOPE,
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: attempt.codeChallenge,
      code_challenge_method: 'S256',
      ...(loginHint ? { login_hint: loginHint } : {}),
    }).toString();
    return url.href;
  }

  public async exchangeCode(code: string, codeVerifier: string): Promise<{ readonly idToken: string }> {
    let response: Response;
    try {
      response = await fetch(`${this.#options.oauthUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: this.#options.clientId,
          code,
          redirect_uri: this.#options.redirectUri,
          code_verifier: codeVerifier,
        }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new TokenExchangeFailed('token endpoint unreachable', undefined, { cause: error });
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const code = typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string' && OAUTH_ERROR.test(body.error) ? body.error : undefined;
      throw new TokenExchangeFailed(`token endpoint answered ${response.status}`, code);
    }
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success) throw new TokenExchangeFailed('token response without an id_token');
    return { idToken: parsed.data.id_token };
  }

  public logoutUrl(): string {
    const url = new URL(`${this.#options.oauthUrl}/logout`);
    url.search = new URLSearchParams({ client_id: this.#options.clientId, logout_uri: this.#options.logoutUri }).toString();
    return url.href;
  }
}
