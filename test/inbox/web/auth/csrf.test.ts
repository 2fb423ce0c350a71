import { describe, expect, it } from 'vitest';
import { csrfTokenFor, isCsrfTokenValid } from '../../../../fulfillment/inbox/web/auth/csrf';
import { deriveInboxKeys } from '../../../../fulfillment/inbox/web/auth/keys';
import { generateSessionKey, parseSessionKey } from '../../../../fulfillment/session';

describe('CSRF tokens and the keys behind them', () => {
  const sessionKey = parseSessionKey(generateSessionKey());
  const keys = deriveInboxKeys(sessionKey);

  it('derives a distinct key per purpose from the session key, the same every time', () => {
    // Act
    const again = deriveInboxKeys(sessionKey);
    // Assess
    expect(Buffer.from(keys.csrf).equals(Buffer.from(keys.signInCookie))).toBe(false);
    expect(Buffer.from(keys.csrf).equals(Buffer.from(sessionKey))).toBe(false);
    expect(Buffer.from(again.csrf).equals(Buffer.from(keys.csrf))).toBe(true);
  });

  it('binds a token to one session and one key', () => {
    // Prepare
    const token = csrfTokenFor(keys.csrf, 'session-a');
    const otherKey = deriveInboxKeys(parseSessionKey(generateSessionKey())).csrf;
    // Act / Assess
    expect(isCsrfTokenValid(keys.csrf, 'session-a', token)).toBe(true);
    expect(isCsrfTokenValid(keys.csrf, 'session-b', token)).toBe(false);
    expect(isCsrfTokenValid(otherKey, 'session-a', token)).toBe(false);
  });

  it('refuses what is not a token: missing, empty, too long, not a string', () => {
    // Act / Assess
    for (const presented of [undefined, '', 'x'.repeat(129), 42, ['a'], csrfTokenFor(keys.csrf, 'session-a').slice(1)]) {
      expect(isCsrfTokenValid(keys.csrf, 'session-a', presented)).toBe(false);
    }
  });
});
