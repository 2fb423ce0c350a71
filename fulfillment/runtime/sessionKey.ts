import { randomBytes } from 'node:crypto';

/** Required key length: A256GCM with `dir` uses the key as the content encryption key. */
export const SESSION_KEY_BYTES = 32;

/**
 * Parses the session key from configuration: 32 bytes as standard base64 or base64url, padded or
 * not (e.g. `openssl rand -base64 32`). The error never echoes the value.
 */
export function parseSessionKey(encoded: string): Uint8Array {
  const text = typeof encoded === 'string' ? encoded.trim() : '';
  if (text.length === 0) throw new RangeError('Session key is empty: expected 32 bytes in base64 or base64url');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new RangeError('Session key is not base64 or base64url: expected 32 bytes encoded');
  }
  if (/[+/]/.test(text) && /[-_]/.test(text)) {
    throw new RangeError('Session key mixes base64 and base64url alphabets');
  }
  const normalized = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const bytes = Buffer.from(normalized, 'base64url');
  // Round trip rejects non-canonical input (stray bits Buffer would silently drop).
  if (bytes.toString('base64url') !== normalized) {
    throw new RangeError('Session key is not canonical base64: expected 32 bytes encoded');
  }
  if (bytes.byteLength !== SESSION_KEY_BYTES) {
    throw new RangeError(`Session key must decode to ${SESSION_KEY_BYTES} bytes, got ${bytes.byteLength}`);
  }
  return new Uint8Array(bytes);
}

/** A fresh random key, base64url, for local mode and for provisioning (never commit one). */
export function generateSessionKey(): string {
  return randomBytes(SESSION_KEY_BYTES).toString('base64url');
}
