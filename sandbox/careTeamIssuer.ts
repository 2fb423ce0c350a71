import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { SANDBOX_CLINICIAN_LIST, type SandboxClinician } from './data/clinicians';
import { listenOnLoopback } from './loopbackServer';

/**
 * The local stand-in for the clinic's Cognito user pool and its hosted sign-in: an OAuth 2.0
 * authorization server for the care-team inbox on loopback, shaped like Cognito where the inbox
 * depends on it. Its OAuth endpoints sit at the server's root (like the Cognito domain) and its
 * issuer under {@link LOCAL_POOL_PATH} (like `https://cognito-idp.<region>.amazonaws.com/<pool id>`),
 * so the inbox is configured exactly as in AWS: `INBOX_OAUTH_URL` and `INBOX_TOKEN_ISSUER` differ.
 * Nobody types a password: the sign-in page lists the sandbox clinicians, one button each, and a
 * `login_hint` naming one signs that one in at once (what `npm run inbox` prints).
 */

/** Path of the issuer (the "user pool") under the server's root. */
export const LOCAL_POOL_PATH = '/local-pool';

/** An app client of the local pool: a public client (no secret), as the inbox's Cognito client is. */
export interface CareTeamClient {
  readonly clientId: string;
  /** The one callback URL allowed, matched exactly (Cognito's "Allowed callback URLs"). */
  readonly redirectUri: string;
  /** The one sign-out URL allowed (Cognito's "Allowed sign-out URLs"). */
  readonly logoutUri: string;
}

/** Options of {@link startCareTeamIssuer}. */
export interface CareTeamIssuerOptions {
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Users of the pool. @default SANDBOX_CLINICIAN_LIST */
  readonly clinicians?: readonly SandboxClinician[];
  /** Seconds an ID token is valid (Cognito allows 5 minutes to 1 day). @default 3600 */
  readonly idTokenLifetimeSeconds?: number;
  /** Seconds an authorization code may be redeemed in (Cognito: 5 minutes). @default 60 */
  readonly codeLifetimeSeconds?: number;
}

/** Live counters of a running issuer. */
export interface CareTeamIssuerStats {
  /** Authorization codes handed out (a clinician signed in). */
  signIns: number;
  /** Token responses with an ID token. */
  tokensIssued: number;
  /** Token requests answered with an OAuth error. */
  tokenRequestsRefused: number;
}

/** A running local issuer. */
export interface CareTeamIssuer {
  /** Base of `/oauth2/authorize`, `/oauth2/token` and `/logout`: what `INBOX_OAUTH_URL` is set to. */
  readonly oauthUrl: string;
  /** The ID tokens' `iss`: what `INBOX_TOKEN_ISSUER` is set to. */
  readonly issuer: string;
  /** `${issuer}/.well-known/jwks.json`. */
  readonly jwksUri: string;
  readonly clinicians: readonly SandboxClinician[];
  /** Registers an app client, replacing one with the same id. */
  registerClient(client: CareTeamClient): void;
  /**
   * An ID token for `username`, signed with the pool's key, as the token endpoint would issue it:
   * for tests that need a token the browser could not get (one that expired a minute ago, one with
   * `claims` overridden).
   */
  issueIdToken(username: string, clientId: string, options?: { readonly lifetimeSeconds?: number; readonly nonce?: string; readonly claims?: Record<string, unknown> }): Promise<string>;
  readonly stats: CareTeamIssuerStats;
  close(): Promise<void>;
}

/** An authorization code waiting to be redeemed. */
interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly clinician: SandboxClinician;
  readonly nonce: string | undefined;
  readonly authTime: number;
  /** Milliseconds since the epoch: second granularity would make a one-second code flaky. */
  readonly expiresAtMs: number;
}

/** Codes outstanding at once; more means something is looping, and the issuer refuses. */
const MAX_PENDING_CODES = 1000;

/** A PKCE S256 challenge: base64url of a SHA-256 digest, 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** RFC 7636 code verifier: 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

function bounded(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Headers of every page and token response: nothing cached, nothing framed, no script. */
function noStore(c: Context, formTargets: readonly string[] = []): void {
  c.header('Cache-Control', 'no-store');
  c.header('Pragma', 'no-cache');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  // The sign-in form submits here and is redirected to the app's callback: Chromium checks
  // form-action on that redirect too, so the callback's origin is allowed as well.
  c.header('Content-Security-Policy', `default-src 'none'; form-action 'self' ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`.replace(/ {2,}/g, ' '));
}

