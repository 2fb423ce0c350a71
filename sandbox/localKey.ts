import { generateKeyPairSync } from 'node:crypto';
import { buildJwks, LocalSigner, type Jwks } from '../fulfillment/epic';

/** A throwaway signing identity for local runs: nothing is read from or written to disk. */
export interface LocalSigningIdentity {
  readonly signer: LocalSigner;
  /** PKCS#8 PEM of the private key, for code paths that read a key file. */
  readonly privatePem: string;
  /** The JWKS to register with the sandbox, as an admin registers one with Epic. */
  readonly jwks: Jwks;
}

/** Generates an RSA-2048 key and its JWKS, for the demo, benchmarks and tests. */
export async function generateLocalSigningIdentity(): Promise<LocalSigningIdentity> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signer = new LocalSigner(privateKey);
  return {
    signer,
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    jwks: buildJwks([await signer.publicJwk()]),
  };
}
