import type { Clock } from '../runtime/clock';
import { EpicTokenUnavailableError } from './errors';
import type { AccessToken } from './tokenClient';

/** Where FHIR calls get a bearer token. */
/** A token this close to its expiry is no longer handed out, even when renewing it failed. */
const STILL_VALID_MS = 5000;

export interface TokenSource {
  /** A valid access token, from cache when possible. */
  getToken(): Promise<string>;
  /** Drops `token` if it is the cached one (the server said 401), so the next call fetches a new one. */
  invalidate(token: string): void;
}

/** Options of {@link TokenCache}. */
export interface TokenCacheOptions {
  /** Fetches a new token (a {@link TokenClient}'s `requestToken`). */
  readonly fetchToken: () => Promise<AccessToken>;
  readonly clock: Clock;
  /** A token is renewed this many seconds before it expires. @default 60 */
  readonly refreshMarginSeconds?: number;
  /** Wait after the first failure before asking again; doubles per failure. @default 1000 */
  readonly failureBackoffMs?: number;
  /** Upper bound of the failure backoff. @default 30000 */
  readonly maxFailureBackoffMs?: number;
}

/**
 * Caches the access token until shortly before it expires. Concurrent callers share one request
 * (single flight). After a failure, callers fail fast for a short, growing backoff with the last
 * error, so an Epic outage does not turn into a storm of token requests from every call in progress.
 */
export class TokenCache implements TokenSource {
  readonly #fetchToken: () => Promise<AccessToken>;
  readonly #clock: Clock;
  readonly #marginMs: number;
  readonly #baseBackoffMs: number;
  readonly #maxBackoffMs: number;
  #current: AccessToken | undefined;
  #inFlight: Promise<AccessToken> | undefined;
  #failures = 0;
  #retryAfter = 0;
  #lastError: unknown;

  public constructor(options: TokenCacheOptions) {
    this.#fetchToken = options.fetchToken;
    this.#clock = options.clock;
    this.#marginMs = (options.refreshMarginSeconds ?? 60) * 1000;
    this.#baseBackoffMs = options.failureBackoffMs ?? 1000;
    this.#maxBackoffMs = options.maxFailureBackoffMs ?? 30_000;
  }

  public async getToken(): Promise<string> {
    const now = this.#clock.now();
    const current = this.#current;
    if (current && now < current.expiresAt - this.#marginMs) return current.accessToken;
    // Inside the margin the token still works: a failed renewal falls back on it rather than
    // failing a caller's turn while a valid token sits in the cache.
    const stillValid = current && now < current.expiresAt - STILL_VALID_MS ? current.accessToken : undefined;
    if (this.#inFlight) return this.#orStillValid(this.#inFlight, stillValid);
    if (now < this.#retryAfter) {
      if (stillValid) return stillValid;
      throw new EpicTokenUnavailableError('Epic token endpoint failed recently; waiting before asking again', {
        cause: this.#lastError,
      });
    }
    this.#inFlight = this.#refresh();
    try {
      return await this.#orStillValid(this.#inFlight, stillValid);
    } finally {
      this.#inFlight = undefined;
    }
  }

  async #orStillValid(renewal: Promise<AccessToken>, stillValid: string | undefined): Promise<string> {
    try {
      return (await renewal).accessToken;
    } catch (error) {
      if (stillValid) return stillValid;
      throw error;
    }
  }

  public invalidate(token: string): void {
    if (this.#current?.accessToken === token) this.#current = undefined;
  }

  async #refresh(): Promise<AccessToken> {
    try {
      const token = await this.#fetchToken();
      this.#current = token;
      this.#failures = 0;
      this.#retryAfter = 0;
      return token;
    } catch (error) {
      // The cached token is kept: until it expires, getToken may still fall back on it.
      this.#lastError = error;
      const backoff = Math.min(this.#baseBackoffMs * 2 ** this.#failures, this.#maxBackoffMs);
      this.#failures += 1;
      this.#retryAfter = this.#clock.now() + backoff;
      throw error;
    }
  }
}
