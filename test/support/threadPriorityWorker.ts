// A worker thread that calls `lowerBackgroundThreads` and posts back how many threads it lowered (test/runtime/threadPriority.test.ts).
import { parentPort } from 'node:worker_threads';
import { lowerBackgroundThreads } from '../../fulfillment/runtime/threadPriority';

parentPort?.postMessage(lowerBackgroundThreads().size);
