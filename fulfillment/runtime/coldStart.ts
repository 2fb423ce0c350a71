/**
 * The cold-start memo every Lambda entry point shares: `build` runs once per container and its result
 * serves every later invocation; a failed build is forgotten, so the next invocation tries again
 * instead of failing for the container's whole life.
 *
 * @example
 * const load = coldStart(async () => depsFromConfig(await loadConfigFromAws()));
 * const deps = await load();
 */
export function coldStart<T>(build: () => Promise<T>): () => Promise<T> {
  let ready: Promise<T> | undefined;
  return async () => {
    ready ??= build();
    try {
      return await ready;
    } catch (error) {
      ready = undefined;
      throw error;
    }
  };
}
