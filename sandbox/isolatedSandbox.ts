import { Worker } from 'node:worker_threads';
import type { SandboxEndpoints } from './localRuntime';
import type { SandboxOptions, SandboxStats } from './types';

/** The counters an isolated sandbox shares with the main thread, in their slot order. */
export const ISOLATED_COUNTERS = ['tokenRequests', 'tokensIssued', 'fhirRequests'] as const;

/** Messages the main thread sends the worker. */
export type IsolatedSandboxMessage = 'close';

/** Longest wait for the worker's sandbox to start or stop. */
const WORKER_TIMEOUT_MS = 15_000;

/** A sandbox running in its own worker thread: URLs, live counters, close. */
export interface IsolatedSandbox extends SandboxEndpoints {
  readonly baseUrl: string;
  /** Live counters, read from shared memory. */
  readonly stats: Readonly<Pick<SandboxStats, (typeof ISOLATED_COUNTERS)[number]>>;
}

/**
 * Starts the sandbox in a worker thread: its own V8 heap and event loop, as Epic would be another
 * machine. Benchmarks use it so that the sandbox's garbage collection and request handling are not
 * counted as the handler's time; tests use the in-process sandbox, which they can reconfigure.
 *
 * @example
 * const sandbox = await startIsolatedSandbox({ clients, faults: { fhirLatencyMs: 150 } });
 */
export async function startIsolatedSandbox(options: SandboxOptions): Promise<IsolatedSandbox> {
  const counters = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * ISOLATED_COUNTERS.length);
  const shared = new Int32Array(counters);
  const worker = new Worker(new URL('./workerBoot.mjs', import.meta.url), {
    workerData: { entry: new URL('./isolatedSandboxWorker.ts', import.meta.url).href, options, counters },
  });
  const next = <T>(what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`isolated sandbox: no ${what} within ${WORKER_TIMEOUT_MS} ms`)), WORKER_TIMEOUT_MS);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        settle();
      };
      const onMessage = (message: T) => done(() => resolve(message));
      const onError = (error: Error) => done(() => reject(error));
      worker.on('message', onMessage);
      worker.on('error', onError);
    });
  let ready: { baseUrl: string; tokenUrl: string; fhirR4BaseUrl: string };
  try {
    ready = await next('start');
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const stats = Object.defineProperties({} as IsolatedSandbox['stats'], Object.fromEntries(
    ISOLATED_COUNTERS.map((field, index) => [field, { get: () => Atomics.load(shared, index), enumerable: true }]),
  ));
  return {
    baseUrl: ready.baseUrl,
    tokenUrl: ready.tokenUrl,
    fhirR4BaseUrl: ready.fhirR4BaseUrl,
    stats,
    close: async () => {
      const closed = next('close');
      worker.postMessage('close' satisfies IsolatedSandboxMessage);
      try {
        await closed;
      } finally {
        await worker.terminate();
      }
    },
  };
}
