import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';

/** The nice value given to the process's other threads: the lowest priority Linux has. */
export const BACKGROUND_NICE = 19;

/** Where Linux lists the process's threads, one directory per thread id. */
const THREADS = '/proc/self/task';

/**
 * Lowers every other thread of the process, as it stands, to {@link BACKGROUND_NICE}, so the
 * thread serving the caller's turn (the calling thread, Node's main thread) is not kept waiting
 * for a CPU behind V8's background work (optimizing compiles, concurrent marking) or libuv's pool.
 *
 * Why: measured in the dialog bench (README, "Tests and benchmarks in Spanish"), every turn slower
 * than 2 ms spent most of its time runnable but not running while one of V8's platform threads ran
 * on its CPU. A Lambda environment is frozen between invocations, so background work a turn starts
 * resumes in the next turn, on one or two vCPUs. Background threads still run whenever the turn's
 * thread does not need the CPU (between turns and while Epic answers).
 *
 * Linux only (threads are tasks there, and `setpriority` on a thread id changes that thread alone);
 * elsewhere, or where `/proc` is not readable, nothing changes. Raising a nice value needs no
 * privilege. Threads started later by this thread keep its priority. Returns how many threads were
 * lowered; a thread that ended meanwhile, or refused, is skipped. Called from a worker thread, it
 * changes nothing: the turns are served on the main thread.
 */
export function lowerBackgroundThreads(): number {
  if (process.platform !== 'linux' || !isMainThread) return 0;
  let threadIds: string[];
  try {
    threadIds = readdirSync(THREADS);
  } catch {
    return 0;
  }
  let lowered = 0;
  for (const id of threadIds) {
    const threadId = Number(id);
    // The main thread's id is the process id: it serves the turns and keeps its priority.
    if (!Number.isInteger(threadId) || threadId === process.pid) continue;
    try {
      setPriority(threadId, BACKGROUND_NICE);
      lowered += 1;
    } catch {
      // Ended between the listing and the call, or not ours to change: nothing to lower.
    }
  }
  return lowered;
}
