/**
 * Worker-thread side of {@link startIsolatedSandbox}: runs the sandbox and mirrors its request
 * counters into shared memory, so the main thread reads them synchronously.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startSandbox, type SandboxOptions } from './server';
import { ISOLATED_COUNTERS, type IsolatedSandboxMessage } from './isolatedSandbox';

const { options, counters } = workerData as { options: SandboxOptions; counters: SharedArrayBuffer };
const shared = new Int32Array(counters);
const port = parentPort;
if (!port) throw new Error('isolatedSandboxWorker runs only as a worker thread');

const sandbox = await startSandbox(options);
ISOLATED_COUNTERS.forEach((field, index) => {
  Atomics.store(shared, index, sandbox.stats[field]);
  // The server updates these fields on this very object (`stats.fhirRequests += 1`).
  Object.defineProperty(sandbox.stats, field, {
    get: () => Atomics.load(shared, index),
    set: (value: number) => Atomics.store(shared, index, value),
    enumerable: true,
  });
});
port.on('message', (message: IsolatedSandboxMessage) => {
  if (message === 'close') void sandbox.close().then(() => port.postMessage({ kind: 'closed' }));
});
port.postMessage({ kind: 'ready', baseUrl: sandbox.baseUrl, tokenUrl: sandbox.tokenUrl, fhirR4BaseUrl: sandbox.fhirR4BaseUrl });
