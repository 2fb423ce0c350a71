/**
 * The per-number lockout: a port with an in-memory and a DynamoDB adapter, its policy, and the opaque
 * key a calling number is counted under.
 */
export { lockoutKey } from './key';
export { DEFAULT_LOCKOUT_POLICY, type LockoutOptions, type LockoutPolicy } from './policy';
export { type AttemptReservation, type FailureResult, type LockoutStore } from './port';
export { InMemoryLockoutStore } from './memory';
export { DynamoLockoutStore, type DynamoLockoutStoreOptions } from './dynamo';
