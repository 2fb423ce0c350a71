import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LockoutStore } from '../../fulfillment/verification';
import { FakeClock } from './fakeClock';

const MINUTE = 60_000;
/** The default policy's window: 15 minutes. */
export const WINDOW = 15 * MINUTE;

/** A fresh caller key per test, so tests sharing one table never see each other's counters. */
export const newCaller = (): string => `caller-${randomUUID()}`;

/**
 * The behaviour every {@link LockoutStore} adapter must have, as one suite; `make` builds one on the
 * given clock (called inside each test, so it may use what a `beforeAll` started).
 */
export function runLockoutStoreContract(adapter: string, make: (clock: FakeClock) => LockoutStore): void {
  describe(`lockout behaviour (${adapter})`, () => {
    it('does not lock a caller with no failures', async () => {
      const store = make(new FakeClock());
      expect(await store.isLocked(newCaller())).toBe(false);
    });

    it('locks the caller at the third failure within 15 minutes', async () => {
      // Prepare
      const clock = new FakeClock();
      const store = make(clock);
      const caller = newCaller();
      // Act
      const first = await store.recordFailure(caller);
      clock.advance(7 * MINUTE);
      const second = await store.recordFailure(caller);
      const lockedAfterTwo = await store.isLocked(caller);
      clock.advance(7 * MINUTE);
      const third = await store.recordFailure(caller);
      // Assess
      expect([first, second, third]).toEqual([
        { failures: 1, locked: false },
        { failures: 2, locked: false },
        { failures: 3, locked: true },
      ]);
      expect(lockedAfterTwo).toBe(false);
      expect(await store.isLocked(caller)).toBe(true);
    });

    it('starts a new count for a failure after the window has ended', async () => {
      const clock = new FakeClock();
      const store = make(clock);
      const caller = newCaller();
      await store.recordFailure(caller);
      await store.recordFailure(caller);
      clock.advance(WINDOW + 1000);
      const next = await store.recordFailure(caller);
      expect(next).toEqual({ failures: 1, locked: false });
      expect(await store.isLocked(caller)).toBe(false);
    });

    it('unlocks once the window has passed, without anything deleting the entry', async () => {
      // Prepare
      const clock = new FakeClock();
      const store = make(clock);
      const caller = newCaller();
      for (let i = 0; i < 3; i += 1) await store.recordFailure(caller);
      // Act
      clock.advance(WINDOW - 1000);
      const lockedJustBefore = await store.isLocked(caller);
      clock.advance(1000);
      const lockedAtEnd = await store.isLocked(caller);
      // Assess
      expect(lockedJustBefore).toBe(true);
      expect(lockedAtEnd).toBe(false);
    });

    it('forgets the failures of a cleared caller', async () => {
      const clock = new FakeClock();
      const store = make(clock);
      const caller = newCaller();
      for (let i = 0; i < 3; i += 1) await store.recordFailure(caller);
      await store.clear(caller);
      expect(await store.isLocked(caller)).toBe(false);
      expect(await store.recordFailure(caller)).toEqual({ failures: 1, locked: false });
    });

    it('counts all of 10 concurrent failures for one caller', async () => {
      // Prepare
      const store = make(new FakeClock());
      const caller = newCaller();
      // Act
      const results = await Promise.all(Array.from({ length: 10 }, () => store.recordFailure(caller)));
      // Assess
      expect(results.map((r) => r.failures).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(results.filter((r) => r.locked)).toHaveLength(8);
      expect(await store.isLocked(caller)).toBe(true);
      expect(await store.recordFailure(caller)).toEqual({ failures: 11, locked: true });
    });

    it('allows exactly three of 10 concurrent attempts from one number', async () => {
      // Prepare
      const store = make(new FakeClock());
      const caller = newCaller();
      // Act: ten calls from one number reach the Epic lookup at once.
      const reservations = await Promise.all(Array.from({ length: 10 }, () => store.reserveAttempt(caller)));
      // Assess
      expect(reservations.filter((r) => r.allowed)).toHaveLength(3);
      expect(await store.isLocked(caller)).toBe(true);
    });

    it('gives back a successful attempt without forgetting the failures of others', async () => {
      // Prepare: two failed attempts, then a third reserved
      const store = make(new FakeClock());
      const caller = newCaller();
      await store.recordFailure(caller);
      await store.recordFailure(caller);
      const third = await store.reserveAttempt(caller);
      // Act: the third succeeds
      await store.releaseAttempt(caller);
      // Assess: still two failures on record; the next failure locks
      expect(third).toEqual({ allowed: true, failures: 3, locked: true });
      expect(await store.isLocked(caller)).toBe(false);
      expect(await store.recordFailure(caller)).toEqual({ failures: 3, locked: true });
    });

    it('gives nothing back once the window has ended', async () => {
      // Prepare
      const clock = new FakeClock();
      const store = make(clock);
      const caller = newCaller();
      await store.reserveAttempt(caller);
      clock.advance(WINDOW);
      // Act
      await store.releaseAttempt(caller);
      await store.releaseAttempt(newCaller());
      // Assess: a new window starts at one, never below
      expect(await store.recordFailure(caller)).toEqual({ failures: 1, locked: false });
    });

    it('keeps callers independent', async () => {
      const store = make(new FakeClock());
      const [locked, other] = [newCaller(), newCaller()];
      for (let i = 0; i < 3; i += 1) await store.recordFailure(locked);
      const otherFailure = await store.recordFailure(other);
      expect(await store.isLocked(locked)).toBe(true);
      expect(await store.isLocked(other)).toBe(false);
      expect(otherFailure).toEqual({ failures: 1, locked: false });
    });
  });
}
