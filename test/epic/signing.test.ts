import { createHash, privateEncrypt, constants, verify } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildJwks,
  createClientAssertion,
  KMS_RAW_MESSAGE_LIMIT,
  KmsSigner,
  LocalSigner,
  MAX_JTI_LENGTH,
  SigningError,
} from '../../fulfillment/epic';
import { FakeClock } from '../support/fakeClock';
import { rsaKeyPair } from '../support/keys';

const keys = rsaKeyPair();
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
// DER DigestInfo prefix for SHA-384 (RFC 8017 §9.2 note 1): what KMS prepends when it signs a DIGEST.
const SHA384_DIGEST_INFO = Buffer.from('3041300d060960864801650304020205000430', 'hex');
const kmsMock = mockClient(KMSClient);

/** Answers KMS calls the way the AWS API reference documents them, with real RSA signatures. */
function kmsBehavesLikeAws(): void {
  kmsMock.on(GetPublicKeyCommand).resolves({
    KeyId: KEY_ARN,
    PublicKey: new Uint8Array(keys.publicKey.export({ format: 'der', type: 'spki' })),
    KeySpec: 'RSA_2048',
    KeyUsage: 'SIGN_VERIFY',
    SigningAlgorithms: ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PSS_SHA_384'],
  });
  kmsMock.on(SignCommand).callsFake((input: { Message: Uint8Array; MessageType: string; SigningAlgorithm: string }) => {
    const digest =
      input.MessageType === 'DIGEST' ? Buffer.from(input.Message) : createHash('sha384').update(input.Message).digest();
    const signature = privateEncrypt(
      { key: keys.privateKey, padding: constants.RSA_PKCS1_PADDING },
      Buffer.concat([SHA384_DIGEST_INFO, digest]),
    );
    return { KeyId: KEY_ARN, Signature: new Uint8Array(signature), SigningAlgorithm: input.SigningAlgorithm };
  });
}

afterEach(() => {
  kmsMock.reset();
});

describe('client assertion', () => {
  it('carries the header and claims Epic requires', async () => {
    // Prepare
    const clock = new FakeClock();
    const signer = new LocalSigner(keys.privateKey);
    // Act
    const jwt = await createClientAssertion({ clientId: 'client-1', tokenUrl: 'https://epic.test/oauth2/token', signer, clock });
    // Assess
    const jwks = createLocalJWKSet(buildJwks([await signer.publicJwk()]) as never);
    const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { currentDate: new Date(clock.now()) });
    expect(protectedHeader).toEqual({ alg: 'RS384', typ: 'JWT', kid: await signer.keyId() });
    expect(payload.iss).toBe('client-1');
    expect(payload.sub).toBe('client-1');
    expect(payload.aud).toBe('https://epic.test/oauth2/token');
    const now = clock.now() / 1000;
    expect(payload.iat).toBeLessThanOrEqual(now);
    expect(payload.nbf).toBeLessThanOrEqual(now);
    expect(payload.exp).toBe(Math.floor(now) + 240);
  });

  it('never reuses a jti and keeps it within Epic limits', async () => {
    const signer = new LocalSigner(keys.privateKey);
    const clock = new FakeClock();
    const jtis = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const jwt = await createClientAssertion({ clientId: 'c', tokenUrl: 'https://t', signer, clock });
      const jti = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()).jti as string;
      // 32 random bytes = 256 bits, base64url: 43 characters.
      expect(jti.length).toBeGreaterThanOrEqual(22);
      expect(jti.length).toBeLessThanOrEqual(MAX_JTI_LENGTH);
      jtis.add(jti);
    }
    expect(jtis.size).toBe(50);
  });

  it('refuses a lifetime over five minutes', async () => {
    const signer = new LocalSigner(keys.privateKey);
    await expect(
      createClientAssertion({ clientId: 'c', tokenUrl: 'https://t', signer, clock: new FakeClock(), lifetimeSeconds: 301 }),
    ).rejects.toThrow(RangeError);
  });
});

describe('JWKS', () => {
  it('uses the RFC 7638 thumbprint as kid and publishes only public parts', async () => {
    const jwk = await new LocalSigner(keys.privateKey).publicJwk();
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS384', use: 'sig', e: 'AQAB' });
    expect(jwk.kid).toBe(await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n as string, e: 'AQAB' }, 'sha256'));
  });

  it('lists the current and the next key during a rotation, once each', async () => {
    const current = await new LocalSigner(keys.privateKey).publicJwk();
    const next = await new LocalSigner(rsaKeyPair().privateKey).publicJwk();
    expect(buildJwks([current, next, current]).keys.map((key) => key.kid)).toEqual([current.kid, next.kid]);
  });
});

