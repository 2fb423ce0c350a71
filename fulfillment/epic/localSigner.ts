import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { SigningError } from './errors';
import { rsaPublicKeyToJwk } from './jwks';
import { SIGNING_ALG, type Signer } from './signer';

/**
 * Signs with an RSA private key held in memory (`node:crypto`). Used by the sandbox, the demo and
 * admins who try a key before registering it with Epic; Lambda signs with {@link KmsSigner}.
 *
 * @example
 * const signer = LocalSigner.fromPem(readFileSync('key.pem', 'utf8'));
 */
export class LocalSigner implements Signer {
  public readonly alg = SIGNING_ALG;
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;
  #jwk: Promise<JWK> | undefined;

  public constructor(privateKey: KeyObject) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
      throw new SigningError('the local signing key must be an RSA private key');
    }
    const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new SigningError(`the local signing key has ${bits} bits; at least 2048 are required`);
    this.#privateKey = privateKey;
    this.#publicKey = createPublicKey(privateKey);
  }

  /** Reads a PKCS#8 or PKCS#1 PEM private key. */
  public static fromPem(pem: string): LocalSigner {
    try {
      return new LocalSigner(createPrivateKey({ key: pem, format: 'pem' }));
    } catch (error) {
      if (error instanceof SigningError) throw error;
      // The parser's message can quote key material; keep only a fixed description.
      throw new SigningError('the local signing key is not a readable PEM private key');
    }
  }

  public async keyId(): Promise<string> {
    const jwk = await this.publicJwk();
    return jwk.kid as string;
  }

  public async sign(data: Uint8Array): Promise<Uint8Array> {
    return sign('sha384', data, this.#privateKey);
  }

  public publicJwk(): Promise<JWK> {
    this.#jwk ??= rsaPublicKeyToJwk(this.#publicKey);
    return this.#jwk;
  }
}
