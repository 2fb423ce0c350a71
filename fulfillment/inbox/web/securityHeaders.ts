import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Two years, the HSTS preload list's minimum is one. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Security headers on every response of the inbox, errors and redirects included:
 * - CSP: only this origin's script, style, images and media, nothing inline; never framed
 *   (`frame-ancestors 'none'`); no `<base>`; forms post here, or to the authorization server: the
 *   sign-out form is answered with a redirect to its `/logout`, and Chromium checks `form-action`
 *   on a form's redirects too;
 * - HSTS, `nosniff`, `Referrer-Policy: no-referrer` (message URLs never leave in a Referer),
 *   `X-Frame-Options: DENY` for browsers without `frame-ancestors`;
 * - `Cache-Control: no-store` on anything that did not set its own (every page may hold PHI; only
 *   the static assets set theirs).
 *
 * @param oauthOrigin origin of the authorization server (`INBOX_OAUTH_URL`'s)
 */
export function securityHeaders(oauthOrigin: string): MiddlewareHandler {
  const secure = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      mediaSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'", oauthOrigin],
    },
    strictTransportSecurity: HSTS,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
  return async (c, next) => {
    await secure(c, async () => {
      await next();
      if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    });
  };
}
