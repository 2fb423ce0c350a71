/**
 * Who may hear a chart: the per-number lockout (failed identity checks counted per calling number,
 * stored with a TTL) that the VerifyIdentity step consults before it asks Epic.
 */
export { LockoutStoreError, VerificationError } from './errors';
export {
  DEFAULT_LOCKOUT_POLICY,
  DynamoLockoutStore,
  InMemoryLockoutStore,
  lockoutKey,
  type AttemptReservation,
  type DynamoLockoutStoreOptions,
  type FailureResult,
  type LockoutOptions,
  type LockoutPolicy,
  type LockoutStore,
} from './lockout';
