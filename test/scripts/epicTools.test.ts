import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSigner } from '../../fulfillment/epic';
import { epicCheck } from '../../scripts/epic-check';
import { exportJwks } from '../../scripts/export-jwks';
import { generateLocalSigningIdentity, type LocalSigningIdentity } from '../../sandbox/localKey';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { rsaKeyPair } from '../support/keys';
import { capture } from './support';

describe('export-jwks', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'export-jwks-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('prints the public JWKS of a PEM key and nothing secret', async () => {
    const pair = rsaKeyPair();
    const file = join(scratch, 'key.pem');
    writeFileSync(file, pair.privatePem);
    const output = capture();
    await exportJwks(['--pem', file], output);
    const jwks = JSON.parse(output.lines.join('\n')) as { keys: Record<string, string>[] };
    expect(jwks.keys[0]?.kid).toBe(await new LocalSigner(pair.privateKey).keyId());
    expect(Object.keys(jwks.keys[0] ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('prints both keys during a rotation, from KMS', async () => {
    const kms = mockClient(KMSClient);
    const [a, b] = [rsaKeyPair(), rsaKeyPair()];
    kms.on(GetPublicKeyCommand, { KeyId: 'alias/current' }).resolves({ PublicKey: new Uint8Array(a.publicKey.export({ format: 'der', type: 'spki' })), KeyUsage: 'SIGN_VERIFY' });
    kms.on(GetPublicKeyCommand, { KeyId: 'alias/next' }).resolves({ PublicKey: new Uint8Array(b.publicKey.export({ format: 'der', type: 'spki' })), KeyUsage: 'SIGN_VERIFY' });
    const output = capture();
    await exportJwks(['--kms-key-id', 'alias/current', '--next-kms-key-id', 'alias/next', '--region', 'us-east-1'], output, () => new KMSClient({ region: 'us-east-1' }));
    expect((JSON.parse(output.lines.join('\n')) as { keys: unknown[] }).keys).toHaveLength(2);
    kms.restore();
  });

  it('explains a missing KMS permission', async () => {
    const kms = mockClient(KMSClient);
    kms.on(GetPublicKeyCommand).rejects(Object.assign(new Error('not authorized to perform: kms:GetPublicKey'), { name: 'AccessDeniedException' }));
    await expect(exportJwks(['--kms-key-id', 'k', '--region', 'us-east-1'], capture(), () => new KMSClient({ region: 'us-east-1' }))).rejects.toThrow(/missing permission: .*kms:GetPublicKey/);
    kms.restore();
  });

  it('needs a key source', async () => {
    await expect(exportJwks([], capture())).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('epic-check against the sandbox', () => {
  let sandbox: Sandbox;
  let identity: LocalSigningIdentity;
  let scratch: string;

  beforeAll(async () => {
    identity = await generateLocalSigningIdentity();
    sandbox = await startSandbox({ clients: [{ clientId: 'admin-app', jwks: identity.jwks }] });
    scratch = mkdtempSync(join(tmpdir(), 'epic-check-'));
    writeFileSync(join(scratch, 'registered.pem'), identity.privatePem);
    writeFileSync(join(scratch, 'stranger.pem'), rsaKeyPair().privatePem);
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('passes every step with a registered key', async () => {
    const output = capture();
    await epicCheck(['--token-url', sandbox.tokenUrl, '--fhir-base', sandbox.fhirR4BaseUrl, '--client-id', 'admin-app', '--pem', join(scratch, 'registered.pem')], output);
    expect(output.lines).toContain('    ok: access token issued (not shown)');
    expect(output.lines.some((line) => line.startsWith('    ok: FHIR 4.0.1'))).toBe(true);
    expect(output.lines.at(-1)).toBe('Epic connectivity check passed.');
  });

  it('says a stock Epic accepts the name strategy only, refusing telecom, and to set EPIC_PATIENT_SEARCH=name', async () => {
    // Prepare: the sandbox enforces Epic's minimum data sets by default
    const output = capture();
    sandbox.resetStats();
    // Act
    await epicCheck(['--token-url', sandbox.tokenUrl, '--fhir-base', sandbox.fhirR4BaseUrl, '--client-id', 'admin-app', '--pem', join(scratch, 'registered.pem')], output);
    // Assess
    expect(output.lines).toContain('    name: accepted (no match, as expected)');
    expect(output.lines.find((line) => line.startsWith('    telecom: '))).toMatch(/^ {4}telecom: refused \(HTTP 400, required: Patient search is missing a minimum data set/);
    expect(output.lines.at(-2)).toBe('Set EPIC_PATIENT_SEARCH=name');
    expect(sandbox.stats.fhirRequestsByType['Patient']).toBe(2);
  });

  it('says an Epic that relaxed the minimum data sets accepts both strategies, and still to set name', async () => {
    // Prepare
    const relaxed = await startSandbox({ clients: [{ clientId: 'admin-app', jwks: identity.jwks }], relaxedPatientSearch: true });
    const output = capture();
    try {
      // Act
      await epicCheck(['--token-url', relaxed.tokenUrl, '--fhir-base', relaxed.fhirR4BaseUrl, '--client-id', 'admin-app', '--pem', join(scratch, 'registered.pem')], output);
    } finally {
      await relaxed.close();
    }
    // Assess
    expect(output.lines).toContain('    name: accepted (no match, as expected)');
    expect(output.lines).toContain('    telecom: accepted (no match, as expected)');
    expect(output.lines.at(-2)).toMatch(/^Set EPIC_PATIENT_SEARCH=name \(telecom is accepted too/);
    expect(output.lines.at(-1)).toBe('Epic connectivity check passed.');
  });

  it('explains invalid_client as a key or client id that is not registered yet', async () => {
    const output = capture();
    const failure = epicCheck(['--token-url', sandbox.tokenUrl, '--fhir-base', sandbox.fhirR4BaseUrl, '--client-id', 'admin-app', '--pem', join(scratch, 'stranger.pem')], output);
    await expect(failure).rejects.toThrow(/invalid_client \(HTTP 401\)[\s\S]*meaning: Epic does not accept this client and key yet/);
  });

  it('explains an unreachable token URL', async () => {
    const failure = epicCheck(['--token-url', 'http://127.0.0.1:1/oauth2/token', '--fhir-base', sandbox.fhirR4BaseUrl, '--client-id', 'admin-app', '--pem', join(scratch, 'registered.pem'), '--timeout-ms', '1000'], capture());
    await expect(failure).rejects.toThrow(/unreachable from here/);
  });
});
