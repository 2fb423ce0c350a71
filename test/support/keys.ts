import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A fresh RSA-2048 key pair for one test file: no key material is committed. */
export function rsaKeyPair(): { privateKey: KeyObject; publicKey: KeyObject; privatePem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey, privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}
