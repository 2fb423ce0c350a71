/**
 * `withTimeout`: one request's signal, fired by its own timeout or by the turn's deadline, and left
 * with nothing pending once the request settles (no timer firing during a later turn).
 */
import { setTimeout as wait } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { withTimeout } from '../../fulfillment/epic/deadline';

/** Work that ends only when its signal fires, with the signal's reason. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

describe('withTimeout', () => {
  it('fires a TimeoutError after the timeout', async () => {
    const error = await withTimeout(10, undefined, untilAborted).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('TimeoutError');
  });

  it("fires with the deadline's reason when the deadline comes first", async () => {
    const deadline = new AbortController();
    const reason = new DOMException('the deadline passed', 'TimeoutError');
    const running = withTimeout(10_000, deadline.signal, untilAborted).catch((caught: unknown) => caught);
    deadline.abort(reason);
    expect(await running).toBe(reason);
  });

  it('starts with a fired signal when the deadline has already passed', async () => {
    const deadline = new AbortController();
    deadline.abort(new Error('gone'));
    let seen: AbortSignal | undefined;
    await withTimeout(10_000, deadline.signal, async (signal) => {
      seen = signal;
    });
    expect(seen?.aborted).toBe(true);
    expect((seen?.reason as Error).message).toBe('gone');
  });

  it('leaves nothing to fire once the work has settled', async () => {
    const deadline = new AbortController();
    let seen: AbortSignal | undefined;
    expect(
      await withTimeout(15, deadline.signal, async (signal) => {
        seen = signal;
        return 'answered';
      }),
    ).toBe('answered');
    await wait(60);
    deadline.abort(new Error('later'));
    expect(seen?.aborted).toBe(false);
  });

  it('passes the work’s own failure through untouched', async () => {
    const failure = new Error('HTTP 503');
    await expect(withTimeout(10_000, undefined, () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
