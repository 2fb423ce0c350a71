import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpicAuthError, EpicTokenUnavailableError, LocalSigner, TokenClient } from '../../fulfillment/epic';
import { systemClock } from '../../fulfillment/runtime/clock';
import { rsaKeyPair } from '../support/keys';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';

describe('token exchange against the sandbox', () => {
  let harness: EpicHarness;

  beforeAll(async () => {
    harness = await startEpicHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('exchanges a signed assertion for a token and reuses it', async () => {
    // Prepare
    harness.sandbox.resetStats();
    const gateway = harness.gateway();
    // Act
    const first = await gateway.tokens.getToken();
    const second = await gateway.tokens.getToken();
    // Assess
    expect(first).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(second).toBe(first);
    expect(harness.sandbox.stats.tokenRequests).toBe(1);
  });

  it('sends one token request for 50 concurrent callers', async () => {
    harness.sandbox.resetStats();
    harness.sandbox.setFaults({ tokenLatencyMs: 50 });
    try {
      const gateway = harness.gateway();
      const tokens = await Promise.all(Array.from({ length: 50 }, () => gateway.tokens.getToken()));
      expect(new Set(tokens).size).toBe(1);
      expect(harness.sandbox.stats.tokenRequests).toBe(1);
    } finally {
      harness.sandbox.setFaults({});
    }
  });

  it('refreshes the token shortly before it expires', async () => {
    // Prepare: a sandbox whose tokens live 2 s, renewed 1 s before expiry.
    const shortLived = await startEpicHarness({ tokenTtlSeconds: 2 });
    try {
      const gateway = shortLived.gateway({ EPIC_TOKEN_REFRESH_MARGIN_SECONDS: '1' });
      // Act
      const first = await gateway.tokens.getToken();
      const cached = await gateway.tokens.getToken();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const renewed = await gateway.tokens.getToken();
      // Assess
      expect(cached).toBe(first);
      expect(renewed).not.toBe(first);
      expect(shortLived.sandbox.stats.tokenRequests).toBe(2);
    } finally {
      await shortLived.close();
    }
  });

  it('reports an unregistered key as invalid_client without quoting the assertion', async () => {
    // Prepare: same client id, a key the sandbox has never seen.
    const stranger = new TokenClient({
      clientId: harness.clientId,
      tokenUrl: harness.sandbox.tokenUrl,
      signer: new LocalSigner(rsaKeyPair().privateKey),
      clock: systemClock,
    });
    // Act
    const error = await stranger.requestToken().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    // Assess
    expect(error).toBeInstanceOf(EpicAuthError);
    expect((error as EpicAuthError).code).toBe('invalid_client');
    expect((error as EpicAuthError).status).toBe(401);
    expect((error as Error).message).not.toMatch(/eyJ/);
  });

  it('gives up on a token endpoint slower than the timeout with a typed error', async () => {
    harness.sandbox.setFaults({ tokenLatencyMs: 2000 });
    try {
      const client = new TokenClient({
        clientId: harness.clientId,
        tokenUrl: harness.sandbox.tokenUrl,
        signer: harness.identity.signer,
        clock: systemClock,
        timeoutMs: 300,
      });
      await expect(client.requestToken()).rejects.toBeInstanceOf(EpicTokenUnavailableError);
    } finally {
      harness.sandbox.setFaults({});
    }
  });

  it('reports an unreachable token endpoint as unavailable, not as a refusal', async () => {
    const client = new TokenClient({
      clientId: 'c',
      tokenUrl: 'http://127.0.0.1:1/oauth2/token',
      signer: harness.identity.signer,
      clock: systemClock,
      timeoutMs: 1000,
    });
    await expect(client.requestToken()).rejects.toThrow(EpicTokenUnavailableError);
  });
});
