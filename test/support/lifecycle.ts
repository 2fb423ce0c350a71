import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Something a test file starts once and closes at the end (a server, a runtime): started in
 * `beforeAll`, closed in `afterAll`, and reset after each test when `reset` is given. The returned
 * object stands for the started thing, so tests read `harness.sandbox` as they would with it.
 *
 * @example
 * const harness = useStarted(() => startEpicHarness(), (started) => started.sandbox.setFaults({}));
 */
export function useStarted<T extends { close(): Promise<unknown> | unknown }>(start: () => Promise<T>, reset?: (started: T) => void): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  if (reset) {
    afterEach(() => {
      if (started) reset(started);
    });
  }
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (!started) throw new Error('started in beforeAll: use it inside a test or hook');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
}
