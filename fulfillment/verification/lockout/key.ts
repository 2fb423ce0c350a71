import { createHmac } from 'node:crypto';

const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * The lockout key of a calling number: HMAC-SHA256 of the E.164 number under a secret, base64url
 * (43 characters). Stable for a given secret, not reversible without it (a plain hash of a phone
 * number is: the space is small enough to enumerate).
 *
 * @example
 * const callerKey = lockoutKey('+16085551234', secret); // 43 base64url characters
 */
export function lockoutKey(phoneE164: string, secret: Uint8Array): string {
  if (!(secret instanceof Uint8Array) || secret.byteLength < 16) {
    throw new RangeError('Lockout key secret must be at least 16 bytes');
  }
  if (typeof phoneE164 !== 'string' || !E164.test(phoneE164)) {
    throw new TypeError('Lockout key needs a phone number in E.164 form (+ and up to 15 digits)');
  }
  return createHmac('sha256', secret).update(phoneE164, 'utf8').digest('base64url');
}
