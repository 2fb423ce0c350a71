import type { JWK } from 'jose';

/** The only JWS algorithm this client signs with: Epic accepts RS384 (and ES384) for backend apps. */
export const SIGNING_ALG = 'RS384' as const;

/**
 * A key that signs client assertions. Two adapters: {@link KmsSigner} (AWS KMS, in Lambda) and
 * {@link LocalSigner} (a PEM private key, in the sandbox and for admins trying a key).
 */
export interface Signer {
  /** JWS `alg` this key signs with. */
  readonly alg: typeof SIGNING_ALG;
  /** Key id put in the JWT header: the RFC 7638 thumbprint of the public key. */
  keyId(): Promise<string>;
  /** RSASSA-PKCS1-v1_5 with SHA-384 over `data` (the JWS signing input). */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** The public key as a JWK (`kty, n, e, kid, alg, use`). */
  publicJwk(): Promise<JWK>;
}
