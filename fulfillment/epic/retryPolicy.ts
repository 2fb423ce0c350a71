/** HTTP statuses after which a FHIR request is tried again: throttling and gateway trouble. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Bounds of the FHIR retry loop. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 2 */
  readonly maxRetries: number;
  /** First backoff; doubles per retry, full jitter. @default 200 */
  readonly baseDelayMs: number;
  /** Longest single wait, and the most a `Retry-After` may ask for; a longer ask ends the retries. @default 2000 */
  readonly maxDelayMs: number;
}

/** Defaults sized for a caller waiting on the line. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 2000 };

/**
 * Milliseconds to wait before retry number `attempt` (1-based), or `undefined` when the server asks
 * for a longer wait than the policy allows. `Retry-After` (seconds or an HTTP date) is a floor: we never
 * come back sooner than the server asked.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfter: string | null | undefined,
  random: () => number,
  now: number,
): number | undefined {
  const backoff = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  const jittered = Math.floor(random() * backoff);
  const asked = parseRetryAfterMs(retryAfter, now);
  if (asked === undefined) return jittered;
  if (asked > policy.maxDelayMs) return undefined;
  return Math.max(asked, jittered);
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
