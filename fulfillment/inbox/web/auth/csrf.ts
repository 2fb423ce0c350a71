import { createHmac, timingSafeEqual } from 'node:crypto';

/** Name of the hidden form field that carries the CSRF token. */
export const CSRF_FIELD = 'csrf';

/** Header a script may send the CSRF token in instead (progressive enhancement's fetch calls). */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The CSRF token of a session: an HMAC of the session's id (the ID token's `origin_jti`, or `jti`)
 * under a key derived from the session key. It is the same on every page of one session, changes
 * with each sign-in, and cannot be computed by another site, which never sees the session cookie.
 *
 * @example
 * const token = csrfTokenFor(keys.csrf, identity.sessionId);
 */
export function csrfTokenFor(key: Uint8Array, sessionId: string): string {
  return createHmac('sha256', key).update(`inbox csrf|${sessionId}`).digest('base64url');
}

/** True when `presented` is the session's CSRF token (compared in constant time). */
export function isCsrfTokenValid(key: Uint8Array, sessionId: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 128) return false;
  const expected = Buffer.from(csrfTokenFor(key, sessionId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
