import { DeleteCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { conditionalUpdate, getItem } from '../../aws/dynamo';
import { systemClock, type Clock } from '../../runtime/clock';
import { LockoutStoreError } from '../errors';
import { checkCallerKey, toReservation, type AttemptReservation, type FailureResult, type LockoutStore } from './port';
import { resolvePolicy, type LockoutOptions, type LockoutPolicy } from './policy';

/** Options of {@link DynamoLockoutStore}. */
export interface DynamoLockoutStoreOptions extends LockoutOptions {
  /** A DocumentClient (`DynamoDBDocumentClient.from(new DynamoDBClient({}))`). */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Rounds of (start window, add one) under contention before giving up; default 5. */
  readonly maxAttempts?: number;
}

/**
 * DynamoDB adapter: one item per caller key, a fixed-window counter updated with conditional writes.
 *
 * Table schema it expects (for the CDK stack):
 * - partition key `pk`, type String; no sort key;
 * - Time to Live enabled on attribute `expiresAt` (epoch **seconds**). TTL only cleans up: DynamoDB
 *   deletes expired items lazily (typically within days), so every decision compares `windowStart`
 *   with the injected clock, never relies on the item being gone;
 * - on-demand billing suits it (a few writes per failed call).
 *
 * Item: `{ pk: <caller key>, windowStart: <epoch ms of the first failure>, failures: <number>,
 * expiresAt: <epoch s when the window ends> }`.
 *
 * `recordFailure` first tries to start a new window (condition: no item, or its window has ended),
 * and when that condition fails adds one (condition: the item exists and its window is still running),
 * repeating a bounded number of times if a window starts or ends in between. Every failure is counted
 * exactly once under concurrency: each write either applies atomically or is retried.
 *
 * @example
 * const store = new DynamoLockoutStore({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: config.lockoutTable });
 */
export class DynamoLockoutStore implements LockoutStore {
  public readonly policy: LockoutPolicy;
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;
  readonly #maxAttempts: number;

  public constructor(options: DynamoLockoutStoreOptions) {
    this.policy = resolvePolicy(options);
    if (!options.tableName) throw new TypeError('DynamoLockoutStore needs a tableName');
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock ?? systemClock;
    this.#maxAttempts = options.maxAttempts ?? 5;
    if (!Number.isInteger(this.#maxAttempts) || this.#maxAttempts < 1) throw new RangeError('maxAttempts must be a positive integer');
  }

  public async recordFailure(callerKey: string): Promise<FailureResult> {
    checkCallerKey(callerKey);
    const windowMs = this.policy.windowSeconds * 1000;
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt += 1) {
      const now = this.#clock.now();
      // A stored window has ended when windowStart <= now - windowMs.
      const endedBefore = now - windowMs;
      const started = await this.#conditionalUpdate({
        TableName: this.#tableName,
        Key: { pk: callerKey },
        UpdateExpression: 'SET failures = :one, windowStart = :now, expiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(pk) OR windowStart <= :endedBefore',
        ExpressionAttributeValues: {
          ':one': 1,
          ':now': now,
          ':expiresAt': Math.ceil((now + windowMs) / 1000),
          ':endedBefore': endedBefore,
        },
        ReturnValues: 'ALL_NEW',
      });
      if (started) return this.#result(started);
      const added = await this.#conditionalUpdate({
        TableName: this.#tableName,
        Key: { pk: callerKey },
        UpdateExpression: 'ADD failures :one',
        ConditionExpression: 'attribute_exists(pk) AND windowStart > :endedBefore',
        ExpressionAttributeValues: { ':one': 1, ':endedBefore': endedBefore },
        ReturnValues: 'ALL_NEW',
      });
      if (added) return this.#result(added);
      // The window ended or was cleared between the two writes: start over.
    }
    throw new LockoutStoreError(`Lockout counter still contended after ${this.#maxAttempts} attempts`);
  }

  public async reserveAttempt(callerKey: string): Promise<AttemptReservation> {
    return toReservation(await this.recordFailure(callerKey), this.policy.maxFailures);
  }

  public async releaseAttempt(callerKey: string): Promise<void> {
    checkCallerKey(callerKey);
    const now = this.#clock.now();
    // Only within the running window, and never below zero: a reservation of an ended window is gone already.
    await this.#conditionalUpdate({
      TableName: this.#tableName,
      Key: { pk: callerKey },
      UpdateExpression: 'ADD failures :minusOne',
      ConditionExpression: 'attribute_exists(pk) AND windowStart > :endedBefore AND failures > :zero',
      ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0, ':endedBefore': now - this.policy.windowSeconds * 1000 },
    });
  }

  public async isLocked(callerKey: string): Promise<boolean> {
    checkCallerKey(callerKey);
    const item = await getItem(
      this.#client,
      { TableName: this.#tableName, Key: { pk: callerKey }, ConsistentRead: true, ProjectionExpression: 'failures, windowStart' },
      (error) => new LockoutStoreError('Lockout table could not be read', { cause: error }),
    );
    if (!item) return false;
    const windowStart = Number(item.windowStart);
    const failures = Number(item.failures);
    if (!Number.isFinite(windowStart) || !Number.isFinite(failures)) return false;
    const running = this.#clock.now() < windowStart + this.policy.windowSeconds * 1000;
    return running && failures >= this.policy.maxFailures;
  }

  public async clear(callerKey: string): Promise<void> {
    checkCallerKey(callerKey);
    try {
      await this.#client.send(new DeleteCommand({ TableName: this.#tableName, Key: { pk: callerKey } }));
    } catch (error) {
      throw new LockoutStoreError('Lockout entry could not be cleared', { cause: error });
    }
  }

  /** The updated item (empty when the update returns none), or undefined when the condition did not hold. */
  async #conditionalUpdate(input: UpdateCommandInput): Promise<Record<string, unknown> | undefined> {
    const update = await conditionalUpdate(this.#client, input, (error) => new LockoutStoreError('Lockout table could not be updated', { cause: error }));
    return update.applied ? (update.attributes ?? {}) : undefined;
  }

  #result(item: Record<string, unknown>): FailureResult {
    const failures = Number(item.failures ?? 0);
    return { failures, locked: failures >= this.policy.maxFailures };
  }
}
