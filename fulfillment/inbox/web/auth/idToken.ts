import * as z from 'zod';
import { JwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Clinician } from '../../ports';
import {
  FetchError,
  JwksNotAvailableInCacheError,
  JwksValidationError,
  JwkValidationError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { IssuerUnavailable, SessionRejected, type SessionRejectedReason } from './errors';
import { JwksFetcher } from './jwksFetcher';

/** Who an ID token names, once its signature, issuer, audience, expiry and use are checked. */
export interface VerifiedIdentity {
  readonly clinician: Clinician;
  /** `cognito:groups` (empty when the user is in none). */
  readonly groups: readonly string[];
  /** The sign-in the token comes from (`origin_jti`, else `jti`): what the CSRF token is bound to. */
  readonly sessionId: string;
  /** The token's `exp`, seconds since the epoch: the session cookie ends with it. */
  readonly expiresAt: number;
  /** The `nonce` the sign-in sent, echoed by the issuer. */
  readonly nonce?: string;
}

/** Port: checks an ID token and says who it names. @throws {SessionRejected} for any token it does not accept */
export interface IdTokenVerifier {
  verify(idToken: string): Promise<VerifiedIdentity>;
}

/** The claims the inbox reads, as Cognito writes them into an ID token. */
const claimsSchema = z.object({
  sub: z.string().min(1).max(256),
  token_use: z.literal('id'),
  exp: z.number().int(),
  jti: z.string().min(1).max(256),
  origin_jti: z.string().min(1).max(256).optional(),
  'cognito:groups': z.array(z.string().max(128)).max(100).optional(),
  'cognito:username': z.string().max(256).optional(),
  name: z.string().max(256).optional(),
  email: z.string().max(320).optional(),
  nonce: z.string().max(256).optional(),
});

/** What a refusal of aws-jwt-verify means, in the words of {@link SessionRejectedReason}. */
function refusalReason(error: unknown): SessionRejectedReason {
  if (error instanceof JwtExpiredError || error instanceof JwtNotBeforeError) return 'expired';
  if (error instanceof JwtInvalidSignatureError || error instanceof JwtInvalidSignatureAlgorithmError) return 'badSignature';
  if (error instanceof JwtInvalidIssuerError) return 'wrongIssuer';
  if (error instanceof JwtInvalidAudienceError) return 'wrongAudience';
  // A kid the issuer never published (or not yet: the penalty box holds the refetch) is a forgery or a stale key.
  if (error instanceof KidNotFoundInJwksError || error instanceof WaitPeriodNotYetEndedJwkError || error instanceof JwtWithoutValidKidError) return 'unknownKey';
  if (error instanceof JwtParseError) return 'malformed';
  return 'other';
}

/** Longest token accepted: a Cognito ID token is 1-2 KB; a cookie holds at most 4 KB anyway. */
const MAX_TOKEN_CHARS = 4000;

/**
 * The ID token verifier of the inbox: aws-jwt-verify's generic `JwtVerifier` with the issuer, the
 * app client as audience and the issuer's JWKS (`${issuer}/.well-known/jwks.json`, Cognito's
 * layout), RS256 only and `token_use` `id`. The same code checks Cognito's tokens in AWS and the
 * local issuer's locally; only the issuer URL differs. Keys are fetched once and cached; an unknown
 * `kid` refetches (key rotation), at most every few seconds (the library's penalty box).
 *
 * @example
 * const verifier = createIdTokenVerifier({ issuer: config.tokenIssuer, clientId: config.clientId });
 * const { clinician, groups } = await verifier.verify(idToken);
 */
export function createIdTokenVerifier(options: { readonly issuer: string; readonly clientId: string; readonly jwksTimeoutMs?: number }): IdTokenVerifier {
  const verifier = JwtVerifier.create(
    {
      issuer: options.issuer,
      audience: options.clientId,
      jwksUri: `${options.issuer}/.well-known/jwks.json`,
      // Cognito signs with RS256 alone; refusing the others closes algorithm confusion for good.
      customJwtCheck: ({ header, payload }) => {
        if (header.alg !== 'RS256') throw new SessionRejected('ID token not signed with RS256', 'badSignature');
        if (payload.token_use !== 'id') throw new SessionRejected('not an ID token (token_use)', 'notIdToken');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: new JwksFetcher({ timeoutMs: options.jwksTimeoutMs ?? 3000 }) }) },
  );
  return {
    async verify(idToken: string): Promise<VerifiedIdentity> {
      if (idToken.length > MAX_TOKEN_CHARS) throw new SessionRejected('ID token too long', 'malformed');
      let payload: unknown;
      try {
        payload = await verifier.verify(idToken);
      } catch (error) {
        if (error instanceof SessionRejected) throw error;
        // The keys could not be had: nothing is known about the token, so the browser keeps it.
        if (error instanceof FetchError || error instanceof JwksValidationError || error instanceof JwkValidationError || error instanceof JwksNotAvailableInCacheError) {
          throw new IssuerUnavailable('issuer keys unavailable', { cause: error });
        }
        // The library's messages may quote claims: only the reason travels on.
        throw new SessionRejected('ID token refused', refusalReason(error), { cause: error });
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw new SessionRejected('ID token lacks the claims the inbox reads', 'claims');
      const c = claims.data;
      return {
        clinician: { id: c.sub, displayName: c.name ?? c.email ?? c['cognito:username'] ?? c.sub },
        groups: c['cognito:groups'] ?? [],
        sessionId: c.origin_jti ?? c.jti,
        expiresAt: c.exp,
        ...(c.nonce ? { nonce: c.nonce } : {}),
      };
    },
  };
}
