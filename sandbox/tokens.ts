import { randomBytes } from 'node:crypto';

/** Upper bound on remembered jtis and live tokens, so a long benchmark cannot grow memory unbounded. */
const MAX_ENTRIES = 100_000;

/** Expired entries are swept at most this often (in the store's time unit: seconds or ms). */
const SWEEP_EVERY = { seconds: 60, ms: 60_000 };

/** Drops expired entries, then the oldest ones while over `max` (Maps iterate in insertion order). */
function prune<V>(map: Map<string, V>, expiresAt: (value: V) => number, now: number, max: number): void {
  for (const [key, value] of map) {
    if (expiresAt(value) <= now) map.delete(key);
  }
  for (const key of map.keys()) {
    if (map.size < max) break;
    map.delete(key);
  }
}

/**
 * Assertion ids seen per client. RFC 7523 lets a server refuse a replayed `jti`; Epic does, for as
 * long as the assertion itself could still be accepted, so each jti is kept until its `exp`.
 */
export class JtiStore {
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;

  /** Creates a store bounded to `max` entries. */
  public constructor(private readonly max = MAX_ENTRIES) {}

  /** Records `jti` for `clientId` until `expSeconds`; false when it was already recorded. */
  public remember(clientId: string, jti: string, expSeconds: number, nowSeconds: number): boolean {
    const key = `${clientId}\u0000${jti}`;
    const until = this.seen.get(key);
    if (until !== undefined && until > nowSeconds) return false;
    if (this.seen.size >= this.max || nowSeconds - this.lastSweep >= SWEEP_EVERY.seconds) {
      prune(this.seen, (exp) => exp, nowSeconds, this.max);
      this.lastSweep = nowSeconds;
    }
    this.seen.set(key, expSeconds);
    return true;
  }

  /** Number of remembered jtis (for tests of the bound). */
  public get size(): number {
    return this.seen.size;
  }
}

interface IssuedToken {
  readonly clientId: string;
  readonly expiresAt: number;
}

/** Opaque bearer tokens, as Epic issues them: random strings only the issuer can look up. */
export class AccessTokens {
  private readonly tokens = new Map<string, IssuedToken>();
  private lastSweep = 0;

  /** Creates a store issuing tokens valid for `ttlSeconds`. */
  public constructor(
    public readonly ttlSeconds: number,
    private readonly max = MAX_ENTRIES,
  ) {}

  /** Issues a 256-bit base64url token for `clientId`. */
  public issue(clientId: string, nowMs = Date.now()): string {
    if (this.tokens.size >= this.max || nowMs - this.lastSweep >= SWEEP_EVERY.ms) {
      prune(this.tokens, (token) => token.expiresAt, nowMs, this.max);
      this.lastSweep = nowMs;
    }
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { clientId, expiresAt: nowMs + this.ttlSeconds * 1000 });
    return token;
  }

  /** The client owning `token`, or undefined when unknown, expired or revoked. */
  public clientOf(token: string, nowMs = Date.now()): string | undefined {
    const issued = this.tokens.get(token);
    if (!issued) return undefined;
    if (issued.expiresAt <= nowMs) {
      this.tokens.delete(token);
      return undefined;
    }
    return issued.clientId;
  }

  /** Forgets every issued token. */
  public revokeAll(): void {
    this.tokens.clear();
  }
}
