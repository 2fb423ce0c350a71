import { describe, expect, it } from 'vitest';
import { SANDBOX_CLINICIANS } from '../../../sandbox/data/clinicians';
import { startHttpInbox, setCookie, setCookieLine, TEST_CLIENT_ID, TEST_INBOX_URL } from '../../support/inboxHttp';
import { useStarted } from '../../support/lifecycle';
import type { Clock } from '../../../fulfillment/runtime/clock';

const nurse = SANDBOX_CLINICIANS.nurse;

describe('signing in to the inbox (OAuth code flow with PKCE, local issuer)', () => {
  const inbox = useStarted(() => startHttpInbox());

  it('sends the browser to the issuer with a fresh state, nonce and S256 challenge, keeping them in a signed 10-minute cookie', async () => {
    // Act
    const response = await inbox.request('/auth/login?next=%2F%3Ffilter%3Durgent');
    // Assess
    expect(response.status).toBe(302);
    const authorize = new URL(response.headers.get('location') as string);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${inbox.issuer.oauthUrl}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      response_type: 'code',
      client_id: TEST_CLIENT_ID,
      redirect_uri: `${TEST_INBOX_URL}/auth/callback`,
      scope: 'openid',
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    const cookie = setCookieLine(response, '__Host-inbox-sign-in') as string;
    expect(cookie).toMatch(/; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    // The verifier travels only in the cookie (value.signature), never in the URL.
    const signed = decodeURIComponent((cookie.split(';')[0] as string).slice('__Host-inbox-sign-in='.length));
    const attempt = JSON.parse(Buffer.from(signed.slice(0, signed.lastIndexOf('.')), 'base64url').toString('utf8')) as { codeVerifier: string; state: string };
    expect(attempt.state).toBe(authorize.searchParams.get('state'));
    expect(attempt.codeVerifier).toMatch(/^[\w-]{43}$/);
    expect(authorize.href).not.toContain(attempt.codeVerifier);
  });

  it('lands a care-team nurse on the page she asked for, with the session in a host-only, HttpOnly, Secure, Lax cookie until the token expires', async () => {
    // Prepare
    const login = await inbox.request(`/auth/login?${new URLSearchParams({ login_hint: nurse.username, next: '/?filter=urgent' })}`);
    const authorize = await fetch(login.headers.get('location') as string, { redirect: 'manual' });
    // Act
    const callback = await inbox.request(authorize.headers.get('location') as string, { cookie: setCookie(login, '__Host-inbox-sign-in') as string });
    // Assess
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/?filter=urgent');
    const session = setCookieLine(callback, '__Host-inbox-session') as string;
    expect(session).toMatch(/^__Host-inbox-session=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=(3[56]\d\d); Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(setCookieLine(callback, '__Host-inbox-sign-in')).toMatch(/^__Host-inbox-sign-in=; Max-Age=0/);
    const home = await inbox.request('/?filter=urgent', { cookie: session.split(';')[0] as string });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Signed in as <strong class="clinician-name">Alex Rivera, RN</strong>');
  });

  it('takes the user back home, never to another site, whatever `next` says', async () => {
    // Prepare
    const login = await inbox.request(`/auth/login?${new URLSearchParams({ login_hint: nurse.username, next: '//evil.example/phish' })}`);
    const authorize = await fetch(login.headers.get('location') as string, { redirect: 'manual' });
    // Act
    const callback = await inbox.request(authorize.headers.get('location') as string, { cookie: setCookie(login, '__Host-inbox-sign-in') as string });
    // Assess
    expect(callback.headers.get('location')).toBe('/');
  });

  it('refuses a callback whose state is not the one this browser started, and sets no session', async () => {
    // Prepare: two sign-ins; the callback of the first comes back with the cookie of the second.
    const first = await inbox.request(`/auth/login?login_hint=${nurse.username}`);
    const second = await inbox.request(`/auth/login?login_hint=${nurse.username}`);
    const authorize = await fetch(first.headers.get('location') as string, { redirect: 'manual' });
    // Act
    const callback = await inbox.request(authorize.headers.get('location') as string, { cookie: setCookie(second, '__Host-inbox-sign-in') as string });
    // Assess
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain('Sign-in did not complete');
    expect(setCookie(callback, '__Host-inbox-session')).toBeUndefined();
  });

  it('refuses a callback without the sign-in cookie, and a code replayed after its first use', async () => {
    // Prepare
    const login = await inbox.request(`/auth/login?login_hint=${nurse.username}`);
    const attempt = setCookie(login, '__Host-inbox-sign-in') as string;
    const authorize = await fetch(login.headers.get('location') as string, { redirect: 'manual' });
    const callbackUrl = authorize.headers.get('location') as string;
    // Act
    const withoutCookie = await inbox.request(callbackUrl);
    const first = await inbox.request(callbackUrl, { cookie: attempt });
    const replayed = await inbox.request(callbackUrl, { cookie: attempt });
    // Assess: the first without its cookie proves nothing; the code then works once, not twice.
    expect(withoutCookie.status).toBe(400);
    expect(first.status).toBe(303);
    expect(replayed.status).toBe(400);
    expect(setCookie(replayed, '__Host-inbox-session')).toBeUndefined();
  });

  it('shows a cancelled sign-in as such, repeating only a plain OAuth error code', async () => {
    // Prepare
    const login = await inbox.request('/auth/login');
    // Act
    const cancelled = await inbox.request('/auth/callback?error=access_denied&state=x', { cookie: setCookie(login, '__Host-inbox-sign-in') as string });
    const odd = await inbox.request('/auth/callback?error=%3Cb%3Ehi%3C%2Fb%3E', { cookie: setCookie(login, '__Host-inbox-sign-in') as string });
    // Assess
    expect(cancelled.status).toBe(400);
    expect(await cancelled.text()).toContain('The sign-in was cancelled or refused (access_denied).');
    expect(await odd.text()).not.toContain('<b>hi');
  });

  it('passes only a plain user name on as login_hint', async () => {
    // Act
    const plain = await inbox.request('/auth/login?login_hint=nurse.rivera');
    const odd = await inbox.request('/auth/login?login_hint=a%20b%26c');
    // Assess
    expect(new URL(plain.headers.get('location') as string).searchParams.get('login_hint')).toBe('nurse.rivera');
    expect(new URL(odd.headers.get('location') as string).searchParams.has('login_hint')).toBe(false);
  });
});

describe('a sign-in that comes back after 10 minutes', () => {
  let now = Date.now();
  const clock: Clock = { now: () => now, sleep: async () => undefined };
  const inbox = useStarted(() => startHttpInbox({ clock }));

  it('is refused: the sign-in cookie has expired', async () => {
    // Prepare
    const login = await inbox.request(`/auth/login?login_hint=${nurse.username}`);
    const authorize = await fetch(login.headers.get('location') as string, { redirect: 'manual' });
    now += 601_000;
    // Act
    const callback = await inbox.request(authorize.headers.get('location') as string, { cookie: setCookie(login, '__Host-inbox-sign-in') as string });
    // Assess
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain('took longer than 10 minutes');
  });
});
