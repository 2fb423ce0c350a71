import { describe, expect, it } from 'vitest';
import { SANDBOX_CLINICIANS } from '../../../sandbox/data/clinicians';
import { DOUBLE_PHI } from '../../support/inboxServiceDouble';
import { setCookie, setCookieLine, startHttpInbox, TEST_CLIENT_ID, TEST_INBOX_URL } from '../../support/inboxHttp';
import { useStarted } from '../../support/lifecycle';

const { nurse, frontDesk } = SANDBOX_CLINICIANS;

/** The CSP the brief asks for, with the issuer's origin in form-action for the sign-out redirect. */
const csp = (oauthOrigin: string) =>
  `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self' ${oauthOrigin}`;

/** The hidden CSRF field's value on a page. */
const csrfOf = (page: string): string => /name="csrf" value="([^"]+)"/.exec(page)?.[1] as string;

/** Flips one character of a JWT's signature. */
const tamper = (cookie: string): string => `${cookie.slice(0, -2)}${cookie.at(-2) === 'A' ? 'B' : 'A'}${cookie.at(-1)}`;

describe('what the inbox shows to whom', () => {
  const inbox = useStarted(() => startHttpInbox(), (started) => {
    started.service.calls.length = 0;
    started.service.failWith = undefined;
  });

  it('answers a browser without a session with the sign-in page: 401, a link back to where it was going, no patient data, and the service never asked', async () => {
    // Act
    const response = await inbox.request('/?filter=urgent');
    // Assess
    const page = await response.text();
    expect(response.status).toBe(401);
    expect(page).toContain('<h1>Sign in</h1>');
    expect(page).toContain('href="/auth/login?next=%2F%3Ffilter%3Durgent"');
    for (const phi of DOUBLE_PHI) expect(page).not.toContain(phi);
    expect(inbox.service.calls).toEqual([]);
  });

  it('lists the messages for a care-team member, urgent first, with patient names and times in the clinic time zone', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    // Act
    const response = await inbox.request('/', { cookie });
    // Assess
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page.indexOf('Eleanor Whitfield')).toBeLessThan(page.indexOf('Harold Halvorsen'));
    expect(page).toContain('Dec 4, 2026, 9:15 AM CST');
    expect(page).toContain('Mar 14, 1948');
    expect(inbox.service.calls).toEqual([`list ${nurse.sub}`]);
  });

  it('prints markup from a message as text, never as markup', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    // Act
    const page = await (await inbox.request('/', { cookie })).text();
    // Assess
    expect(page).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; javascript:alert(2)');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
  });

  it('answers a signed-in user outside the care-team group with 403 and no patient data', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(frontDesk.username);
    // Act
    const response = await inbox.request('/', { cookie });
    // Assess
    const page = await response.text();
    expect(response.status).toBe(403);
    expect(page).toContain('No access to the inbox');
    expect(page).toContain('<strong>care-team</strong>');
    for (const phi of DOUBLE_PHI) expect(page).not.toContain(phi);
    expect(inbox.service.calls).toEqual([]);
  });

  it('signs out a browser whose session token was tampered with: cookie cleared, sign-in page, nothing read', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    // Act
    const response = await inbox.request('/', { cookie: tamper(cookie) });
    // Assess
    const page = await response.text();
    expect(response.status).toBe(401);
    expect(page).toContain('Your session has ended. Sign in again.');
    expect(setCookieLine(response, '__Host-inbox-session')).toMatch(/^__Host-inbox-session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    for (const phi of DOUBLE_PHI) expect(page).not.toContain(phi);
    expect(inbox.service.calls).toEqual([]);
    expect(inbox.logger.text()).toContain('"event":"inbox.session","outcome":"refused","reason":"badSignature"');
  });

  it('signs out a browser whose token has expired', async () => {
    // Prepare: a token the issuer signed, which expired a minute ago.
    const expired = await inbox.issuer.issueIdToken(nurse.username, TEST_CLIENT_ID, { lifetimeSeconds: -60 });
    // Act
    const response = await inbox.request('/', { cookie: `__Host-inbox-session=${expired}` });
    // Assess
    expect(response.status).toBe(401);
    expect(setCookieLine(response, '__Host-inbox-session')).toMatch(/Max-Age=0/);
    expect(inbox.logger.text()).toContain('"reason":"expired"');
  });

  it("signs out a token for another app, and the issuer's access token used as a session", async () => {
    // Prepare
    const otherApp = await inbox.issuer.issueIdToken(nurse.username, 'another_client');
    const login = await inbox.request(`/auth/login?login_hint=${nurse.username}`);
    const authorize = await fetch(login.headers.get('location') as string, { redirect: 'manual' });
    const code = new URL(authorize.headers.get('location') as string).searchParams.get('code') as string;
    const verifierCookie = decodeURIComponent((setCookie(login, '__Host-inbox-sign-in') as string).split('=')[1] as string);
    const { codeVerifier } = JSON.parse(Buffer.from(verifierCookie.slice(0, verifierCookie.lastIndexOf('.')), 'base64url').toString()) as { codeVerifier: string };
    const tokens = (await (
      await fetch(`${inbox.issuer.oauthUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: TEST_CLIENT_ID, code, redirect_uri: `${TEST_INBOX_URL}/auth/callback`, code_verifier: codeVerifier }),
      })
    ).json()) as { access_token: string };
    // Act
    const forOtherApp = await inbox.request('/', { cookie: `__Host-inbox-session=${otherApp}` });
    const accessToken = await inbox.request('/', { cookie: `__Host-inbox-session=${tokens.access_token}` });
    // Assess
    expect([forOtherApp.status, accessToken.status]).toEqual([401, 401]);
    expect(inbox.logger.text()).toContain('"reason":"wrongAudience"');
  });

  it('signs out a token of this pool and app that is not an ID token (token_use)', async () => {
    // Prepare
    const notId = await inbox.issuer.issueIdToken(nurse.username, TEST_CLIENT_ID, { claims: { token_use: 'access' } });
    // Act
    const response = await inbox.request('/', { cookie: `__Host-inbox-session=${notId}` });
    // Assess
    expect(response.status).toBe(401);
    expect(inbox.logger.text()).toContain('"reason":"notIdToken"');
  });

  it('answers an unknown page with the sign-in page to strangers and a 404 to the care team', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    // Act
    const stranger = await inbox.request('/no/such/page');
    const member = await inbox.request('/no/such/page', { cookie });
    // Assess
    expect(stranger.status).toBe(401);
    expect(member.status).toBe(404);
    expect(await member.text()).toContain('Page not found');
  });

  it('shows a failure of the service as a bare error page and logs only its name', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    inbox.service.failWith = new RangeError('Eleanor Whitfield 1948-03-14 broke it');
    // Act
    const response = await inbox.request('/', { cookie });
    // Assess
    const page = await response.text();
    expect(response.status).toBe(500);
    expect(page).toContain('Something went wrong');
    expect(page).not.toContain('Eleanor');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toBe(csp(new URL(inbox.issuer.oauthUrl).origin));
    expect(inbox.logger.text()).toContain('"errorName":"RangeError"');
    expect(inbox.logger.text()).not.toContain('Eleanor');
  });

  it('puts no token, name or patient data in its logs', async () => {
    // Prepare
    inbox.logger.lines.length = 0;
    const { cookie, idToken } = await inbox.signIn(nurse.username);
    // Act
    await inbox.request('/', { cookie });
    await inbox.request('/', { cookie: tamper(cookie) });
    // Assess
    const logs = inbox.logger.text();
    expect(logs).toContain(`"event":"inbox.signIn","outcome":"ok","clinicianId":"${nurse.sub}"`);
    for (const secret of [idToken, idToken.split('.')[2] as string, nurse.name, nurse.email, ...DOUBLE_PHI]) expect(logs).not.toContain(secret);
  });
});

describe('state-changing requests (sign-out is one)', () => {
  const inbox = useStarted(() => startHttpInbox());

  it('refuses a POST without the CSRF token with 403 and leaves the session alone', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    // Act
    const response = await inbox.request('/auth/logout', { cookie, form: {} });
    // Assess
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('This request was not accepted');
    expect(setCookie(response, '__Host-inbox-session')).toBeUndefined();
    expect((await inbox.request('/', { cookie })).status).toBe(200);
  });

  it("refuses a wrong token, another session's token, and the right token sent from another origin", async () => {
    // Prepare
    const mine = await inbox.signIn(nurse.username);
    const theirs = await inbox.signIn(SANDBOX_CLINICIANS.doctor.username);
    const myToken = csrfOf(await (await inbox.request('/', { cookie: mine.cookie })).text());
    const theirToken = csrfOf(await (await inbox.request('/', { cookie: theirs.cookie })).text());
    // Act
    const wrong = await inbox.request('/auth/logout', { cookie: mine.cookie, form: { csrf: 'x'.repeat(43) } });
    const other = await inbox.request('/auth/logout', { cookie: mine.cookie, form: { csrf: theirToken } });
    const crossOrigin = await inbox.request('/auth/logout', { cookie: mine.cookie, form: { csrf: myToken }, headers: { origin: 'https://evil.example' } });
    // Assess
    expect([wrong.status, other.status, crossOrigin.status]).toEqual([403, 403, 403]);
    expect(myToken).not.toBe(theirToken);
    expect(inbox.logger.text()).toContain('"event":"inbox.csrf","outcome":"crossOrigin"');
  });

  it("signs out with the session's token: cookie cleared, then the issuer's /logout, which returns to the signed-out page", async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    const token = csrfOf(await (await inbox.request('/', { cookie })).text());
    // Act
    const response = await inbox.request('/auth/logout', { cookie, form: { csrf: token }, headers: { origin: TEST_INBOX_URL } });
    const issuerLogout = await fetch(response.headers.get('location') as string, { redirect: 'manual' });
    const landing = await inbox.request(issuerLogout.headers.get('location') as string);
    // Assess
    expect(response.status).toBe(303);
    expect(setCookieLine(response, '__Host-inbox-session')).toMatch(/^__Host-inbox-session=; Max-Age=0/);
    const logout = new URL(response.headers.get('location') as string);
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: TEST_CLIENT_ID, logout_uri: `${TEST_INBOX_URL}/auth/logout` });
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('You are signed out.');
  });

  it("accepts the browser's own form post, sent with Origin: null under no-referrer, and refuses one marked cross-site", async () => {
    // Prepare: what Chromium sends for the inbox's form under Referrer-Policy: no-referrer.
    const { cookie } = await inbox.signIn(nurse.username);
    const token = csrfOf(await (await inbox.request('/', { cookie })).text());
    // Act
    const crossSite = await inbox.request('/auth/logout', { cookie, form: { csrf: token }, headers: { origin: 'null', 'sec-fetch-site': 'cross-site' } });
    const own = await inbox.request('/auth/logout', { cookie, form: { csrf: token }, headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } });
    // Assess
    expect([crossSite.status, own.status]).toEqual([403, 303]);
  });

  it('accepts the token in the x-csrf-token header, for scripts', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    const token = csrfOf(await (await inbox.request('/', { cookie })).text());
    // Act
    const response = await inbox.request('/auth/logout', { cookie, method: 'POST', headers: { 'x-csrf-token': token } });
    // Assess
    expect(response.status).toBe(303);
  });

  it('asks a signed-in user who opens the sign-out address to confirm with a button, and signs out nobody on a GET', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    // Act
    const response = await inbox.request('/auth/logout', { cookie });
    // Assess
    const page = await response.text();
    expect(page).toContain('Sign out now');
    expect(setCookie(response, '__Host-inbox-session')).toBeUndefined();
    expect((await inbox.request('/', { cookie })).status).toBe(200);
  });
});

describe('headers on every response', () => {
  const inbox = useStarted(() => startHttpInbox());

  it('sends CSP, HSTS, nosniff, no-referrer, DENY framing and no-store on pages, redirects and refusals', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    const responses = await Promise.all([
      inbox.request('/', { cookie }),
      inbox.request('/'),
      inbox.request('/auth/login'),
      inbox.request('/auth/logout', { cookie, form: {} }),
      inbox.request('/auth/callback'),
    ]);
    // Assess
    for (const response of responses) {
      expect(Object.fromEntries(['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cache-control'].map((name) => [name, response.headers.get(name)]))).toEqual({
        'content-security-policy': csp(new URL(inbox.issuer.oauthUrl).origin),
        'strict-transport-security': 'max-age=63072000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
      });
    }
  });

  it('serves the stylesheet and script to anyone, revalidated by ETag, and holds no inline script or style in a page', async () => {
    // Act
    const css = await inbox.request('/assets/app.css');
    const js = await inbox.request('/assets/app.js');
    const again = await inbox.request('/assets/app.js', { headers: { 'if-none-match': js.headers.get('etag') as string } });
    const page = await (await inbox.request('/')).text();
    // Assess
    expect([css.status, css.headers.get('content-type'), css.headers.get('cache-control')]).toEqual([200, 'text/css; charset=utf-8', 'no-cache']);
    expect([js.status, js.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(again.status).toBe(304);
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
  });
});

describe('when the issuer cannot be reached for its keys', () => {
  const inbox = useStarted(() => startHttpInbox());

  it('answers 503 and keeps the session: nothing is known against the token', async () => {
    // Prepare: a valid token, and the issuer gone before the inbox ever read its keys.
    const token = await inbox.issuer.issueIdToken(nurse.username, TEST_CLIENT_ID);
    await inbox.issuer.close();
    // Act
    const response = await inbox.request('/', { cookie: `__Host-inbox-session=${token}` });
    // Assess
    expect(response.status).toBe(503);
    expect(setCookie(response, '__Host-inbox-session')).toBeUndefined();
    expect(await response.text()).toContain('Something went wrong');
    expect(inbox.logger.text()).toContain('"errorName":"IssuerUnavailable"');
  });
});

describe('request bodies', () => {
  const inbox = useStarted(() => startHttpInbox());

  it('refuses a body far beyond any form of the inbox, unread', async () => {
    // Prepare
    const { cookie } = await inbox.signIn(nurse.username);
    // Act
    const response = await inbox.request('/auth/logout', { cookie, form: { csrf: 'x', comment: 'a'.repeat(100_000) } });
    // Assess
    expect(response.status).toBe(413);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
