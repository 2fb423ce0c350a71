import { hkdfSync } from 'node:crypto';

/** The inbox's keys, each derived from the session key for one purpose, so no new secret is needed. */
export interface InboxKeys {
  /** HMAC key of the sign-in cookie (state, PKCE verifier, nonce, where to go next). */
  readonly signInCookie: Uint8Array;
  /** HMAC key of the CSRF tokens. */
  readonly csrf: Uint8Array;
}

/** HKDF `info` strings: distinct from the lockout key's (`clinic-ivr lockout key`) and from each other. */
const INFO = {
  signInCookie: 'clinic-ivr inbox sign-in cookie',
  csrf: 'clinic-ivr inbox csrf token',
} as const;

const derive = (sessionKey: Uint8Array, info: string): Uint8Array => new Uint8Array(hkdfSync('sha256', sessionKey, new Uint8Array(0), info, 32));

/**
 * Derives the inbox's keys from the 32-byte session key (`SESSION_KEY`, or the secret behind
 * `SESSION_KEY_SECRET_ARN`) with HKDF-SHA256.
 *
 * @example
 * const keys = deriveInboxKeys(parseSessionKey(await loadSessionKeyFromAws()));
 */
export function deriveInboxKeys(sessionKey: Uint8Array): InboxKeys {
  if (sessionKey.byteLength !== 32) throw new RangeError(`session key must be 32 bytes, got ${sessionKey.byteLength}`);
  return { signInCookie: derive(sessionKey, INFO.signInCookie), csrf: derive(sessionKey, INFO.csrf) };
}
