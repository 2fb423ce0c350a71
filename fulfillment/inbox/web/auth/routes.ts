import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { errorName } from '../../../runtime/errors';
import type { InboxAppDeps, InboxEnv } from '../context';
import { signInFailedPage } from '../pages/problem';
import { signedOutPage, signOutPage } from '../pages/signIn';
import { INBOX_PATHS, safeNext } from '../paths';
import { clearSessionCookie, setSessionCookie, setSignInCookie, SIGN_IN_LIFETIME_SECONDS, takeSignInCookie } from './cookies';
import { csrfTokenFor } from './csrf';
import { IssuerUnavailable, SignInFailed, TokenExchangeFailed } from './errors';
import { newSignInAttempt } from './pkce';
import { authenticate, readIdentity, requireCsrf } from './session';

/** A `login_hint` passed on to the authorization server: a user name or an e-mail address, nothing else. */
const LOGIN_HINT = /^[A-Za-z0-9._@+-]{1,128}$/;

/** OAuth error codes the callback may show (RFC 6749 4.1.2.1); anything else is not echoed. */
const OAUTH_ERROR = /^[a-z_]{1,40}$/;

/** An authorization code of a sane size (Cognito's are UUIDs). */
const CODE = /^[A-Za-z0-9._~-]{1,512}$/;

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sign-in and sign-out:
 * - `GET /auth/login[?next=…][&login_hint=…]`: a new state, PKCE verifier and nonce in the signed
 *   sign-in cookie (10 minutes), then a redirect to the authorization server;
 * - `GET /auth/callback?code&state`: checks the state against the cookie, redeems the code with the
 *   verifier, verifies the ID token (and its nonce), stores it as the session and returns to `next`;
 * - `POST /auth/logout` (session and CSRF token required): clears the session and sends the browser
 *   to the server's `/logout`, which returns it to `GET /auth/logout`, the signed-out page.
 */
export function authRoutes(deps: InboxAppDeps): Hono<InboxEnv> {
  const { auth, logger } = deps;
  const nowSeconds = (): number => Math.floor(auth.clock.now() / 1000);
  const routes = new Hono<InboxEnv>();

  routes.get(INBOX_PATHS.login, async (c) => {
    const attempt = newSignInAttempt();
    const next = safeNext(c.req.query('next'));
    const hint = c.req.query('login_hint');
    await setSignInCookie(c, auth.keys.signInCookie, {
      state: attempt.state,
      codeVerifier: attempt.codeVerifier,
      nonce: attempt.nonce,
      next,
      expiresAt: nowSeconds() + SIGN_IN_LIFETIME_SECONDS,
    });
    return c.redirect(auth.server.authorizeUrl(attempt, hint && LOGIN_HINT.test(hint) ? hint : undefined), 302);
  });

  routes.get(INBOX_PATHS.callback, async (c) => {
    const stored = await takeSignInCookie(c, auth.keys.signInCookie, nowSeconds());
    const failed = (reason: string, outcome: string, status: 400 | 502 = 400, error?: unknown) => {
      logger.warn('inbox sign-in failed', { event: 'inbox.signIn', outcome, ...(error ? { errorName: errorName(error) } : {}) });
      return c.html(signInFailedPage(reason), status);
    };
    const oauthError = c.req.query('error');
    if (oauthError !== undefined) {
      const code = OAUTH_ERROR.test(oauthError) ? ` (${oauthError})` : '';
      return failed(`The sign-in was cancelled or refused${code}.`, 'refusedByServer');
    }
    const state = c.req.query('state');
    if (!stored || !state || !sameText(state, stored.state)) {
      return failed('The sign-in took longer than 10 minutes, or was started in another window. Sign in again.', 'stateMismatch');
    }
    const code = c.req.query('code');
    if (!code || !CODE.test(code)) return failed('The sign-in came back without a usable code. Sign in again.', 'noCode');
    try {
      const { idToken } = await auth.server.exchangeCode(code, stored.codeVerifier);
      const identity = await auth.verifier.verify(idToken);
      if (!identity.nonce || !sameText(identity.nonce, stored.nonce)) throw new SignInFailed('ID token nonce does not match the sign-in');
      setSessionCookie(c, idToken, identity.expiresAt - nowSeconds());
      logger.info('inbox sign-in', { event: 'inbox.signIn', outcome: 'ok', clinicianId: identity.clinician.id });
      return c.redirect(stored.next, 303);
    } catch (error) {
      const unreachable = (error instanceof TokenExchangeFailed && error.oauthError === undefined && error.cause !== undefined) || error instanceof IssuerUnavailable;
      return failed('The sign-in could not be completed. Sign in again.', unreachable ? 'issuerUnreachable' : 'tokenRefused', unreachable ? 502 : 400, error);
    }
  });

  routes.get(INBOX_PATHS.logout, async (c) => {
    const { identity } = await readIdentity(c, deps);
    if (!identity) return c.html(signedOutPage());
    return c.html(signOutPage({ clinician: identity.clinician, csrfToken: csrfTokenFor(auth.keys.csrf, identity.sessionId) }));
  });

  routes.post(INBOX_PATHS.logout, authenticate(deps), requireCsrf(deps), (c) => {
    clearSessionCookie(c);
    logger.info('inbox sign-out', { event: 'inbox.signOut', outcome: 'ok', clinicianId: c.var.clinician.id });
    return c.redirect(auth.server.logoutUrl(), 303);
  });

  return routes;
}
