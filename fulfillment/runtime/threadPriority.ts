import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
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
 * privilege. Threads started later by this thread keep its priority. Returns the threads lowered,
 * each with the nice value it had (for {@link restoreThreadPriorities}); a thread that ended
 * meanwhile, or refused, is skipped. Called from a worker thread, it changes nothing: the turns are
 * served on the main thread.
 */
export function lowerBackgroundThreads(): ReadonlyMap<number, number> {
  const lowered = new Map<number, number>();
  if (process.platform !== 'linux' || !isMainThread) return lowered;
  let threadIds: string[];
  try {
    threadIds = readdirSync(THREADS);
  } catch {
    return lowered;
  }
  for (const id of threadIds) {
    const threadId = Number(id);
    // The main thread's id is the process id: it serves the turns and keeps its priority.
    if (!Number.isInteger(threadId) || threadId === process.pid) continue;
    try {
      const before = getPriority(threadId);
      setPriority(threadId, BACKGROUND_NICE);
      lowered.set(threadId, before);
    } catch {
      // Ended between the listing and the call, or not ours to change: nothing to lower.
    }
  }
  return lowered;
}

/**
 * Gives threads lowered by {@link lowerBackgroundThreads} their nice values back, where a process
 * that is not a Lambda handler lowered them for a while (the dialog bench, before the other
 * benchmarks run in the same process). Raising a thread's priority again needs `CAP_SYS_NICE` or an
 * `RLIMIT_NICE` that allows it (root has both; an ordinary user usually neither): a refused thread
 * stays low, as does one that ended. Returns how many threads were restored.
 */
export function restoreThreadPriorities(lowered: ReadonlyMap<number, number>): number {
  let restored = 0;
  for (const [threadId, nice] of lowered) {
    try {
      setPriority(threadId, nice);
      restored += 1;
    } catch {
      // Ended since, or not allowed to rise: it stays low.
    }
  }
  return restored;
}
