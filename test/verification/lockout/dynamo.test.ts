import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoLockoutStore, LockoutStoreError } from '../../../fulfillment/verification';
import { FakeClock } from '../../support/fakeClock';
import { useLocalDynamo } from '../../support/localDynamo';
import { newCaller, runLockoutStoreContract, WINDOW } from '../../support/lockoutStoreContract';

const TABLE = 'lockout-test';

// The schema documented on DynamoLockoutStore: pk (String) hash key; TTL on expiresAt is set by
// the CDK stack (dynalite has no UpdateTimeToLive, and TTL is never relied on for decisions).
const dynamo = useLocalDynamo(TABLE);

runLockoutStoreContract('DynamoDB', (clock) => new DynamoLockoutStore({ client: dynamo().documentClient, tableName: TABLE, clock }));

describe('DynamoDB lockout store', () => {
  it('stores the window start, the count and an expiresAt in epoch seconds at the end of the window', async () => {
    // Prepare
    const clock = new FakeClock();
    const store = new DynamoLockoutStore({ client: dynamo().documentClient, tableName: TABLE, clock });
    const caller = newCaller();
    // Act
    await store.recordFailure(caller);
    await store.recordFailure(caller);
    const { Item } = await dynamo().documentClient.send(new GetCommand({ TableName: TABLE, Key: { pk: caller } }));
    // Assess
    expect(Item).toEqual({ pk: caller, failures: 2, windowStart: clock.now(), expiresAt: (clock.now() + WINDOW) / 1000 });
  });

  it('reports an unusable table as a LockoutStoreError', async () => {
    const store = new DynamoLockoutStore({ client: dynamo().documentClient, tableName: 'no-such-table', clock: new FakeClock() });
    await expect(store.recordFailure(newCaller())).rejects.toBeInstanceOf(LockoutStoreError);
    await expect(store.isLocked(newCaller())).rejects.toBeInstanceOf(LockoutStoreError);
  });

  it('reports an unusable table as a LockoutStoreError when giving an attempt back or clearing', async () => {
    const store = new DynamoLockoutStore({ client: dynamo().documentClient, tableName: 'no-such-table', clock: new FakeClock() });
    await expect(store.releaseAttempt(newCaller())).rejects.toThrow(new LockoutStoreError('Lockout table could not be updated'));
    await expect(store.clear(newCaller())).rejects.toThrow(new LockoutStoreError('Lockout entry could not be cleared'));
  });

  it('follows a custom policy', async () => {
    const clock = new FakeClock();
    const store = new DynamoLockoutStore({ client: dynamo().documentClient, tableName: TABLE, clock, maxFailures: 5, windowSeconds: 60 });
    const caller = newCaller();
    for (let i = 0; i < 4; i += 1) await store.recordFailure(caller);
    expect(await store.isLocked(caller)).toBe(false);
    expect(await store.recordFailure(caller)).toEqual({ failures: 5, locked: true });
    clock.advance(60_000);
    expect(await store.isLocked(caller)).toBe(false);
  });
});
