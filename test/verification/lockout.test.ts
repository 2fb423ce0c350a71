import { randomBytes, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLockoutStore, InMemoryLockoutStore, lockoutKey, LockoutStoreError, type LockoutStore } from '../../fulfillment/verification';
import { FakeClock } from '../support/fakeClock';
import { startLocalDynamo, type LocalDynamo } from '../support/localDynamo';

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE;
const TABLE = 'lockout-test';

/** A fresh caller key per test, so tests sharing one table never see each other's counters. */
const newCaller = (): string => `caller-${randomUUID()}`;

/** The behaviour every LockoutStore adapter must have; `make` builds one on the given clock. */
function lockoutBehaviour(adapter: string, make: (clock: FakeClock) => LockoutStore): void {
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

lockoutBehaviour('in memory', (clock) => new InMemoryLockoutStore({ clock }));

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  // The schema documented on DynamoLockoutStore: pk (String) hash key; TTL on expiresAt is set by
  // the CDK stack (dynalite has no UpdateTimeToLive, and TTL is never relied on for decisions).
  await dynamo.createPkTable(TABLE);
});

afterAll(async () => {
  await dynamo?.close();
});

lockoutBehaviour('DynamoDB', (clock) => new DynamoLockoutStore({ client: dynamo.documentClient, tableName: TABLE, clock }));

describe('DynamoDB lockout store', () => {
  it('stores the window start, the count and an expiresAt in epoch seconds at the end of the window', async () => {
    // Prepare
    const clock = new FakeClock();
    const store = new DynamoLockoutStore({ client: dynamo.documentClient, tableName: TABLE, clock });
    const caller = newCaller();
    // Act
    await store.recordFailure(caller);
    await store.recordFailure(caller);
    const { Item } = await dynamo.documentClient.send(new GetCommand({ TableName: TABLE, Key: { pk: caller } }));
    // Assess
    expect(Item).toEqual({ pk: caller, failures: 2, windowStart: clock.now(), expiresAt: (clock.now() + WINDOW) / 1000 });
  });

  it('reports an unusable table as a LockoutStoreError', async () => {
    const store = new DynamoLockoutStore({ client: dynamo.documentClient, tableName: 'no-such-table', clock: new FakeClock() });
    await expect(store.recordFailure(newCaller())).rejects.toBeInstanceOf(LockoutStoreError);
    await expect(store.isLocked(newCaller())).rejects.toBeInstanceOf(LockoutStoreError);
  });

  it('follows a custom policy', async () => {
    const clock = new FakeClock();
    const store = new DynamoLockoutStore({ client: dynamo.documentClient, tableName: TABLE, clock, maxFailures: 5, windowSeconds: 60 });
    const caller = newCaller();
    for (let i = 0; i < 4; i += 1) await store.recordFailure(caller);
    expect(await store.isLocked(caller)).toBe(false);
    expect(await store.recordFailure(caller)).toEqual({ failures: 5, locked: true });
    clock.advance(60_000);
    expect(await store.isLocked(caller)).toBe(false);
  });
});

describe('in-memory lockout store', () => {
  it('holds at most maxEntries callers, dropping ended windows first, then the oldest', async () => {
    const clock = new FakeClock();
    const store = new InMemoryLockoutStore({ clock, maxEntries: 3 });
    await store.recordFailure('ended');
    clock.advance(WINDOW);
    for (const caller of ['a', 'b']) await store.recordFailure(caller);
    await store.recordFailure('c');
    expect(store.size).toBe(3);
    await store.recordFailure('d');
    expect(store.size).toBe(3);
    expect(await store.isLocked('a')).toBe(false);
    expect(await store.recordFailure('d')).toEqual({ failures: 2, locked: false });
  });
});

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
