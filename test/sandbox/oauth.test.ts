import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { JtiStore } from '../../sandbox/tokens';
import { fixtureResources, requestToken, signAssertion, testKey, type TestKey } from '../support/sandboxFixtures';

const CLIENT = 'ivr-test-client';
const EC_CLIENT = 'ivr-ec-client';
const URL_CLIENT = 'ivr-jwks-url-client';
const OTHER_CLIENT = 'another-registered-client';

describe('sandbox token endpoint (SMART Backend Services, RFC 7523)', () => {
  let sandbox: Sandbox;
  let rsa: TestKey;
  let ec: TestKey;
  let remote: TestKey;
  let jwksServer: Server;

  beforeAll(async () => {
    [rsa, ec, remote] = await Promise.all([testKey('RS384'), testKey('ES384'), testKey('RS384')]);
    const jwksBody = JSON.stringify({ keys: [remote.publicJwk] });
    jwksServer = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(jwksBody);
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    sandbox = await startSandbox({
      resources: fixtureResources(),
      clients: [
        { clientId: CLIENT, jwks: { keys: [rsa.publicJwk] } },
        { clientId: EC_CLIENT, jwks: { keys: [ec.publicJwk] } },
        { clientId: URL_CLIENT, jwksUrl },
        { clientId: OTHER_CLIENT, jwks: { keys: [rsa.publicJwk] } },
      ],
      tokenTtlSeconds: 600,
    });
  });

  afterAll(async () => {
    await sandbox?.close();
    jwksServer?.closeAllConnections();
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  const assertion = (claims: Record<string, unknown> = {}) =>
    signAssertion({ clientId: CLIENT, audience: sandbox.tokenUrl, key: rsa.privateKey, kid: rsa.kid, claims });

  describe('accepts', () => {
    it('a valid RS384 assertion and issues an opaque Bearer token that works on FHIR', async () => {
      // Prepare
      const signed = await assertion();

      // Act
      const token = await requestToken(sandbox.tokenUrl, signed);
      const fhir = await fetch(`${sandbox.fhirR4BaseUrl}/Patient/ana`, {
        headers: { authorization: `Bearer ${String(token.body.access_token)}` },
      });

      // Assess
      expect(token.status).toBe(200);
      expect(token.headers.get('cache-control')).toBe('no-store');
      expect(token.body.token_type).toBe('Bearer');
      expect(token.body.expires_in).toBe(600);
      expect(token.body.scope).toContain('system/Patient.read');
      expect(token.body.access_token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(fhir.status).toBe(200);
    });

    it('a valid ES384 assertion', async () => {
      const signed = await signAssertion({ clientId: EC_CLIENT, audience: sandbox.tokenUrl, key: ec.privateKey, kid: ec.kid, alg: 'ES384' });

      const token = await requestToken(sandbox.tokenUrl, signed);

      expect(token.status).toBe(200);
    });

    it('an assertion whose key is published at the client JWKS URL', async () => {
      const signed = await signAssertion({ clientId: URL_CLIENT, audience: sandbox.tokenUrl, key: remote.privateKey, kid: remote.kid });

      const token = await requestToken(sandbox.tokenUrl, signed);

      expect(token.status).toBe(200);
    });

    it('counts every token request and every issued token', async () => {
      sandbox.resetStats();
      const good = await assertion();

      await requestToken(sandbox.tokenUrl, good);
      await requestToken(sandbox.tokenUrl, good);

      expect(sandbox.stats.tokenRequests).toBe(2);
      expect(sandbox.stats.tokensIssued).toBe(1);
    });
  });

  describe('refuses with 401 invalid_client', () => {
    const cases: [string, () => Promise<string>, RegExp][] = [
      ['an assertion for another audience', () => assertion({ aud: 'https://fhir.epic.com/oauth2/token' }), /audience mismatch/],
      ['an exp ten minutes ahead', () => assertion({ exp: Math.floor(Date.now() / 1000) + 600 }), /exp too far in the future/],
      ['an expired assertion', () => assertion({ exp: Math.floor(Date.now() / 1000) - 120, iat: Math.floor(Date.now() / 1000) - 300, nbf: undefined }), /expired/],
      ['an assertion without exp', () => assertion({ exp: undefined }), /exp claim missing/],
      ['an iat in the future', () => assertion({ iat: Math.floor(Date.now() / 1000) + 120, nbf: undefined }), /iat is in the future/],
      ['a jti longer than 151 characters', () => assertion({ jti: 'j'.repeat(152) }), /jti longer than 151/],
      ['iss different from sub', () => assertion({ sub: OTHER_CLIENT }), /sub must equal iss/],
      ['an unknown client', () => assertion({ iss: 'nobody', sub: 'nobody' }), /unknown client/],
    ];
    for (const [name, build, description] of cases) {
      it(name, async () => {
        const signed = await build();

        const token = await requestToken(sandbox.tokenUrl, signed);

        expect(token.status).toBe(401);
        expect(token.body.error).toBe('invalid_client');
        expect(String(token.body.error_description)).toMatch(description);
        expect(token.headers.get('content-type')).toBe('application/json');
        expect(token.headers.get('cache-control')).toBe('no-store');
        expect(JSON.stringify(token.body)).not.toContain(signed);
      });
    }

    it('a replayed jti', async () => {
      const signed = await assertion();
      const first = await requestToken(sandbox.tokenUrl, signed);

      const replay = await requestToken(sandbox.tokenUrl, signed);

      expect(first.status).toBe(200);
      expect(replay.status).toBe(401);
      expect(replay.body).toMatchObject({ error: 'invalid_client', error_description: 'jti already used' });
    });

    it('a kid missing from the registered JWKS', async () => {
      const stranger = await testKey('RS384');
      const signed = await signAssertion({ clientId: CLIENT, audience: sandbox.tokenUrl, key: stranger.privateKey, kid: stranger.kid });

      const token = await requestToken(sandbox.tokenUrl, signed);

      expect(token.status).toBe(401);
      expect(token.body.error_description).toMatch(/kid not found/);
    });

    it('a signature by another key under the registered kid', async () => {
      const impostor = await testKey('RS384');
      const signed = await signAssertion({ clientId: CLIENT, audience: sandbox.tokenUrl, key: impostor.privateKey, kid: rsa.kid });

      const token = await requestToken(sandbox.tokenUrl, signed);

      expect(token.status).toBe(401);
      expect(token.body.error_description).toMatch(/signature verification failed/);
    });

    it('RS256 even with an RSA key under the registered kid', async () => {
      const rs256 = await testKey('RS256');
      const signed = await signAssertion({ clientId: CLIENT, audience: sandbox.tokenUrl, key: rs256.privateKey, kid: rsa.kid, alg: 'RS256' });

      const token = await requestToken(sandbox.tokenUrl, signed);

      expect(token.status).toBe(401);
      expect(token.body.error_description).toMatch(/alg "RS256" not accepted/);
    });

    it('HS256 keyed with a shared secret (algorithm confusion)', async () => {
      const secret = new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!');
      const signed = await signAssertion({ clientId: CLIENT, audience: sandbox.tokenUrl, key: secret, kid: rsa.kid, alg: 'HS256' });

      const token = await requestToken(sandbox.tokenUrl, signed);

      expect(token.status).toBe(401);
      expect(token.body.error_description).toMatch(/alg "HS256" not accepted/);
    });

    it('an unsigned assertion (alg none)', async () => {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${encode({ alg: 'none', typ: 'JWT', kid: rsa.kid })}.${encode({ iss: CLIENT, sub: CLIENT, aud: sandbox.tokenUrl, jti: 'x', exp: now + 60 })}.`;

      const token = await requestToken(sandbox.tokenUrl, unsigned);

      expect(token.status).toBe(401);
      expect(token.body.error_description).toMatch(/alg "none" not accepted/);
    });
  });

  describe('refuses with 400', () => {
    it('a grant type other than client_credentials (unsupported_grant_type)', async () => {
      const token = await requestToken(sandbox.tokenUrl, await assertion(), { grant_type: 'authorization_code' });

      expect(token.status).toBe(400);
      expect(token.body.error).toBe('unsupported_grant_type');
    });

    it('a client_assertion_type other than jwt-bearer (invalid_request)', async () => {
      const token = await requestToken(sandbox.tokenUrl, await assertion(), { client_assertion_type: 'urn:example:saml' });

      expect(token.status).toBe(400);
      expect(token.body.error).toBe('invalid_request');
    });

    it('a missing client_assertion (invalid_request)', async () => {
      const token = await requestToken(sandbox.tokenUrl, '');

      expect(token.status).toBe(400);
      expect(token.body).toMatchObject({ error: 'invalid_request', error_description: 'client_assertion missing' });
    });

    it('a JSON body instead of a form (invalid_request)', async () => {
      const response = await fetch(sandbox.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials' }),
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    });
  });

  it('answers after the configured token latency (a slow token endpoint)', async () => {
    sandbox.setFaults({ tokenLatencyMs: 250 });
    try {
      const signed = await assertion();
      const started = performance.now();

      const token = await requestToken(sandbox.tokenUrl, signed);

      expect(token.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    } finally {
      sandbox.setFaults({});
    }
  });
});

describe('JtiStore', () => {
  it('refuses a jti until its expiry, then forgets it', () => {
    const store = new JtiStore();

    const first = store.remember('client', 'jti-1', 1_000, 900);
    const replay = store.remember('client', 'jti-1', 1_000, 950);
    const otherClient = store.remember('other', 'jti-1', 1_000, 950);
    const afterExpiry = store.remember('client', 'jti-1', 2_000, 1_001);

    expect([first, replay, otherClient, afterExpiry]).toEqual([true, false, true, true]);
  });

  it('stays within its bound, dropping expired entries first and then the oldest', () => {
    const store = new JtiStore(3);
    store.remember('c', 'expired', 100, 50);
    store.remember('c', 'a', 1_000, 150);
    store.remember('c', 'b', 1_000, 150);

    store.remember('c', 'd', 1_000, 150);
    store.remember('c', 'e', 1_000, 150);

    expect(store.size).toBe(3);
    expect(store.remember('c', 'e', 1_000, 150)).toBe(false);
  });
});
