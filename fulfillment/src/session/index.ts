export { InvalidSessionToken, LockoutStoreError, SessionError, SessionStateTooLarge, type InvalidSessionTokenReason } from './errors';
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
export {
  CLOCK_TOLERANCE_SECONDS,
  DEFAULT_MAX_SEALED_LENGTH,
  DEFAULT_SESSION_TTL_SECONDS,
  generateSessionKey,
  parseSessionKey,
  SESSION_KEY_BYTES,
  SESSION_TOKEN_PURPOSE,
  SessionTokenService,
  type SessionBinding,
  type SessionClaims,
  type SessionTokenServiceOptions,
} from './sessionToken';
