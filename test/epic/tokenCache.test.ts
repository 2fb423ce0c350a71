import { describe, expect, it } from 'vitest';
import { EpicTokenUnavailableError, TokenCache, type AccessToken } from '../../fulfillment/epic';
import { FakeClock } from '../support/fakeClock';

/** A token endpoint stand-in that counts requests and can be told to fail. */
function fakeEndpoint(clock: FakeClock, lifetimeSeconds = 3600) {
  const state = { requests: 0, failWith: undefined as Error | undefined, release: undefined as (() => void) | undefined };
  const fetchToken = async (): Promise<AccessToken> => {
    state.requests += 1;
    await new Promise<void>((resolve) => {
      state.release = resolve;
      queueMicrotask(resolve);
    });
    if (state.failWith) throw state.failWith;
    return { accessToken: `token-${state.requests}`, expiresAt: clock.now() + lifetimeSeconds * 1000, scope: undefined };
  };
  return { state, fetchToken };
}

describe('token cache', () => {
  it('reuses the token until shortly before it expires, then renews it', async () => {
    // Prepare
    const clock = new FakeClock();
    const { state, fetchToken } = fakeEndpoint(clock, 3600);
    const cache = new TokenCache({ fetchToken, clock, refreshMarginSeconds: 60 });
    // Act
    const first = await cache.getToken();
    clock.advance((3600 - 61) * 1000);
    const stillCached = await cache.getToken();
    clock.advance(2000);
    const renewed = await cache.getToken();
    // Assess
    expect([first, stillCached, renewed]).toEqual(['token-1', 'token-1', 'token-2']);
    expect(state.requests).toBe(2);
  });

  it('keeps using the cached token while it is valid when its early renewal fails', async () => {
    // Prepare: a token inside its renewal margin, and an endpoint that now fails
    const clock = new FakeClock();
    const { state, fetchToken } = fakeEndpoint(clock, 3600);
    const cache = new TokenCache({ fetchToken, clock, refreshMarginSeconds: 60 });
    const first = await cache.getToken();
    clock.advance((3600 - 30) * 1000);
    state.failWith = new EpicTokenUnavailableError('Epic token endpoint unreachable');
    // Act
    const duringFailure = await cache.getToken();
    const duringBackoff = await cache.getToken();
    clock.advance(27_000);
    // Assess: the same token until 5 s before it expires, then the failure shows
    expect([duringFailure, duringBackoff]).toEqual([first, first]);
    await expect(cache.getToken()).rejects.toThrow(EpicTokenUnavailableError);
  });

  it('makes one request for 50 concurrent callers', async () => {
    const clock = new FakeClock();
    const { state, fetchToken } = fakeEndpoint(clock);
    const cache = new TokenCache({ fetchToken, clock });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(state.requests).toBe(1);
  });

  it('drops the cached token when the server refused it, and only that token', async () => {
    const clock = new FakeClock();
    const { state, fetchToken } = fakeEndpoint(clock);
    const cache = new TokenCache({ fetchToken, clock });
    const first = await cache.getToken();
    cache.invalidate('some-older-token');
    expect(await cache.getToken()).toBe(first);
    cache.invalidate(first);
    expect(await cache.getToken()).toBe('token-2');
    expect(state.requests).toBe(2);
  });

  it('fails fast during a growing backoff after a failure instead of hammering the endpoint', async () => {
    // Prepare
    const clock = new FakeClock();
    const { state, fetchToken } = fakeEndpoint(clock);
    state.failWith = new EpicTokenUnavailableError('Epic token endpoint unreachable');
    const cache = new TokenCache({ fetchToken, clock, failureBackoffMs: 1000, maxFailureBackoffMs: 4000 });
    // Act + Assess: first failure reaches the endpoint, the next calls inside 1 s do not.
    await expect(cache.getToken()).rejects.toThrow('unreachable');
    for (let i = 0; i < 20; i += 1) {
      await expect(cache.getToken()).rejects.toThrow('failed recently');
    }
    expect(state.requests).toBe(1);
    clock.advance(1001);
    await expect(cache.getToken()).rejects.toThrow('unreachable');
    clock.advance(1001);
    await expect(cache.getToken()).rejects.toThrow('failed recently');
    expect(state.requests).toBe(2);
    // Recovery resets the backoff.
    state.failWith = undefined;
    clock.advance(1000);
    expect(await cache.getToken()).toBe('token-3');
  });
});