describe('KMS signer', () => {
  it('produces a JWT that verifies against the JWKS built from the KMS public key', async () => {
    // Prepare
    kmsBehavesLikeAws();
    const signer = new KmsSigner({ keyId: 'alias/epic-signing', client: new KMSClient({ region: 'us-east-1' }) });
    const clock = new FakeClock();
    // Act
    const jwt = await createClientAssertion({ clientId: 'client-1', tokenUrl: 'https://epic.test/token', signer, clock });
    // Assess
    const jwks = buildJwks([await signer.publicJwk()]);
    const { protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks as never), { currentDate: new Date(clock.now()) });
    expect(protectedHeader.kid).toBe(await new LocalSigner(keys.privateKey).keyId());
    expect(kmsMock.commandCalls(SignCommand)[0]?.args[0].input).toMatchObject({
      KeyId: 'alias/epic-signing',
      MessageType: 'RAW',
      SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_384',
    });
    expect(kmsMock.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
  });

  it('sends the SHA-384 digest instead of a message over the 4096-byte RAW limit', async () => {
    kmsBehavesLikeAws();
    const signer = new KmsSigner({ keyId: KEY_ARN, client: new KMSClient({ region: 'us-east-1' }) });
    const data = Buffer.alloc(KMS_RAW_MESSAGE_LIMIT + 1, 'a');
    const signature = await signer.sign(data);
    const input = kmsMock.commandCalls(SignCommand)[0]?.args[0].input;
    expect(input?.MessageType).toBe('DIGEST');
    expect(Buffer.from(input?.Message as Uint8Array)).toEqual(createHash('sha384').update(data).digest());
    expect(verify('sha384', data, keys.publicKey, signature)).toBe(true);
  });

  it('signs a message of exactly 4096 bytes as RAW', async () => {
    kmsBehavesLikeAws();
    const signer = new KmsSigner({ keyId: KEY_ARN, client: new KMSClient({ region: 'us-east-1' }) });
    await signer.sign(Buffer.alloc(KMS_RAW_MESSAGE_LIMIT, 'a'));
    expect(kmsMock.commandCalls(SignCommand)[0]?.args[0].input.MessageType).toBe('RAW');
  });

  it('fetches the public key once and caches it', async () => {
    kmsBehavesLikeAws();
    const signer = new KmsSigner({ keyId: KEY_ARN, client: new KMSClient({ region: 'us-east-1' }) });
    await Promise.all([signer.keyId(), signer.keyId(), signer.publicJwk()]);
    expect(kmsMock.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
  });

  it('turns a KMS failure into a SigningError that names the operation, and retries GetPublicKey later', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: kms:GetPublicKey'), { name: 'AccessDeniedException' });
    kmsMock.on(GetPublicKeyCommand).rejectsOnce(denied);
    const signer = new KmsSigner({ keyId: KEY_ARN, client: new KMSClient({ region: 'us-east-1' }) });
    await expect(signer.keyId()).rejects.toThrow(/KMS GetPublicKey failed \(AccessDeniedException\)/);
    kmsBehavesLikeAws();
    await expect(signer.keyId()).resolves.toBeTypeOf('string');
  });

  it('refuses a key that cannot sign RS384', async () => {
    kmsMock.on(GetPublicKeyCommand).resolves({
      KeyId: KEY_ARN,
      PublicKey: new Uint8Array(keys.publicKey.export({ format: 'der', type: 'spki' })),
      KeyUsage: 'ENCRYPT_DECRYPT',
    });
    const signer = new KmsSigner({ keyId: KEY_ARN, client: new KMSClient({ region: 'us-east-1' }) });
    await expect(signer.publicJwk()).rejects.toBeInstanceOf(SigningError);
  });
});

describe('local signer', () => {
  it('reads a PEM key and yields the same JWT format as KMS', async () => {
    const signer = LocalSigner.fromPem(keys.privatePem);
    const jwt = await createClientAssertion({ clientId: 'c', tokenUrl: 'https://t', signer, clock: new FakeClock() });
    expect(jwt.split('.')).toHaveLength(3);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'RS384', typ: 'JWT', kid: await signer.keyId() });
  });

  it('rejects unreadable PEM text without quoting it', () => {
    expect(() => LocalSigner.fromPem('-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----')).toThrow(
      'the local signing key is not a readable PEM private key',
    );
  });
});
