import { createHash, randomBytes } from 'node:crypto';

/** What one sign-in attempt sends to the authorization server and must find again on the way back. */
export interface SignInAttempt {
  /** OAuth `state`: ties the callback to this browser's attempt. */
  readonly state: string;
  /** PKCE code verifier (RFC 7636), kept in the signed sign-in cookie until the code is redeemed. */
  readonly codeVerifier: string;
  /** `BASE64URL(SHA256(codeVerifier))`, sent with `code_challenge_method=S256`. */
  readonly codeChallenge: string;
  /** OIDC `nonce`: Cognito copies it into the ID token, which must carry it back. */
  readonly nonce: string;
}

/** The S256 code challenge of a verifier. */
export function s256(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

/** 32 random bytes, base64url: 43 characters, inside RFC 7636's 43-128 for a verifier. */
const random = (): string => randomBytes(32).toString('base64url');

/**
 * A fresh state, PKCE verifier and challenge, and nonce.
 *
 * @example
 * const attempt = newSignInAttempt();
 * redirect(server.authorizeUrl(attempt));
 */
export function newSignInAttempt(): SignInAttempt {
  const codeVerifier = random();
  return { state: random(), codeVerifier, codeChallenge: s256(codeVerifier), nonce: random() };
}
