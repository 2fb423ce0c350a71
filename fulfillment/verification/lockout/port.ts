/**
 * Lockout of a calling number after repeated failed identity checks: `maxFailures` failures within a
 * fixed window of `windowSeconds` from the first failure lock the caller until that window ends.
 * Callers are identified by an opaque key (`lockoutKey`), never by the raw number.
 */

/** Result of {@link LockoutStore.recordFailure}. */
export interface FailureResult {
  /** Failures in the current window, this one included. */
  readonly failures: number;
  /** Whether the caller is now locked (failures ≥ maxFailures). */
  readonly locked: boolean;
}

/** Result of {@link LockoutStore.reserveAttempt}. */
export interface AttemptReservation {
  /** Whether the attempt may go ahead: it is one of the first `maxFailures` of the window. */
  readonly allowed: boolean;
  /** Attempts counted in the current window, this one included. */
  readonly failures: number;
  /** Whether this attempt, if it fails, leaves the caller locked (failures ≥ maxFailures). */
  readonly locked: boolean;
}

/**
 * Port: failure counter per caller key.
 *
 * An identity check counts as a failure BEFORE it runs ({@link reserveAttempt}): concurrent calls
 * from one number cannot each pass a "not locked yet" check and together try more than
 * `maxFailures` times. A check that succeeds (or never reached Epic) gives its reservation back
 * ({@link releaseAttempt}); the failures of others are never forgotten on a success.
 */
export interface LockoutStore {
  /** Counts one failed attempt; starts a new window when none is running. */
  recordFailure(callerKey: string): Promise<FailureResult>;
  /**
   * Counts the attempt about to be made, atomically, and says whether it may go ahead: the Nth
   * attempt of a window is allowed while N ≤ maxFailures.
   */
  reserveAttempt(callerKey: string): Promise<AttemptReservation>;
  /** Gives back one reservation of the running window (the attempt succeeded or could not be made). */
  releaseAttempt(callerKey: string): Promise<void>;
  /** Whether the caller has reached `maxFailures` in a window that has not ended. */
  isLocked(callerKey: string): Promise<boolean>;
  /** Forgets the caller's failures: an operator's unlock (and test setup), never done after a success. */
  clear(callerKey: string): Promise<void>;
}

/** The reservation a counted failure stands for (both adapters reserve by counting a failure). */
export function toReservation(result: FailureResult, maxFailures: number): AttemptReservation {
  return { allowed: result.failures <= maxFailures, failures: result.failures, locked: result.locked };
}

/** What every adapter checks first. @throws TypeError for a key that is empty or longer than 256 characters. */
export function checkCallerKey(callerKey: string): void {
  if (typeof callerKey !== 'string' || callerKey.length === 0 || callerKey.length > 256) {
    throw new TypeError('Caller key must be a non-empty string of at most 256 characters');
  }
}
