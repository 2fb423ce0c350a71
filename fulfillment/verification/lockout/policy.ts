import type { Clock } from '../../runtime/clock';

/** Failures allowed and the window they are counted in. */
export interface LockoutPolicy {
  /** Failures that lock the caller (the Nth failure locks). */
  readonly maxFailures: number;
  /** Length of the fixed window, from the first failure, in seconds. */
  readonly windowSeconds: number;
}

/** 3 failures in 15 minutes. */
export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 3, windowSeconds: 900 };

/** Options common to both adapters. */
export interface LockoutOptions {
  readonly clock?: Clock;
  /** Default {@link DEFAULT_LOCKOUT_POLICY}.maxFailures (3). */
  readonly maxFailures?: number;
  /** Default {@link DEFAULT_LOCKOUT_POLICY}.windowSeconds (900). */
  readonly windowSeconds?: number;
}

/**
 * The policy an adapter follows: the options' values, else the defaults.
 *
 * @throws RangeError when either is not a positive integer.
 * @example
 * resolvePolicy({ maxFailures: 5 }) // { maxFailures: 5, windowSeconds: 900 }
 */
export function resolvePolicy(options: LockoutOptions): LockoutPolicy {
  const maxFailures = options.maxFailures ?? DEFAULT_LOCKOUT_POLICY.maxFailures;
  const windowSeconds = options.windowSeconds ?? DEFAULT_LOCKOUT_POLICY.windowSeconds;
  if (!Number.isInteger(maxFailures) || maxFailures < 1) throw new RangeError('maxFailures must be a positive integer');
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) throw new RangeError('windowSeconds must be a positive integer');
  return { maxFailures, windowSeconds };
}
