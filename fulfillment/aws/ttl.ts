/**
 * Time to Live of DynamoDB items: the tables keep an item for a retention period, and DynamoDB deletes
 * it (lazily, typically within days) once the epoch-seconds attribute `expiresAt` has passed.
 */

const SECONDS_PER_DAY = 86_400;

/**
 * A retention period of `days` in seconds.
 *
 * @throws RangeError unless `days` is a positive integer.
 * @example
 * const retention = retentionSeconds(options.retentionDays ?? 30);
 */
export function retentionSeconds(days: number): number {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('retentionDays must be a positive integer');
  return days * SECONDS_PER_DAY;
}

/**
 * The `expiresAt` of an item written at `nowMs` (epoch milliseconds): epoch seconds, `retention` seconds later.
 *
 * @example
 * const item = { pk, expiresAt: expiresAt(clock.now(), retention) };
 */
export function expiresAt(nowMs: number, retention: number): number {
  return Math.floor(nowMs / 1000) + retention;
}
