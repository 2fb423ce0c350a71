import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SANDBOX_CLINICIANS } from '../../../sandbox/data/clinicians';
import { LOCAL_INBOX_CLIENT_ID, startInboxServer } from '../../../sandbox/inboxServer';
import { seriousA11yViolations, tabTo, useBrowser } from '../../support/browser';
import { DOUBLE_PHI, InboxServiceDouble } from '../../support/inboxServiceDouble';
import { useStarted } from '../../support/lifecycle';
import { MemoryLogger } from '../../support/memoryLogger';

const { nurse, frontDesk } = SANDBOX_CLINICIANS;

/**
 * The inbox in Debian's Chromium, signing in through the local issuer's pages on another loopback
 * port, exactly as a clinician would: no request is made by hand.
 */
describe('the inbox in a real browser', () => {
  const browser = useBrowser();
  const logger = new MemoryLogger();
  const inbox = useStarted(() => startInboxServer({ service: new InboxServiceDouble(), logger }));

  /** The session cookie of the page's context, as Chromium keeps it. */
  const sessionCookie = async (page: Page) => (await page.context().cookies(inbox.url)).find((cookie) => cookie.name === '__Host-inbox-session');

  /** Signs the page in at once with the URL `npm run inbox` prints. */
  const signedIn = async (username: string = nurse.username): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(inbox.signInUrl(username));
    return page;
  };

  it("signs a nurse in through the issuer's page, lands on the list with her name, and keeps the Secure cookie on http://127.0.0.1", async () => {
    // Prepare
    const page = await browser.newPage();
    const first = await page.goto(`${inbox.url}/`);
    expect(first?.status()).toBe(401);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Act
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${inbox.issuer.oauthUrl}/oauth2/authorize?**`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `Sign in as ${nurse.name}` }).click();
    await page.waitForURL(`${inbox.url}/`);
    // Assess
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Messages');
    expect(await page.locator('.clinician-name').textContent()).toBe(nurse.name);
    expect(await page.getByRole('table').getByRole('row').count()).toBe(4);
    expect(await sessionCookie(page)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('signs in and out with the keyboard alone', async () => {
    // Prepare
    const page = await browser.newPage();
    await page.goto(`${inbox.url}/`);
    // Act: sign in.
    await tabTo(page, 'Sign in');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${inbox.issuer.oauthUrl}/oauth2/authorize?**`);
    await tabTo(page, `Sign in as ${nurse.name}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${inbox.url}/`);
    const name = await page.locator('.clinician-name').textContent();
    // Act: sign out.
    await tabTo(page, 'Sign out');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${inbox.url}/auth/logout`);
    // Assess
    expect(name).toBe(nurse.name);
    expect(await page.getByRole('status').textContent()).toBe('You are signed out.');
    expect(await sessionCookie(page)).toBeUndefined();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await page.goto(`${inbox.url}/`))?.status()).toBe(401);
  });

  it('moves focus past the banner with the skip link', async () => {
    // Prepare
    const page = await signedIn();
    // Act
    await tabTo(page, 'Skip to main content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // Assess: the next stop is the first filter, not the banner's sign-out button.
    expect(await page.evaluate('document.activeElement?.closest("main") !== null')).toBe(true);
  });

  it('shows a stranger the sign-in page with no patient data, under the security headers', async () => {
    // Prepare
    const page = await browser.newPage();
    // Act
    const response = await page.goto(`${inbox.url}/?filter=urgent`);
    // Assess
    const text = await page.content();
    expect(response?.status()).toBe(401);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    for (const phi of DOUBLE_PHI) expect(text).not.toContain(phi);
    const headers = await response?.allHeaders();
    expect(headers?.['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self' ${inbox.issuer.oauthUrl}`,
    );
    expect(headers).toMatchObject({
      'strict-transport-security': 'max-age=63072000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
    });
  });

  it('runs the page with its script and style under the CSP, without a violation', async () => {
    // Prepare
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    // Act
    await page.goto(inbox.signInUrl());
    // Assess: the stylesheet applied (the skip link is moved off screen) and nothing was blocked.
    expect(await page.evaluate('getComputedStyle(document.querySelector(".skip-link")).position')).toBe('absolute');
    expect(problems).toEqual([]);
  });

  it('answers a signed-in user outside the care team with 403 and no patient data', async () => {
    // Act
    const page = await browser.newPage();
    const response = await page.goto(inbox.signInUrl(frontDesk.username));
    // Assess
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('No access to the inbox');
    const text = await page.content();
    for (const phi of DOUBLE_PHI) expect(text).not.toContain(phi);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('signs out a browser whose session cookie was tampered with', async () => {
    // Prepare
    const page = await signedIn();
    const cookie = (await sessionCookie(page))!;
    const tampered = `${cookie.value.slice(0, -2)}${cookie.value.at(-2) === 'A' ? 'B' : 'A'}${cookie.value.at(-1)}`;
    await page.context().addCookies([{ name: cookie.name, value: tampered, domain: '127.0.0.1', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
    // Act
    const response = await page.goto(`${inbox.url}/`);
    // Assess
    expect(response?.status()).toBe(401);
    expect(await page.getByRole('status').textContent()).toBe('Your session has ended. Sign in again.');
    expect(await sessionCookie(page)).toBeUndefined();
    for (const phi of DOUBLE_PHI) expect(await page.content()).not.toContain(phi);
  });

  it('signs out a browser whose token has expired', async () => {
    // Prepare: the issuer's own signature on a token that expired a minute ago.
    const page = await browser.newPage();
    const expired = await inbox.issuer.issueIdToken(nurse.username, LOCAL_INBOX_CLIENT_ID, { lifetimeSeconds: -60 });
    await page.context().addCookies([{ name: '__Host-inbox-session', value: expired, domain: '127.0.0.1', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
    // Act
    const response = await page.goto(`${inbox.url}/`);
    // Assess
    expect(response?.status()).toBe(401);
    expect(await page.getByRole('status').textContent()).toBe('Your session has ended. Sign in again.');
    expect(await sessionCookie(page)).toBeUndefined();
  });

  it('refuses a sign-out without the CSRF token, or with a wrong one, with 403, and stays signed in', async () => {
    // Prepare
    const page = await signedIn();
    await page.evaluate('document.querySelector("form.sign-out input[name=csrf]").remove()');
    // Act
    const missing = await Promise.all([page.waitForResponse(`${inbox.url}/auth/logout`), page.getByRole('button', { name: 'Sign out' }).click()]);
    const missingHeading = await page.getByRole('heading', { level: 1 }).textContent();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.evaluate('document.querySelector("form.sign-out input[name=csrf]").value = "not-the-token"');
    const wrong = await Promise.all([page.waitForResponse(`${inbox.url}/auth/logout`), page.getByRole('button', { name: 'Sign out' }).click()]);
    // Assess
    expect(missing[0].status()).toBe(403);
    expect(missingHeading).toBe('This request was not accepted');
    expect(wrong[0].status()).toBe(403);
    // Refused for the token, not for the origin: the browser's own post passes the site checks.
    expect(logger.lines.filter((line) => line.includes('"event":"inbox.csrf"')).map((line) => (JSON.parse(line) as { outcome: string }).outcome)).toEqual(['badToken', 'badToken']);
    expect(await sessionCookie(page)).toBeDefined();
    expect((await page.goto(`${inbox.url}/`))?.status()).toBe(200);
  });

  it('asks before signing out when the sign-out address is opened, and shows unknown pages as such, accessibly', async () => {
    // Prepare
    const page = await signedIn();
    // Act
    await page.goto(`${inbox.url}/auth/logout`);
    const confirm = await page.getByRole('button', { name: 'Sign out now' }).count();
    const confirmViolations = await seriousA11yViolations(page);
    const missing = await page.goto(`${inbox.url}/no/such/page`);
    // Assess
    expect(confirm).toBe(1);
    expect(confirmViolations).toEqual([]);
    expect(missing?.status()).toBe(404);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await sessionCookie(page)).toBeDefined();
  });
});
