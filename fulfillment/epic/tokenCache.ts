import type { Clock } from '../runtime/clock';
import { throwIfPastDeadline, untilDeadline, type CallOptions } from './deadline';
import { EpicTokenUnavailableError } from './errors';
import type { AccessToken } from './tokenClient';

/** A token this close to its expiry is no longer handed out, even when renewing it failed. */
const STILL_VALID_MS = 5000;

/** Where FHIR calls get a bearer token. */
export interface TokenSource {
  /** A valid access token, from cache when possible; an `EpicDeadlineError` once `signal` fires. */
  getToken(options?: CallOptions): Promise<string>;
  /** Drops `token` if it is the cached one (the server said 401), so the next call fetches a new one. */
  invalidate(token: string): void;
}

/** Options of {@link TokenCache}. */
export interface TokenCacheOptions {
  /** Fetches a new token (a {@link TokenClient}'s `requestToken`); `signal` fires when no caller waits any more. */
  readonly fetchToken: (options: CallOptions) => Promise<AccessToken>;
  readonly clock: Clock;
  /** A token is renewed this many seconds before it expires. @default 60 */
  readonly refreshMarginSeconds?: number;
  /** Wait after the first failure before asking again; doubles per failure. @default 1000 */
  readonly failureBackoffMs?: number;
  /** Upper bound of the failure backoff. @default 30000 */
  readonly maxFailureBackoffMs?: number;
}

/** One token request shared by the callers waiting for it. */
interface Flight {
  readonly token: Promise<AccessToken>;
  /** Aborts the request when the last caller waiting for it has passed its deadline. */
  readonly controller: AbortController;
  waiting: number;
}

/**
 * Caches the access token until shortly before it expires. Concurrent callers share one request
 * (single flight). After a failure, callers fail fast for a short, growing backoff with the last
 * error, so an Epic outage does not turn into a storm of token requests from every call in progress.
 * A caller whose deadline passes stops waiting at once; the shared request is abandoned only when
 * no caller waits for it any more, and that is not counted as a failure of the endpoint.
 */
export class TokenCache implements TokenSource {
  readonly #fetchToken: (options: CallOptions) => Promise<AccessToken>;
  readonly #clock: Clock;
  readonly #marginMs: number;
  readonly #baseBackoffMs: number;
  readonly #maxBackoffMs: number;
  #current: AccessToken | undefined;
  #flight: Flight | undefined;
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

  public async getToken(options: CallOptions = {}): Promise<string> {
    const { signal } = options;
    throwIfPastDeadline(signal);
    const now = this.#clock.now();
    const current = this.#current;
    if (current && now < current.expiresAt - this.#marginMs) return current.accessToken;
    // Inside the margin the token still works: a failed renewal falls back on it rather than
    // failing a caller's turn while a valid token sits in the cache.
    const stillValid = current && now < current.expiresAt - STILL_VALID_MS ? current.accessToken : undefined;
    // A flight abandoned by all its callers is not joined: it ends in their deadline error.
    const flight = this.#flight && !this.#flight.controller.signal.aborted ? this.#flight : undefined;
    if (!flight && now < this.#retryAfter) {
      if (stillValid) return stillValid;
      throw new EpicTokenUnavailableError('Epic token endpoint failed recently; waiting before asking again', {
        cause: this.#lastError,
      });
    }
    return this.#orStillValid(flight ?? this.#takeOff(), stillValid, signal);
  }

  /** Starts the one shared token request; it leaves the cache's hands when it settles. */
  #takeOff(): Flight {
    const controller = new AbortController();
    const flight: Flight = { token: this.#refresh(controller.signal), controller, waiting: 0 };
    this.#flight = flight;
    const land = () => {
      if (this.#flight === flight) this.#flight = undefined;
    };
    flight.token.then(land, land);
    return flight;
  }

  async #orStillValid(flight: Flight, stillValid: string | undefined, signal: AbortSignal | undefined): Promise<string> {
    flight.waiting += 1;
    try {
      return (await untilDeadline(flight.token, signal)).accessToken;
    } catch (error) {
      if (stillValid && !signal?.aborted) return stillValid;
      throw error;
    } finally {
      flight.waiting -= 1;
      if (flight.waiting === 0 && signal?.aborted) flight.controller.abort(signal.reason);
    }
  }

  public invalidate(token: string): void {
    if (this.#current?.accessToken === token) this.#current = undefined;
  }

  async #refresh(signal: AbortSignal): Promise<AccessToken> {
    try {
      const token = await this.#fetchToken({ signal });
      this.#current = token;
      this.#failures = 0;
      this.#retryAfter = 0;
      return token;
    } catch (error) {
      // Abandoned because no caller waited any more: the endpoint did not fail.
      if (signal.aborted) throw error;
      // The cached token is kept: until it expires, getToken may still fall back on it.
      this.#lastError = error;
      const backoff = Math.min(this.#baseBackoffMs * 2 ** this.#failures, this.#maxBackoffMs);
      this.#failures += 1;
      this.#retryAfter = this.#clock.now() + backoff;
      throw error;
    }
  }
}
