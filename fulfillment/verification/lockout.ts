import { createHmac } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock, type Clock } from '../runtime/clock';
import { LockoutStoreError } from './errors';

/**
 * Lockout of a calling number after repeated failed identity checks: `maxFailures` failures within a
 * fixed window of `windowSeconds` from the first failure lock the caller until that window ends.
 * Callers are identified by an opaque key ({@link lockoutKey}), never by the raw number.
 */

/** Failures allowed and the window they are counted in. */
export interface LockoutPolicy {
  /** Failures that lock the caller (the Nth failure locks). */
  readonly maxFailures: number;
  /** Length of the fixed window, from the first failure, in seconds. */
  readonly windowSeconds: number;
}

/** 3 failures in 15 minutes. */
export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 3, windowSeconds: 900 };

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

/** The reservation a counted failure stands for. */
function toReservation(result: FailureResult, maxFailures: number): AttemptReservation {
  return { allowed: result.failures <= maxFailures, failures: result.failures, locked: result.locked };
}

/** Options common to both adapters. */
export interface LockoutOptions {
  readonly clock?: Clock;
  /** Default {@link DEFAULT_LOCKOUT_POLICY}.maxFailures (3). */
  readonly maxFailures?: number;
  /** Default {@link DEFAULT_LOCKOUT_POLICY}.windowSeconds (900). */
  readonly windowSeconds?: number;
}

const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * The lockout key of a calling number: HMAC-SHA256 of the E.164 number under a secret, base64url
 * (43 characters). Stable for a given secret, not reversible without it (a plain hash of a phone
 * number is: the space is small enough to enumerate).
 */
export function lockoutKey(phoneE164: string, secret: Uint8Array): string {
  if (!(secret instanceof Uint8Array) || secret.byteLength < 16) {
    throw new RangeError('Lockout key secret must be at least 16 bytes');
  }
  if (typeof phoneE164 !== 'string' || !E164.test(phoneE164)) {
    throw new TypeError('Lockout key needs a phone number in E.164 form (+ and up to 15 digits)');
  }
  return createHmac('sha256', secret).update(phoneE164, 'utf8').digest('base64url');
}

function resolvePolicy(options: LockoutOptions): LockoutPolicy {
  const maxFailures = options.maxFailures ?? DEFAULT_LOCKOUT_POLICY.maxFailures;
  const windowSeconds = options.windowSeconds ?? DEFAULT_LOCKOUT_POLICY.windowSeconds;
  if (!Number.isInteger(maxFailures) || maxFailures < 1) throw new RangeError('maxFailures must be a positive integer');
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) throw new RangeError('windowSeconds must be a positive integer');
  return { maxFailures, windowSeconds };
}

function checkCallerKey(callerKey: string): void {
  if (typeof callerKey !== 'string' || callerKey.length === 0 || callerKey.length > 256) {
    throw new TypeError('Caller key must be a non-empty string of at most 256 characters');
  }
}

interface Window {
  /** Epoch milliseconds of the first failure of the window. */
  windowStart: number;
  failures: number;
}

/**
 * Local-mode adapter: a bounded in-process map. Not shared between Lambda instances, so only for
 * local runs and tests. When full, ended windows are dropped first, then the oldest entries.
 */
export class InMemoryLockoutStore implements LockoutStore {
  public readonly policy: LockoutPolicy;
  readonly #clock: Clock;
  readonly #maxEntries: number;
  readonly #windows = new Map<string, Window>();

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
      const started = await this.#conditionalUpdate(
        new UpdateCommand({
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
        }),
      );
      if (started) return this.#result(started);
      const added = await this.#conditionalUpdate(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: callerKey },
          UpdateExpression: 'ADD failures :one',
          ConditionExpression: 'attribute_exists(pk) AND windowStart > :endedBefore',
          ExpressionAttributeValues: { ':one': 1, ':endedBefore': endedBefore },
          ReturnValues: 'ALL_NEW',
        }),
      );
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
    await this.#conditionalUpdate(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: callerKey },
        UpdateExpression: 'ADD failures :minusOne',
        ConditionExpression: 'attribute_exists(pk) AND windowStart > :endedBefore AND failures > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0, ':endedBefore': now - this.policy.windowSeconds * 1000 },
      }),
    );
  }

  public async isLocked(callerKey: string): Promise<boolean> {
    checkCallerKey(callerKey);
    let item: Record<string, unknown> | undefined;
    try {
      const out = await this.#client.send(
        new GetCommand({
          TableName: this.#tableName,
          Key: { pk: callerKey },
          ConsistentRead: true,
          ProjectionExpression: 'failures, windowStart',
        }),
      );
      item = out.Item;
    } catch (error) {
      throw new LockoutStoreError('Lockout table could not be read', { cause: error });
    }
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

  /** The updated item, or undefined when the condition did not hold. */
  async #conditionalUpdate(command: UpdateCommand): Promise<Record<string, unknown> | undefined> {
    try {
      const out = await this.#client.send(command);
      return out.Attributes ?? {};
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as { name?: unknown })?.name === 'ConditionalCheckFailedException') {
        return undefined;
      }
      throw new LockoutStoreError('Lockout table could not be updated', { cause: error });
    }
  }

  #result(item: Record<string, unknown>): FailureResult {
    const failures = Number(item.failures ?? 0);
    return { failures, locked: failures >= this.policy.maxFailures };
  }
}
