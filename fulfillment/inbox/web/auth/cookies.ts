import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import * as z from 'zod';

/**
 * The inbox's two cookies, both `__Host-` (Secure, Path=/, no Domain: only this origin can set or
 * read them), `HttpOnly` and `SameSite=Lax`.
 *
 * Why Lax and not Strict: a Strict cookie is not sent on a navigation that starts on another site.
 * The return from Cognito's hosted sign-in is such a navigation (the Cognito domain is another site),
 * so a Strict sign-in cookie would be missing at the callback and every sign-in would fail; and the
 * first click on the care-team e-mail's link is another, so a Strict session cookie would be missing
 * there too and the clinician would be sent to sign in again although signed in, in a loop. Lax sends
 * them on those top-level GET navigations only, never on a cross-site POST or a sub-request, and
 * every state-changing request also needs the CSRF token.
 *
 * `Secure` cookies on `http://127.0.0.1` (the local run): Chromium treats loopback as a potentially
 * trustworthy origin and keeps them (the browser tests check it).
 */

/** The session: the verified ID token itself, until its `exp`. Sent as `__Host-inbox-session`. */
export const SESSION_COOKIE = 'inbox-session';

/** One sign-in attempt's state, PKCE verifier, nonce and destination, signed. Sent as `__Host-inbox-sign-in`. */
export const SIGN_IN_COOKIE = 'inbox-sign-in';

/** A sign-in must come back within this many seconds (the sign-in cookie's life). */
export const SIGN_IN_LIFETIME_SECONDS = 600;

const base = (maxAgeSeconds: number): CookieOptions => ({
  prefix: 'host',
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'Lax',
  maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
});

/** Stores the session (the ID token) for `maxAgeSeconds`, the token's remaining life. */
export function setSessionCookie(c: Context, idToken: string, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, idToken, base(maxAgeSeconds));
}

/** The session cookie's value, if the browser sent one. */
export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE, 'host') || undefined;
}

/** Tells the browser to forget the session. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, base(0));
}

/** What the sign-in cookie holds between `/auth/login` and `/auth/callback`. */
export interface SignInState {
  readonly state: string;
  readonly codeVerifier: string;
  readonly nonce: string;
  /** Path to return to after sign-in (already checked by `safeNext`). */
  readonly next: string;
  /** Seconds since the epoch after which the attempt is void. */
  readonly expiresAt: number;
}

const signInStateSchema = z.object({
  state: z.string().min(1).max(128),
  codeVerifier: z.string().min(43).max(128),
  nonce: z.string().min(1).max(128),
  next: z.string().min(1).max(512),
  expiresAt: z.number().int(),
});

/** Stores the attempt, HMAC-signed, for {@link SIGN_IN_LIFETIME_SECONDS}. */
export async function setSignInCookie(c: Context, key: Uint8Array, value: SignInState): Promise<void> {
  const encoded = Buffer.from(JSON.stringify(value)).toString('base64url');
  await setSignedCookie(c, SIGN_IN_COOKIE, encoded, key, base(SIGN_IN_LIFETIME_SECONDS));
}

/**
 * The attempt the browser brought back, if its signature holds and it has not expired; the cookie
 * is cleared either way (one attempt, one callback).
 */
export async function takeSignInCookie(c: Context, key: Uint8Array, nowSeconds: number): Promise<SignInState | undefined> {
  const signed = await getSignedCookie(c, key, SIGN_IN_COOKIE, 'host');
  deleteCookie(c, SIGN_IN_COOKIE, base(0));
  if (!signed) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(signed, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = signInStateSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.expiresAt <= nowSeconds) return undefined;
  return parsed.data;
}
