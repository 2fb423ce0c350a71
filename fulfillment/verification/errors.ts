import { NamedError } from '../runtime/errors';

/**
 * Errors of caller verification. Messages never carry caller keys, phone numbers or patient data:
 * error messages end up in logs.
 */

/** Base class of every error raised by caller verification. */
export class VerificationError extends NamedError {}

/** The lockout store could not be read or written (DynamoDB error, or too much contention). */
export class LockoutStoreError extends VerificationError {}
