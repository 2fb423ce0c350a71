import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lockoutKey } from '../../../fulfillment/verification';

describe('lockout key', () => {
  const phone = '+16085551234';

  it('is stable for one secret', () => {
    const secret = randomBytes(32);
    expect(lockoutKey(phone, secret)).toBe(lockoutKey(phone, secret));
    expect(lockoutKey(phone, secret)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('depends on the secret and on the number', () => {
    const secret = randomBytes(32);
    expect(lockoutKey(phone, secret)).not.toBe(lockoutKey(phone, randomBytes(32)));
    expect(lockoutKey(phone, secret)).not.toBe(lockoutKey('+16085551235', secret));
  });

  it('does not contain the number', () => {
    const key = lockoutKey(phone, randomBytes(32));
    expect(key).not.toContain('6085551234');
    expect(key).not.toContain('5551234');
  });

  it('refuses a number not in E.164 form or a short secret, without echoing the number', () => {
    expect(() => lockoutKey('608-555-1234', randomBytes(32))).toThrow(/E\.164/);
    expect(() => lockoutKey('608-555-1234', randomBytes(32))).not.toThrow(/555/);
    expect(() => lockoutKey(phone, randomBytes(8))).toThrow(/16 bytes/);
  });
});
