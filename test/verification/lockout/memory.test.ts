import { describe, expect, it } from 'vitest';
import { InMemoryLockoutStore } from '../../../fulfillment/verification';
import { FakeClock } from '../../support/fakeClock';
import { runLockoutStoreContract, WINDOW } from '../../support/lockoutStoreContract';

runLockoutStoreContract('in memory', (clock) => new InMemoryLockoutStore({ clock }));

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
