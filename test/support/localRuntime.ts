import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../sandbox/localRuntime';
import { useStarted } from './lifecycle';

/**
 * The local runtime (sandbox on loopback + the real handler) for every test of the calling file or
 * `describe`: started in `beforeAll`, closed in `afterAll`; tests read `runtime.handler(...)` as
 * they would with the runtime itself.
 *
 * @example
 * const runtime = useLocalRuntime();
 * it('answers', async () => expect(await runtime.handler(event)).toBeDefined());
 */
export function useLocalRuntime(options?: LocalRuntimeOptions): LocalRuntime {
  return useStarted(() => startLocalRuntime(options));
}
