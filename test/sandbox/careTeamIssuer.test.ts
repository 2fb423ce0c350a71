import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { startCareTeamIssuer } from '../../sandbox/careTeamIssuer';
import { SANDBOX_CLINICIANS } from '../../sandbox/data/clinicians';
import { useStarted } from '../support/lifecycle';

const CLIENT = { clientId: 'inbox_app', redirectUri: 'https://inbox.clinic.test/auth/callback', logoutUri: 'https://inbox.clinic.test/auth/logout' };
const nurse = SANDBOX_CLINICIANS.nurse;

/** A PKCE pair as a client makes one. */
function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('the local care-team issuer (a stand-in for Cognito)', () => {
  const issuer = useStarted(async () => {
    const started = await startCareTeamIssuer({ codeLifetimeSeconds: 1 });
    started.registerClient(CLIENT);
    return started;
  });

  /** GET /oauth2/authorize with Cognito's parameters, `overrides` on top; not following the redirect. */
  const authorize = (overrides: Record<string, string | undefined> = {}, challenge = pkce().challenge) => {
    const params = Object.entries({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: CLIENT.redirectUri,
      scope: 'openid',
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: nurse.username,
      ...overrides,
    }).filter((entry): entry is [string, string] => entry[1] !== undefined);
    return fetch(`${issuer.oauthUrl}/oauth2/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
  };

  /** POST /oauth2/token, form-encoded. */
  const token = (form: Record<string, string>) =>
    fetch(`${issuer.oauthUrl}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });

  /** A code for the nurse, and the verifier that redeems it. */
  const codeFor = async () => {
    const { verifier, challenge } = pkce();
    const response = await authorize({}, challenge);
    const code = new URL(response.headers.get('location') as string).searchParams.get('code') as string;
    return { code, verifier };
  };

  const redeem = (code: string, verifier: string, overrides: Record<string, string> = {}) =>
    token({ grant_type: 'authorization_code', client_id: CLIENT.clientId, code, redirect_uri: CLIENT.redirectUri, code_verifier: verifier, ...overrides });

  it('signs the hinted clinician in at once: back to the registered callback with a code and the state', async () => {
    // Act
    const response = await authorize();
    // Assess
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location') as string);
    expect(`${back.origin}${back.pathname}`).toBe(CLIENT.redirectUri);
    expect(back.searchParams.get('state')).toBe('state-1');
    expect(back.searchParams.get('code')).toMatch(/^[\w-]{32}$/);
  });

  it('shows a sign-in page with one button per sandbox clinician when no hint names one, carrying the request along', async () => {
    // Act
    const response = await authorize({ login_hint: undefined });
    // Assess
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; form-action 'self' https://inbox.clinic.test; frame-ancestors 'none'; base-uri 'none'");
    for (const clinician of Object.values(SANDBOX_CLINICIANS)) {
      expect(page).toContain(`<button type="submit" name="login_hint" value="${clinician.username}">Sign in as ${clinician.name}</button>`);
    }
    expect(page).toContain('<input type="hidden" name="state" value="state-1" />');
    expect(page).toContain('<input type="hidden" name="code_challenge_method" value="S256" />');
  });

  it('never redirects to a callback URL that is not registered exactly, nor for an unknown client', async () => {
    // Act
    const otherUri = await authorize({ redirect_uri: 'https://inbox.clinic.test/auth/callback/' });
    const otherClient = await authorize({ client_id: 'someone_else' });
    // Assess
    expect([otherUri.status, otherClient.status]).toEqual([400, 400]);
    expect(otherUri.headers.get('location')).toBeNull();
  });

  it('requires PKCE with S256 and the openid scope, answering at the callback as OAuth says', async () => {
    // Act
    const plain = await authorize({ code_challenge_method: 'plain' });
    const none = await authorize({ code_challenge: undefined, code_challenge_method: undefined });
    const noOpenid = await authorize({ scope: 'email' });
    const implicit = await authorize({ response_type: 'token' });
    // Assess
    const error = (response: Response) => new URL(response.headers.get('location') as string).searchParams.get('error');
    expect([error(plain), error(none), error(noOpenid), error(implicit)]).toEqual(['invalid_request', 'invalid_request', 'invalid_scope', 'unsupported_response_type']);
  });

  it("redeems a code once for an RS256 ID token with Cognito's claims, verifiable with the published JWKS", async () => {
    // Prepare
    const { code, verifier } = await codeFor();
    // Act
    const response = await redeem(code, verifier);
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { id_token: string; access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const { payload, protectedHeader } = await jwtVerify(body.id_token, createRemoteJWKSet(new URL(issuer.jwksUri)), { issuer: issuer.issuer, audience: CLIENT.clientId });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(payload).toEqual({
      iss: issuer.issuer,
      aud: CLIENT.clientId,
      token_use: 'id',
      sub: nurse.sub,
      'cognito:username': nurse.username,
      'cognito:groups': ['care-team'],
      name: nurse.name,
      email: nurse.email,
      email_verified: true,
      nonce: 'nonce-1',
      auth_time: expect.any(Number),
      iat: expect.any(Number),
      exp: (payload.iat as number) + 3600,
      jti: expect.any(String),
      origin_jti: expect.any(String),
    });
    expect(issuer.issuer).toBe(`${issuer.oauthUrl}/local-pool`);
    expect((await redeem(code, verifier)).status).toBe(400);
  });

  it('refuses a wrong verifier, another redirect URI or client, and burns the code whatever happens', async () => {
    // Prepare
    const first = await codeFor();
    const second = await codeFor();
    const third = await codeFor();
    // Act
    const wrongVerifier = await redeem(first.code, pkce().verifier);
    const afterward = await redeem(first.code, first.verifier);
    const wrongUri = await redeem(second.code, second.verifier, { redirect_uri: 'https://inbox.clinic.test/other' });
    const wrongClient = await redeem(third.code, third.verifier, { client_id: 'someone_else' });
    // Assess
    const errors = await Promise.all([wrongVerifier, afterward, wrongUri, wrongClient].map(async (response) => [response.status, ((await response.json()) as { error: string }).error]));
    expect(errors).toEqual([
      [400, 'invalid_grant'],
      [400, 'invalid_grant'],
      [400, 'invalid_grant'],
      [400, 'invalid_client'],
    ]);
  });

  it('lets a code expire (here after one second)', async () => {
    // Prepare
    const { code, verifier } = await codeFor();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Act
    const response = await redeem(code, verifier);
    // Assess
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('accepts only the authorization code grant, form-encoded', async () => {
    // Act
    const password = await token({ grant_type: 'password', client_id: CLIENT.clientId });
    const json = await fetch(`${issuer.oauthUrl}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    // Assess
    expect(((await password.json()) as { error: string }).error).toBe('unsupported_grant_type');
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('signs out to the registered sign-out URL only', async () => {
    // Act
    const registered = await fetch(`${issuer.oauthUrl}/logout?${new URLSearchParams({ client_id: CLIENT.clientId, logout_uri: CLIENT.logoutUri })}`, { redirect: 'manual' });
    const other = await fetch(`${issuer.oauthUrl}/logout?${new URLSearchParams({ client_id: CLIENT.clientId, logout_uri: 'https://evil.example/' })}`, { redirect: 'manual' });
    // Assess
    expect([registered.status, registered.headers.get('location')]).toEqual([302, CLIENT.logoutUri]);
    expect([other.status, other.headers.get('location')]).toEqual([400, null]);
  });
});
