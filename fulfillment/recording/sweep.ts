import { closeAndEnqueue, type RecordingControlDeps } from './control';
import { errorName } from '../runtime/errors';
import { CaptureSweepError } from './errors';

/**
 * The scheduled sweep: EventBridge delivers Amazon Connect contact events best-effort, so a lost
 * DISCONNECTED event would leave a hung-up caller's job open (or a job whose stop hand-off failed
 * closed and not enqueued) until its TTL deletes it. Every few minutes the recording-control function closes
 * and enqueues such jobs with the same idempotent close-and-send as the other two paths.
 */

/** Bounds of one sweep. */
export interface SweepOptions {
  /** An open job older than this is stale: a message lasts at most ~2.5 minutes. @default 600_000 (10 min) */
  readonly openForMs?: number;
  /** A closed job not enqueued for this long is stale (its close path had time to retry). @default 120_000 (2 min) */
  readonly unsentForMs?: number;
  /** Jobs handled per run. @default 25 */
  readonly maxJobs?: number;
  /** Scan pages read per run. @default 10 */
  readonly maxPages?: number;
  /** Stop starting work after this long, well inside the recording-control function's timeout (6 to 8 s). @default 4_000 */
  readonly budgetMs?: number;
}

/** What a sweep did, in counts only (safe to log: no ids, no patient data). */
export interface SweepReport {
  /** Stale jobs found. */
  readonly found: number;
  /** Open jobs this sweep closed. */
  readonly closed: number;
  /** Jobs this sweep sent to the queue. */
  readonly sent: number;
  /** Jobs another path closed and sent meanwhile. */
  readonly alreadySent: number;
  /** Jobs whose close or send failed (the next sweep tries again). */
  readonly failed: number;
  /** Jobs found but left for the next sweep (time budget spent). */
  readonly deferred: number;
  /** Scan pages read. */
  readonly pages: number;
  /** Whether the table holds more than one sweep reads (a bound was reached). */
  readonly truncated: boolean;
  /** Matching items that are not capture jobs. */
  readonly unreadable: number;
}

const MINUTE = 60_000;

/**
 * Closes (`closedBy: 'sweep'`, no stop timestamp: the worker reads to the contact's end, bounded by
 * its maximum message length) and enqueues every stale job, within the run's bounds. A job whose
 * close or send fails is counted and left for the next sweep; the others are still handled.
 *
 * @throws {CaptureSweepError} after handling the others, when a job failed, so the function's error alarm fires
 * @example
 * const report = await sweepStaleJobs(deps); // { found: 1, closed: 1, sent: 1, ... }
 */
export async function sweepStaleJobs(deps: RecordingControlDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const started = deps.clock.now();
  const deadline = started + (options.budgetMs ?? 4_000);
  const stale = await deps.store.findStale({
    openedBefore: new Date(started - (options.openForMs ?? 10 * MINUTE)).toISOString(),
    closedBefore: new Date(started - (options.unsentForMs ?? 2 * MINUTE)).toISOString(),
    maxItems: options.maxJobs ?? 25,
    maxPages: options.maxPages ?? 10,
  });
  const counts = { closed: 0, sent: 0, alreadySent: 0, failed: 0, deferred: 0 };
  const failures = new Set<string>();
  for (const job of stale.jobs) {
    if (deps.clock.now() >= deadline) {
      counts.deferred += 1;
      continue;
    }
    try {
      const handOff = await closeAndEnqueue(job.contactId, { closedBy: 'sweep', closedAt: new Date(deps.clock.now()).toISOString() }, deps);
      if (!handOff) continue; // deleted (TTL) since the scan
      if (handOff.won) counts.closed += 1;
      if (handOff.sent) counts.sent += 1;
      else counts.alreadySent += 1;
    } catch (error) {
      counts.failed += 1;
      failures.add(errorName(error));
    }
  }
  const report: SweepReport = { found: stale.jobs.length, ...counts, pages: stale.pages, truncated: stale.truncated, unreadable: stale.unreadable };
  if (counts.failed > 0) throw new CaptureSweepError(report, [...failures]);
  return report;
}
