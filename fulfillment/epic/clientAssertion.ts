import { randomBytes } from 'node:crypto';
import { base64url } from 'jose';
import type { Clock } from '../runtime/clock';
import type { Signer } from './signer';

/** Epic refuses assertions whose `exp` is more than 5 minutes after `iat`. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;

/** Default assertion lifetime: under Epic's 5-minute cap with room for clock skew. */
export const DEFAULT_ASSERTION_LIFETIME_SECONDS = 240;

/** Epic stores at most 151 characters of `jti`. */
export const MAX_JTI_LENGTH = 151;

/** Input of {@link createClientAssertion}. */
export interface ClientAssertionInput {
  /** Epic client id: both `iss` and `sub`. */
  readonly clientId: string;
  /** Token endpoint URL: the `aud`. */
  readonly tokenUrl: string;
  readonly signer: Signer;
  readonly clock: Clock;
  /** Seconds until `exp`; at most {@link MAX_ASSERTION_LIFETIME_SECONDS}. @default 240 */
  readonly lifetimeSeconds?: number;
}

/** The registered claims of a client assertion. */
export interface ClientAssertionClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string;
  readonly jti: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
}

/**
 * Builds and signs a SMART Backend Services client assertion (RFC 7523): a compact JWS with header
 * `{alg: RS384, typ: JWT, kid}`. `iat` and `nbf` are the current second (never ahead of the clock);
 * `jti` carries 256 random bits.
 */
export async function createClientAssertion(input: ClientAssertionInput): Promise<string> {
  const lifetime = input.lifetimeSeconds ?? DEFAULT_ASSERTION_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_ASSERTION_LIFETIME_SECONDS) {
    throw new RangeError(`assertion lifetime must be 1..${MAX_ASSERTION_LIFETIME_SECONDS} seconds, got ${lifetime}`);
  }
  const now = Math.floor(input.clock.now() / 1000);
  const header = { alg: input.signer.alg, typ: 'JWT', kid: await input.signer.keyId() };
  const claims: ClientAssertionClaims = {
    iss: input.clientId,
    sub: input.clientId,
    aud: input.tokenUrl,
    jti: base64url.encode(randomBytes(32)),
    iat: now,
    nbf: now,
    exp: now + lifetime,
  };
  const signingInput = `${encodeJson(header)}.${encodeJson(claims)}`;
  const signature = await input.signer.sign(new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64url.encode(signature)}`;
}

function encodeJson(value: object): string {
  return base64url.encode(JSON.stringify(value));
}
