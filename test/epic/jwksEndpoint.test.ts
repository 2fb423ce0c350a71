import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalSigner } from '../../fulfillment/epic';
import { createJwksHandler } from '../../fulfillment/epic/jwksEndpoint';
import { rsaKeyPair } from '../support/keys';

const kmsMock = mockClient(KMSClient);
const current = rsaKeyPair();
const next = rsaKeyPair();

function publicKeyResponse(pair: ReturnType<typeof rsaKeyPair>, keyId: string) {
  return {
    KeyId: keyId,
    PublicKey: new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' })),
    KeySpec: 'RSA_2048' as const,
    KeyUsage: 'SIGN_VERIFY' as const,
    SigningAlgorithms: ['RSASSA_PKCS1_V1_5_SHA_384' as const],
  };
}

afterEach(() => {
  kmsMock.reset();
});

describe('JWKS endpoint', () => {
  it('publishes the current and the next key during a rotation, cacheable for an hour', async () => {
    // Prepare
    kmsMock.on(GetPublicKeyCommand, { KeyId: 'current' }).resolves(publicKeyResponse(current, 'current'));
    kmsMock.on(GetPublicKeyCommand, { KeyId: 'next' }).resolves(publicKeyResponse(next, 'next'));
    const serve = createJwksHandler(['current', 'next'], new KMSClient({ region: 'us-east-1' }));
    // Act
    const response = (await serve()) as { statusCode: number; headers: Record<string, string>; body: string };
    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    const kids = (JSON.parse(response.body) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
    expect(kids).toEqual([await new LocalSigner(current.privateKey).keyId(), await new LocalSigner(next.privateKey).keyId()]);
  });

  it('answers 503, not stale or partial keys, when KMS fails', async () => {
    kmsMock.on(GetPublicKeyCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const serve = createJwksHandler(['current'], new KMSClient({ region: 'us-east-1' }));
    const response = (await serve()) as { statusCode: number; headers: Record<string, string> };
    expect(response.statusCode).toBe(503);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
