import { describe, expect, it } from 'vitest';
import { randomBytesFromPool } from '../../fulfillment/session/randomPool';

describe('randomBytesFromPool', () => {
  it('gives as many bytes as asked, never the same twice across many pool refills', () => {
    // Prepare: 12-byte draws (an IV, a jti) well past several 4 KiB pools.
    const seen = new Set<string>();

    // Act
    for (let draw = 0; draw < 5_000; draw += 1) {
      const bytes = randomBytesFromPool(12);
      expect(bytes.byteLength).toBe(12);
      seen.add(bytes.toString('hex'));
    }

    // Assess
    expect(seen.size).toBe(5_000);
  });

  it('hands out a copy: later draws and refills of the pool leave it as it was', () => {
    // Prepare
    const first = randomBytesFromPool(16);
    const kept = Buffer.from(first);

    // Act: past the end of the 4 KiB pool, so it is drawn again.
    for (let draw = 0; draw < 400; draw += 1) randomBytesFromPool(12);

    // Assess
    expect(first.equals(kept)).toBe(true);
  });

  it('spreads its bytes: every value of a byte turns up over 64 KiB of draws', () => {
    // Prepare
    const counts = new Array<number>(256).fill(0);

    // Act
    for (let draw = 0; draw < 1_024; draw += 1) for (const byte of randomBytesFromPool(64)) counts[byte] = (counts[byte] ?? 0) + 1;

    // Assess: 65,536 bytes, 256 per value on average; a byte value never drawn would mean a broken pool.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(400);
  });

  it.each([0, -1, 4097, 2.5])('refuses a length of %s', (length) => {
    expect(() => randomBytesFromPool(length)).toThrow(RangeError);
  });
});
