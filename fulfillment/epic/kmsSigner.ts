import { createHash } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { JWK } from 'jose';
import { SigningError } from './errors';
import { publicKeyFromSpkiDer, rsaPublicKeyToJwk } from './jwks';
import { SIGNING_ALG, type Signer } from './signer';

/** KMS signing algorithm that produces a JWS RS384 signature. */
export const KMS_SIGNING_ALGORITHM = 'RSASSA_PKCS1_V1_5_SHA_384' as const;

/** KMS `Sign` takes RAW messages up to 4096 bytes; longer inputs are sent as their SHA-384 digest. */
export const KMS_RAW_MESSAGE_LIMIT = 4096;

/** Options of {@link KmsSigner}. */
export interface KmsSignerOptions {
  /** Key id, ARN, alias name or alias ARN of an RSA `SIGN_VERIFY` key. */
  readonly keyId: string;
  /** KMS client; one per Lambda container. */
  readonly client: KMSClient;
}

/**
 * Signs client assertions with an AWS KMS asymmetric RSA key: the private key never leaves KMS.
 * The public key is fetched once (`GetPublicKey`) and cached for the container's life.
 *
 * @example
 * const signer = new KmsSigner({ keyId: 'alias/epic-signing', client: new KMSClient({}) });
 */
export class KmsSigner implements Signer {
  public readonly alg = SIGNING_ALG;
  readonly #keyId: string;
  readonly #client: KMSClient;
  #jwk: Promise<JWK> | undefined;

  public constructor(options: KmsSignerOptions) {
    this.#keyId = options.keyId;
    this.#client = options.client;
  }

  public async keyId(): Promise<string> {
    return (await this.publicJwk()).kid as string;
  }

  public async sign(data: Uint8Array): Promise<Uint8Array> {
    const raw = data.byteLength <= KMS_RAW_MESSAGE_LIMIT;
    const message = raw ? data : createHash('sha384').update(data).digest();
    try {
      const output = await this.#client.send(
        new SignCommand({
          KeyId: this.#keyId,
          Message: message,
          MessageType: raw ? 'RAW' : 'DIGEST',
          SigningAlgorithm: KMS_SIGNING_ALGORITHM,
        }),
      );
      if (!output.Signature || output.Signature.byteLength === 0) {
        throw new SigningError('KMS Sign returned no signature');
      }
      return output.Signature;
    } catch (error) {
      throw wrapKmsError('Sign', error);
    }
  }

  public publicJwk(): Promise<JWK> {
    if (!this.#jwk) {
      this.#jwk = this.#fetchPublicJwk();
      // A failed fetch (throttling, a cold network) must not be cached for the container's life.
      this.#jwk.catch(() => {
        this.#jwk = undefined;
      });
    }
    return this.#jwk;
  }

  async #fetchPublicJwk(): Promise<JWK> {
    let output;
    try {
      output = await this.#client.send(new GetPublicKeyCommand({ KeyId: this.#keyId }));
    } catch (error) {
      throw wrapKmsError('GetPublicKey', error);
    }
    if (output.KeyUsage && output.KeyUsage !== 'SIGN_VERIFY') {
      throw new SigningError(`KMS key usage is ${output.KeyUsage}; a SIGN_VERIFY key is required`);
    }
    if (output.SigningAlgorithms && !output.SigningAlgorithms.includes(KMS_SIGNING_ALGORITHM)) {
      throw new SigningError(`KMS key does not support ${KMS_SIGNING_ALGORITHM}; use an RSA key spec`);
    }
    if (!output.PublicKey) throw new SigningError('KMS GetPublicKey returned no public key');
    return rsaPublicKeyToJwk(publicKeyFromSpkiDer(output.PublicKey));
  }
}

function wrapKmsError(operation: string, error: unknown): SigningError {
  if (error instanceof SigningError) return error;
  const name = error instanceof Error ? error.name : 'UnknownError';
  return new SigningError(`KMS ${operation} failed (${name})`, { cause: error });
}
