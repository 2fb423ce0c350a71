import { afterAll, beforeAll } from 'vitest';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../sandbox/localRuntime';

/**
 * The local runtime (sandbox on loopback + the real handler) for every test of the calling file or
 * `describe`: started in `beforeAll`, closed in `afterAll`. The returned object stands for the
 * started runtime, so tests read `runtime.handler(...)` as they would with the runtime itself.
 *
 * @example
 * const runtime = useLocalRuntime();
 * it('answers', async () => expect(await runtime.handler(event)).toBeDefined());
 */
export function useLocalRuntime(options?: LocalRuntimeOptions): LocalRuntime {
  let started: LocalRuntime | undefined;
  beforeAll(async () => {
    started = await startLocalRuntime(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as LocalRuntime, {
    get(_target, key) {
      if (!started) throw new Error('the local runtime starts in beforeAll: use it inside a test or hook');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
}
