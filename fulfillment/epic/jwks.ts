import { createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { SIGNING_ALG } from './signer';

/** A JSON Web Key Set as served at a JWKS URL. */
export interface Jwks {
  readonly keys: readonly JWK[];
}

/**
 * Turns an RSA public key into the JWK Epic expects: `kty, n, e` plus `kid` (RFC 7638 SHA-256
 * thumbprint, so the id is derived from the key and never drifts), `alg RS384`, `use sig`.
 */
export async function rsaPublicKeyToJwk(publicKey: KeyObject): Promise<JWK> {
  if (publicKey.asymmetricKeyType !== 'rsa') {
    throw new TypeError(`expected an RSA public key, got ${publicKey.asymmetricKeyType ?? 'none'}`);
  }
  const { kty, n, e } = publicKey.export({ format: 'jwk' });
  const base = { kty: kty as string, n: n as string, e: e as string };
  const kid = await calculateJwkThumbprint(base, 'sha256');
  return { ...base, kid, alg: SIGNING_ALG, use: 'sig' };
}

/** Public key from DER SubjectPublicKeyInfo bytes, as KMS `GetPublicKey` returns it. */
export function publicKeyFromSpkiDer(der: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
}

/**
 * JWKS document for one or more keys. During a rotation it lists the current and the next key:
 * Epic caches a JWKS for up to a day, so a new key is published before anything is signed with it.
 */
export function buildJwks(keys: readonly JWK[]): Jwks {
  const seen = new Set<string>();
  const unique = keys.filter((key) => {
    const id = key.kid ?? '';
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return { keys: unique };
}