/** The issuer's own page: plain, accessible HTML (landmarks, one heading, labelled buttons). */
function page(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
  </head>
  <body>
    <main>
      <h1>${title}</h1>
      ${body}
    </main>
  </body>
</html>`;
}

/**
 * Starts the local care-team issuer on 127.0.0.1. Register the inbox as a client before its first
 * sign-in.
 *
 * @example
 * const issuer = await startCareTeamIssuer();
 * issuer.registerClient({ clientId: 'care_team_inbox_local', redirectUri: `${inbox}/auth/callback`, logoutUri: `${inbox}/auth/logout` });
 */
export async function startCareTeamIssuer(options: CareTeamIssuerOptions = {}): Promise<CareTeamIssuer> {
  const clinicians = options.clinicians ?? SANDBOX_CLINICIAN_LIST;
  const idTokenLifetime = bounded('idTokenLifetimeSeconds', options.idTokenLifetimeSeconds ?? 3600, 300, 86_400);
  const codeLifetime = bounded('codeLifetimeSeconds', options.codeLifetimeSeconds ?? 60, 1, 600);
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks = { keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] };
  const clients = new Map<string, CareTeamClient>();
  const codes = new Map<string, PendingCode>();
  const stats: CareTeamIssuerStats = { signIns: 0, tokensIssued: 0, tokenRequestsRefused: 0 };
  let issuer = '';

  const sign = (claims: Record<string, unknown>, lifetimeSeconds: number): Promise<string> => {
    const iat = nowSeconds();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(privateKey);
  };

  /** The ID token Cognito issues: `aud` the client, `token_use` id, the groups, the user's attributes. */
  const idToken = (
    clinician: SandboxClinician,
    clientId: string,
    extra: { nonce?: string; authTime: number; originJti: string; claims?: Record<string, unknown> },
    lifetimeSeconds: number,
  ) =>
    sign(
      {
        sub: clinician.sub,
        aud: clientId,
        token_use: 'id',
        'cognito:username': clinician.username,
        'cognito:groups': [...clinician.groups],
        name: clinician.name,
        email: clinician.email,
        email_verified: true,
        auth_time: extra.authTime,
        origin_jti: extra.originJti,
        ...(extra.nonce ? { nonce: extra.nonce } : {}),
        ...extra.claims,
      },
      lifetimeSeconds,
    );

  const app = new Hono();

  app.get(`${LOCAL_POOL_PATH}/.well-known/jwks.json`, (c) => c.json(jwks));

  app.get('/oauth2/authorize', async (c) => {
    const q = c.req.query();
    const client = q.client_id ? clients.get(q.client_id) : undefined;
    // RFC 6749 4.1.2.1: with an unknown client or a redirect URI not registered, never redirect.
    if (!client || q.redirect_uri !== client.redirectUri) {
      noStore(c);
      return c.html(page('Sign-in refused', html`<p>This app is not registered with the sandbox pool, or its callback URL does not match exactly.</p>`), 400);
    }
    const back = (params: Record<string, string>) => {
      const url = new URL(client.redirectUri);
      for (const [name, value] of Object.entries({ ...params, ...(q.state ? { state: q.state } : {}) })) url.searchParams.set(name, value);
      return c.redirect(url.href, 302);
    };
    if (q.response_type !== 'code') return back({ error: 'unsupported_response_type' });
    if (!(q.scope ?? '').split(' ').includes('openid')) return back({ error: 'invalid_scope', error_description: 'openid scope required' });
    if (q.code_challenge_method !== 'S256' || !S256_CHALLENGE.test(q.code_challenge ?? '')) {
      return back({ error: 'invalid_request', error_description: 'PKCE with code_challenge_method S256 required' });
    }
    const clinician = clinicians.find((candidate) => candidate.username === q.login_hint);
    if (!clinician) {
      noStore(c, [new URL(client.redirectUri).origin]);
      const carried = Object.entries(q).filter(([name]) => name !== 'login_hint');
      return c.html(
        page(
          'Sandbox sign-in',
          html`<p>This is the local stand-in for the clinic's Cognito sign-in. Choose who to sign in as.</p>
            <form method="get" action="/oauth2/authorize">
              ${carried.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
              <ul>
                ${clinicians.map(
                  (candidate) =>
                    html`<li><button type="submit" name="login_hint" value="${candidate.username}">Sign in as ${candidate.name}</button> (groups: ${candidate.groups.join(', ')})</li>`,
                )}
              </ul>
            </form>`,
        ),
      );
    }
    const now = Date.now();
    for (const [code, pending] of codes) if (pending.expiresAtMs <= now) codes.delete(code);
    if (codes.size >= MAX_PENDING_CODES) return back({ error: 'temporarily_unavailable' });
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { clientId: client.clientId, redirectUri: client.redirectUri, codeChallenge: q.code_challenge as string, clinician, nonce: q.nonce, authTime: Math.floor(now / 1000), expiresAtMs: now + codeLifetime * 1000 });
    stats.signIns += 1;
    return back({ code });
  });

  app.post('/oauth2/token', async (c) => {
    noStore(c);
    const refuse = (error: string, description: string) => {
      stats.tokenRequestsRefused += 1;
      return c.json({ error, error_description: description }, 400);
    };
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return refuse('invalid_request', 'body must be application/x-www-form-urlencoded');
    }
    const form = await c.req.parseBody();
    const field = (name: string): string | undefined => (typeof form[name] === 'string' ? form[name] : undefined);
    if (field('grant_type') !== 'authorization_code') return refuse('unsupported_grant_type', 'only authorization_code is supported');
    const client = clients.get(field('client_id') ?? '');
    if (!client) return refuse('invalid_client', 'unknown client');
    const code = field('code') ?? '';
    const pending = codes.get(code);
    // Single use: the code is gone whatever happens next (RFC 6749 4.1.2).
    codes.delete(code);
    if (!pending || pending.expiresAtMs <= Date.now()) return refuse('invalid_grant', 'code unknown, used or expired');
    if (pending.clientId !== client.clientId) return refuse('invalid_grant', 'code issued to another client');
    if (field('redirect_uri') !== pending.redirectUri) return refuse('invalid_grant', 'redirect_uri does not match the authorization request');
    const verifier = field('code_verifier') ?? '';
    if (!CODE_VERIFIER.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge) {
      return refuse('invalid_grant', 'code_verifier does not match the code_challenge');
    }
    const originJti = randomUUID();
    const extra = { authTime: pending.authTime, originJti, ...(pending.nonce ? { nonce: pending.nonce } : {}) };
    const [id_token, access_token] = await Promise.all([
      idToken(pending.clinician, client.clientId, extra, idTokenLifetime),
      sign({ sub: pending.clinician.sub, client_id: client.clientId, token_use: 'access', scope: 'openid', username: pending.clinician.username, auth_time: pending.authTime, origin_jti: originJti }, idTokenLifetime),
    ]);
    stats.tokensIssued += 1;
    return c.json({ id_token, access_token, token_type: 'Bearer', expires_in: idTokenLifetime });
  });

  app.get('/logout', (c) => {
    const client = clients.get(c.req.query('client_id') ?? '');
    if (!client || c.req.query('logout_uri') !== client.logoutUri) {
      noStore(c);
      return c.html(page('Sign-out refused', html`<p>The sign-out URL is not registered for this app.</p>`), 400);
    }
    return c.redirect(client.logoutUri, 302);
  });

  const server = await listenOnLoopback((request) => app.fetch(request), { port: options.port ?? 0 });
  issuer = `${server.baseUrl}${LOCAL_POOL_PATH}`;
  return {
    oauthUrl: server.baseUrl,
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    clinicians,
    registerClient: (client) => {
      clients.set(client.clientId, client);
    },
    issueIdToken: async (username, clientId, tokenOptions = {}) => {
      const clinician = clinicians.find((candidate) => candidate.username === username);
      if (!clinician) throw new RangeError(`no sandbox clinician ${username}`);
      const lifetime = tokenOptions.lifetimeSeconds ?? idTokenLifetime;
      const extra = { authTime: nowSeconds(), originJti: randomUUID(), ...(tokenOptions.nonce ? { nonce: tokenOptions.nonce } : {}), ...(tokenOptions.claims ? { claims: tokenOptions.claims } : {}) };
      return idToken(clinician, clientId, extra, lifetime);
    },
    stats,
    close: () => server.close(),
  };
}
