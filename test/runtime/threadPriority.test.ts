import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from '../../fulfillment/runtime/threadPriority';

/** What the child process reports: threads lowered, nice values before, after lowering and after restoring. */
interface ChildReport {
  readonly lowered: number;
  readonly before: number;
  readonly mainNice: number;
  readonly others: number[];
  readonly restored: number;
  readonly othersRestored: number[];
}

/**
 * Runs `lowerBackgroundThreads` in a fresh Node process (this one's threads are vitest's), reads
 * back every thread's nice value there, then restores them and reads them again.
 */
function runInChild(fromWorker: boolean): ChildReport {
  const module = new URL('../../fulfillment/runtime/threadPriority.ts', import.meta.url).href;
  const workerModule = new URL('../support/threadPriorityWorker.ts', import.meta.url).href;
  // Workers do not inherit tsx's loader: the sandbox's boot file registers it, then imports the entry.
  const boot = new URL('../../sandbox/workerBoot.mjs', import.meta.url).href;
  const code = `
    import { readdirSync } from 'node:fs';
    import { getPriority } from 'node:os';
    import { Worker } from 'node:worker_threads';
    const { lowerBackgroundThreads, restoreThreadPriorities } = await import(${JSON.stringify(module)});
    const before = getPriority(process.pid);
    const threads = ${fromWorker} ? undefined : lowerBackgroundThreads();
    const lowered = threads
      ? threads.size
      : await new Promise((resolve, reject) => {
          const worker = new Worker(new URL(${JSON.stringify(boot)}), { workerData: { entry: ${JSON.stringify(workerModule)} }, execArgv: [] });
          worker.once('message', (count) => { resolve(count); void worker.terminate(); });
          worker.once('error', reject);
        });
    const nices = () => readdirSync('/proc/self/task').filter((id) => Number(id) !== process.pid).flatMap((id) => { try { return [getPriority(Number(id))]; } catch { return []; } });
    const others = nices();
    const mainNice = getPriority(process.pid);
    const restored = threads ? restoreThreadPriorities(threads) : 0;
    process.stdout.write(JSON.stringify({ lowered, before, mainNice, others, restored, othersRestored: nices() }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 30_000 });
  if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ChildReport;
}

describe('lowerBackgroundThreads', () => {
  it('lowers every thread but the main one to the lowest priority, on Linux', () => {
    const result = runInChild(false);
    expect(result.mainNice).toBe(result.before);
    if (process.platform === 'linux') {
      // Node starts V8's platform threads before any script runs.
      expect(result.lowered).toBeGreaterThanOrEqual(2);
      expect(result.others.filter((nice) => nice === BACKGROUND_NICE).length).toBeGreaterThanOrEqual(result.lowered);
    } else {
      expect(result.lowered).toBe(0);
    }
  });

  it('gives the lowered threads their priority back', () => {
    const result = runInChild(false);
    if (process.platform === 'linux' && process.getuid?.() === 0) {
      // Root may raise a priority again; an ordinary user may not, and the threads stay low.
      expect(result.restored).toBe(result.lowered);
      expect(result.othersRestored.every((nice) => nice === result.before)).toBe(true);
    } else if (process.platform === 'linux') {
      expect(result.othersRestored.filter((nice) => nice === BACKGROUND_NICE).length).toBeGreaterThanOrEqual(result.lowered - result.restored);
    } else {
      expect(result.lowered).toBe(0);
    }
  });

  it('changes nothing when called from a worker thread', () => {
    const result = runInChild(true);
    expect(result.lowered).toBe(0);
    expect(result.mainNice).toBe(result.before);
    expect(result.others.every((nice) => nice === result.before)).toBe(true);
  });
});
