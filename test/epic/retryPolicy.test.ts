import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs, retryDelayMs } from '../../fulfillment/epic';

const policy = { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 2000 };
const now = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('retry policy', () => {
  it('backs off exponentially with full jitter', () => {
    expect(retryDelayMs(policy, 1, null, () => 0.5, now)).toBe(100);
    expect(retryDelayMs(policy, 2, null, () => 0.5, now)).toBe(200);
    expect(retryDelayMs(policy, 10, null, () => 0.999, now)).toBeLessThan(2000);
  });

  it('never comes back sooner than Retry-After asks', () => {
    expect(retryDelayMs(policy, 1, '1', () => 0, now)).toBe(1000);
  });

  it('gives up when Retry-After asks for longer than a caller can wait', () => {
    expect(retryDelayMs(policy, 1, '120', () => 0, now)).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfterMs('3', now)).toBe(3000);
    expect(parseRetryAfterMs(new Date(now + 1500).toUTCString(), now)).toBe(1000);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});
