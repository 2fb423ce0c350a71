import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from '../../fulfillment/runtime/threadPriority';

/**
 * Runs `lowerBackgroundThreads` in a fresh Node process (this one's threads are vitest's) and reads
 * back every thread's nice value there.
 */
function runInChild(fromWorker: boolean): { lowered: number; mainNice: number; others: number[]; before: number } {
  const module = new URL('../../fulfillment/runtime/threadPriority.ts', import.meta.url).href;
  const workerModule = new URL('../support/threadPriorityWorker.ts', import.meta.url).href;
  // Workers do not inherit tsx's loader: the sandbox's boot file registers it, then imports the entry.
  const boot = new URL('../../sandbox/workerBoot.mjs', import.meta.url).href;
  const code = `
    import { readdirSync } from 'node:fs';
    import { getPriority } from 'node:os';
    import { Worker } from 'node:worker_threads';
    const { lowerBackgroundThreads } = await import(${JSON.stringify(module)});
    const before = getPriority(process.pid);
    const lowered = ${fromWorker}
      ? await new Promise((resolve, reject) => {
          const worker = new Worker(new URL(${JSON.stringify(boot)}), { workerData: { entry: ${JSON.stringify(workerModule)} }, execArgv: [] });
          worker.once('message', (count) => { resolve(count); void worker.terminate(); });
          worker.once('error', reject);
        })
      : lowerBackgroundThreads();
    const others = readdirSync('/proc/self/task').filter((id) => Number(id) !== process.pid).flatMap((id) => { try { return [getPriority(Number(id))]; } catch { return []; } });
    process.stdout.write(JSON.stringify({ lowered, mainNice: getPriority(process.pid), others, before }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 30_000 });
  if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { lowered: number; mainNice: number; others: number[]; before: number };
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

  it('changes nothing when called from a worker thread', () => {
    const result = runInChild(true);
    expect(result.lowered).toBe(0);
    expect(result.mainNice).toBe(result.before);
    expect(result.others.every((nice) => nice === result.before)).toBe(true);
  });
});
