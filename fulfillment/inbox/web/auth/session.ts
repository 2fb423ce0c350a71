import type { Context, MiddlewareHandler } from 'hono';
import type { InboxAppDeps, InboxEnv } from '../context';
import { csrfRejectedPage, notInCareTeamPage } from '../pages/problem';
import { signInPage } from '../pages/signIn';
import { safeNext } from '../paths';
import { clearSessionCookie, readSessionCookie } from './cookies';
import { CSRF_FIELD, CSRF_HEADER, csrfTokenFor, isCsrfTokenValid } from './csrf';
import { SessionRejected } from './errors';
import type { VerifiedIdentity } from './idToken';

/** Methods that change nothing and need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where the browser was going, to come back to after signing in (GETs only; a form post goes home). */
function destination(c: Context): string {
  if (c.req.method !== 'GET') return '/';
  const url = new URL(c.req.url);
  return safeNext(`${url.pathname}${url.search}`);
}

/**
 * The session's identity, or `undefined` when there is none or it is refused (the refused cookie is
 * then cleared and the refusal logged with its reason).
 *
 * @throws {IssuerUnavailable} when the issuer's keys cannot be read: the cookie is kept
 */
export async function readIdentity(c: Context, deps: InboxAppDeps): Promise<{ identity?: VerifiedIdentity; refused: boolean }> {
  const token = readSessionCookie(c);
  if (!token) return { refused: false };
  try {
    return { identity: await deps.auth.verifier.verify(token), refused: false };
  } catch (error) {
    if (!(error instanceof SessionRejected)) throw error;
    clearSessionCookie(c);
    deps.logger.warn('inbox session refused', { event: 'inbox.session', outcome: 'refused', reason: error.reason });
    return { refused: true };
  }
}

/**
 * Requires a valid session: no cookie, or a token that is expired, tampered with or not this app's,
 * gets the sign-in page (401, cookie cleared, no patient data) instead of the page asked for. Puts
 * the identity, the clinician and the session's CSRF token on the context.
 */
export function authenticate(deps: InboxAppDeps): MiddlewareHandler<InboxEnv> {
  return async (c, next) => {
    const { identity, refused } = await readIdentity(c, deps);
    if (!identity) {
      return c.html(signInPage({ next: destination(c), ...(refused ? { notice: 'Your session has ended. Sign in again.' } : {}) }), 401);
    }
    c.set('identity', identity);
    c.set('clinician', identity.clinician);
    c.set('csrfToken', csrfTokenFor(deps.auth.keys.csrf, identity.sessionId));
    await next();
  };
}

/** After {@link authenticate}: the signed-in user must be in the care-team group, else 403. */
export function requireCareTeam(deps: InboxAppDeps): MiddlewareHandler<InboxEnv> {
  return async (c, next) => {
    if (!c.var.identity.groups.includes(deps.auth.careTeamGroup)) {
      deps.logger.warn('inbox access refused', { event: 'inbox.access', outcome: 'notInCareTeam', clinicianId: c.var.clinician.id });
      return c.html(notInCareTeamPage({ clinician: c.var.clinician, csrfToken: c.var.csrfToken }, deps.auth.careTeamGroup), 403);
    }
    await next();
  };
}

/** The CSRF token a request presents: the `x-csrf-token` header, else the form field. */
async function presentedToken(c: Context): Promise<unknown> {
  const header = c.req.header(CSRF_HEADER);
  if (header !== undefined) return header;
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  const body = await c.req.parseBody();
  return body[CSRF_FIELD];
}

/**
 * Whether the browser says the request comes from another site. Two signals, each used when sent:
 * `Sec-Fetch-Site` (every current browser; `same-origin`, or `none` for a typed address) and
 * `Origin`. The pages' `Referrer-Policy: no-referrer` makes Chromium send `Origin: null` on the
 * inbox's own form posts, so `null` says nothing and is left to the other checks.
 */
function fromAnotherSite(c: Context, ownOrigin: string): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== 'null' && origin !== ownOrigin;
}

/**
 * After {@link authenticate}: a state-changing request must carry this session's CSRF token and must
 * not say it comes from another site; else 403 and nothing changes.
 */
export function requireCsrf(deps: InboxAppDeps): MiddlewareHandler<InboxEnv> {
  const ownOrigin = new URL(deps.auth.baseUrl).origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const sameOrigin = !fromAnotherSite(c, ownOrigin);
    if (!sameOrigin || !isCsrfTokenValid(deps.auth.keys.csrf, c.var.identity.sessionId, await presentedToken(c))) {
      deps.logger.warn('inbox request refused', { event: 'inbox.csrf', outcome: sameOrigin ? 'badToken' : 'crossOrigin', clinicianId: c.var.clinician.id });
      return c.html(csrfRejectedPage({ clinician: c.var.clinician, csrfToken: c.var.csrfToken }), 403);
    }
    await next();
  };
}
