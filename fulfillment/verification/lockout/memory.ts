import { systemClock, type Clock } from '../../runtime/clock';
import { checkCallerKey, toReservation, type AttemptReservation, type FailureResult, type LockoutStore } from './port';
import { resolvePolicy, type LockoutOptions, type LockoutPolicy } from './policy';

interface Window {
  /** Epoch milliseconds of the first failure of the window. */
  windowStart: number;
  failures: number;
}

/**
 * Local-mode adapter: a bounded in-process map. Not shared between Lambda instances, so only for
 * local runs and tests. When full, ended windows are dropped first, then the oldest entries.
 *
 * @example
 * const store = new InMemoryLockoutStore({ maxFailures: 3, windowSeconds: 900 });
 */
export class InMemoryLockoutStore implements LockoutStore {
  public readonly policy: LockoutPolicy;
  readonly #clock: Clock;
  readonly #maxEntries: number;
  readonly #windows = new Map<string, Window>();

  /** `maxEntries` bounds the callers held. @default 10_000 */
  public constructor(options: LockoutOptions & { maxEntries?: number } = {}) {
    this.policy = resolvePolicy(options);
    this.#clock = options.clock ?? systemClock;
    this.#maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isInteger(this.#maxEntries) || this.#maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  }

  /** Entries held (for tests of the bound). */
  public get size(): number {
    return this.#windows.size;
  }

  public async recordFailure(callerKey: string): Promise<FailureResult> {
    checkCallerKey(callerKey);
    const now = this.#clock.now();
    const current = this.#windows.get(callerKey);
    let window: Window;
    if (current && this.#running(current, now)) {
      current.failures += 1;
      window = current;
    } else {
      this.#windows.delete(callerKey);
      this.#makeRoom(now);
      window = { windowStart: now, failures: 1 };
      this.#windows.set(callerKey, window);
    }
    return { failures: window.failures, locked: window.failures >= this.policy.maxFailures };
  }

  public async reserveAttempt(callerKey: string): Promise<AttemptReservation> {
    return toReservation(await this.recordFailure(callerKey), this.policy.maxFailures);
  }

  public async releaseAttempt(callerKey: string): Promise<void> {
    checkCallerKey(callerKey);
    const window = this.#windows.get(callerKey);
    if (window && window.failures > 0 && this.#running(window, this.#clock.now())) window.failures -= 1;
  }

  public async isLocked(callerKey: string): Promise<boolean> {
    checkCallerKey(callerKey);
    const window = this.#windows.get(callerKey);
    if (!window) return false;
    const now = this.#clock.now();
    if (!this.#running(window, now)) {
      this.#windows.delete(callerKey);
      return false;
    }
    return window.failures >= this.policy.maxFailures;
  }

  public async clear(callerKey: string): Promise<void> {
    checkCallerKey(callerKey);
    this.#windows.delete(callerKey);
  }

  #running(window: Window, now: number): boolean {
    return now < window.windowStart + this.policy.windowSeconds * 1000;
  }

  #makeRoom(now: number): void {
    if (this.#windows.size < this.#maxEntries) return;
    for (const [key, window] of this.#windows) {
      if (!this.#running(window, now)) this.#windows.delete(key);
    }
    // Map iteration is insertion order: the first keys are the oldest windows.
    for (const key of this.#windows.keys()) {
      if (this.#windows.size < this.#maxEntries) break;
      this.#windows.delete(key);
    }
  }
}
