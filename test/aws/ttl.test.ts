import { describe, expect, it } from 'vitest';
import { expiresAt, retentionSeconds } from '../../fulfillment/aws/ttl';

describe('item Time to Live', () => {
  it('turns a retention in days into seconds', () => {
    expect(retentionSeconds(30)).toBe(30 * 86_400);
  });

  it('refuses a retention that is not a positive whole number of days', () => {
    expect(() => retentionSeconds(0)).toThrow(RangeError);
    expect(() => retentionSeconds(1.5)).toThrow('retentionDays must be a positive integer');
  });

  it('expires an item in epoch seconds, counted from the whole second it was written in', () => {
    expect(expiresAt(Date.parse('2025-03-04T15:20:00.999Z'), 60)).toBe(Date.parse('2025-03-04T15:21:00.000Z') / 1000);
  });
});
