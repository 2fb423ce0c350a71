import {
  compactVerify,
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type CompactVerifyGetKey,
  type JWTPayload,
} from 'jose';
import type { JtiStore } from './tokens';
import type { SandboxClient } from './types';

/** Signature algorithms Epic accepts for backend-services assertions. */
export const ASSERTION_ALGORITHMS = ['RS384', 'ES384'] as const;

/** Clock skew tolerated on `exp`, `iat` and `nbf`, in seconds. */
export const CLOCK_SKEW_SECONDS = 30;

/** Epic refuses assertions whose `exp` lies more than five minutes ahead. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;

/** Epic's documented maximum `jti` length. */
export const MAX_JTI_LENGTH = 151;

/** An assertion refused with an RFC 6749 error code. */
export class AssertionError extends Error {
  /** Builds a refusal with `error` (the RFC 6749 code) and a specific description. */
  public constructor(
    public readonly error: 'invalid_client' | 'invalid_request' | 'invalid_grant',
    description: string,
  ) {
    super(description);
    this.name = 'AssertionError';
  }
}

interface RegisteredClient {
  readonly client: SandboxClient;
  readonly keys: CompactVerifyGetKey;
}

/** Registered clients and their key sets, looked up by the assertion's `iss`. */
export class ClientRegistry {
  private readonly clients = new Map<string, RegisteredClient>();

  /** Registers `client`, replacing one with the same id; throws TypeError when it is unusable. */
  public register(client: SandboxClient): void {
    if (typeof client.clientId !== 'string' || client.clientId.length === 0) {
      throw new TypeError('clientId must be a non-empty string');
    }
    if ((client.jwks === undefined) === (client.jwksUrl === undefined)) {
      throw new TypeError(`client ${client.clientId}: give exactly one of jwks or jwksUrl`);
    }
    let keys: CompactVerifyGetKey;
    if (client.jwks) {
      if (!Array.isArray(client.jwks.keys) || client.jwks.keys.length === 0) {
        throw new TypeError(`client ${client.clientId}: jwks has no keys`);
      }
      keys = createLocalJWKSet({ keys: [...client.jwks.keys] });
    } else {
      const url = new URL(client.jwksUrl as string);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new TypeError(`client ${client.clientId}: jwksUrl must be http(s)`);
      }
      keys = createRemoteJWKSet(url, { timeoutDuration: 5000 });
    }
    this.clients.set(client.clientId, { client, keys });
  }

  /** The registered client with id `clientId`. */
  public get(clientId: string): RegisteredClient | undefined {
    return this.clients.get(clientId);
  }

  /** Every registered client. */
  public list(): SandboxClient[] {
    return [...this.clients.values()].map((entry) => entry.client);
  }
}

/** What {@link verifyClientAssertion} needs. */
export interface AssertionContext {
  readonly clients: ClientRegistry;
  /** The token URL: the only `aud` accepted. */
  readonly audience: string;
  readonly jtis: JtiStore;
  readonly nowSeconds?: () => number;
}

const fail = (description: string): never => {
  throw new AssertionError('invalid_client', description);
};

/** Checks a client assertion the way a strict RFC 7523 server (and Epic) does; returns the client id. */
export async function verifyClientAssertion(assertion: string, context: AssertionContext): Promise<string> {
  const now = context.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: JWTPayload;
  try {
    // Five segments would be a JWE: Epic wants a signed, not an encrypted, assertion.
    if (assertion.split('.').length !== 3) throw new Error('not compact JWS');
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    return fail('client_assertion is not a signed JWT in compact serialization');
  }

  // Checked before any key lookup so `none`, HMAC (key confusion) and RS256 never reach a verifier.
  const alg = typeof header.alg === 'string' ? header.alg : '';
  if (!(ASSERTION_ALGORITHMS as readonly string[]).includes(alg)) {
    fail(`alg ${JSON.stringify(alg.slice(0, 16))} not accepted; use RS384 or ES384`);
  }
  if (typeof header.kid !== 'string' || header.kid.length === 0) fail('kid header missing');

  if (typeof claims.iss !== 'string' || claims.iss.length === 0) fail('iss claim missing');
  const clientId = claims.iss as string;
  const registered = context.clients.get(clientId) ?? fail('unknown client: iss is not a registered client id');
  if (claims.sub !== clientId) fail('sub must equal iss (both the client id)');

  try {
    await verifySignature(assertion, registered.keys);
  } catch (error) {
    fail(describeVerifyError(error));
  }

  const aud = claims.aud;
  const audOk = typeof aud === 'string' ? aud === context.audience : Array.isArray(aud) && aud.includes(context.audience);
  if (!audOk) fail('audience mismatch: aud must be the token endpoint URL');

  const exp = claims.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return fail('exp claim missing');
  if (exp + CLOCK_SKEW_SECONDS <= now) fail('assertion expired');
  if (exp > now + MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
    fail('exp too far in the future: at most 5 minutes after now');
  }
  for (const claim of ['iat', 'nbf'] as const) {
    const value = claims[claim];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${claim} claim is not a NumericDate`);
    if ((value as number) > now + CLOCK_SKEW_SECONDS) fail(`${claim} is in the future`);
  }

  const jti = claims.jti;
  if (typeof jti !== 'string' || jti.length === 0) return fail('jti claim missing');
  if (jti.length > MAX_JTI_LENGTH) fail(`jti longer than ${MAX_JTI_LENGTH} characters`);
  if (!context.jtis.remember(clientId, jti, exp + CLOCK_SKEW_SECONDS, now)) fail('jti already used');
  return clientId;
}

async function verifySignature(assertion: string, keys: CompactVerifyGetKey): Promise<void> {
  const options = { algorithms: [...ASSERTION_ALGORITHMS] };
  try {
    await compactVerify(assertion, keys, options);
  } catch (error) {
    // A JWKS may list several keys under one kid (a sloppy rotation); jose then hands back every
    // candidate and leaves trying them to the caller.
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const key of error) {
      try {
        await compactVerify(assertion, key, options);
        return;
      } catch {
        // try the next candidate
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

function describeVerifyError(error: unknown): string {
  if (error instanceof errors.JWKSNoMatchingKey) return 'kid not found in the client\'s registered JWKS';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature verification failed';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'alg not accepted; use RS384 or ES384';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return 'could not fetch a valid JWKS from the client\'s JWKS URL';
  }
  if (error instanceof errors.JOSEError) return `assertion could not be verified (${error.code})`;
  // createRemoteJWKSet surfaces network failures as plain fetch errors.
  return 'could not fetch the client\'s JWKS';
}
