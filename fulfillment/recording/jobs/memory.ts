import { CaptureStoreError } from '../errors';
import type { CaptureClose, CaptureJob, CaptureStop, TriageRecord, UrgentPageRecord } from './job';
import { checkContactId, withoutUndefined, type CaptureJobStore, type CloseResult, type LateStopResult, type OpenResult, type StaleJobs, type StaleQuery } from './port';

/**
 * Local-mode adapter: an in-process map (one process, lost on exit).
 *
 * @example
 * const store = new MemoryCaptureJobStore();
 */
export class MemoryCaptureJobStore implements CaptureJobStore {
  readonly #jobs = new Map<string, CaptureJob>();

  public async open(job: CaptureJob): Promise<OpenResult> {
    checkContactId(job.contactId);
    const existing = this.#jobs.get(job.contactId);
    if (existing) return { created: false, job: structuredClone(existing) };
    this.#jobs.set(job.contactId, structuredClone(job));
    return { created: true, job: structuredClone(job) };
  }

  public async get(contactId: string): Promise<CaptureJob | undefined> {
    checkContactId(contactId);
    const job = this.#jobs.get(contactId);
    return job ? structuredClone(job) : undefined;
  }

  public async close(contactId: string, close: CaptureClose): Promise<CloseResult | undefined> {
    checkContactId(contactId);
    const job = this.#jobs.get(contactId);
    if (!job) return undefined;
    if (job.status !== 'open') return { won: false, job: structuredClone(job) };
    const closed: CaptureJob = { ...job, ...withoutUndefined(close), status: 'closed' };
    this.#jobs.set(contactId, closed);
    return { won: true, job: structuredClone(closed) };
  }

  public async recordLateStop(contactId: string, stop: CaptureStop): Promise<LateStopResult | undefined> {
    checkContactId(contactId);
    const job = this.#jobs.get(contactId);
    if (!job) return undefined;
    if (job.status !== 'closed' || job.closedBy !== 'disconnect' || job.stopTimestampMs !== undefined) return { recorded: false, job: structuredClone(job) };
    const stopped: CaptureJob = { ...job, ...withoutUndefined(stop) };
    this.#jobs.set(contactId, stopped);
    return { recorded: true, job: structuredClone(stopped) };
  }

  public async markEnqueued(contactId: string, enqueuedAt: string): Promise<void> {
    checkContactId(contactId);
    const job = this.#jobs.get(contactId);
    if (!job) throw new CaptureStoreError(`No capture job of contact ${contactId} to mark enqueued`);
    if (!job.enqueuedAt) this.#jobs.set(contactId, { ...job, enqueuedAt });
  }

  public async recordTriage(contactId: string, triage: TriageRecord): Promise<void> {
    checkContactId(contactId);
    const job = this.#jobs.get(contactId);
    if (!job) throw new CaptureStoreError(`No capture job of contact ${contactId} to record a triage on`);
    if (!job.triage) this.#jobs.set(contactId, { ...job, triage: structuredClone(triage) });
  }

  public async claimUrgentPage(contactId: string, claimedAt: string): Promise<boolean> {
    checkContactId(contactId);
    const job = this.#jobs.get(contactId);
    if (!job || job.urgentPage) return false;
    this.#jobs.set(contactId, { ...job, urgentPage: { claimedAt } });
    return true;
  }

  public async completeUrgentPage(contactId: string, sent: Omit<UrgentPageRecord, 'claimedAt'>): Promise<void> {
    checkContactId(contactId);
    const job = this.#jobs.get(contactId);
    if (!job?.urgentPage) throw new CaptureStoreError(`No claimed page of contact ${contactId} to complete`);
    this.#jobs.set(contactId, { ...job, urgentPage: { ...job.urgentPage, ...withoutUndefined(sent) } });
  }

  public async findStale(query: StaleQuery): Promise<StaleJobs> {
    const stale = [...this.#jobs.values()].filter((job) => isStale(job, query));
    return { jobs: stale.slice(0, query.maxItems).map((job) => structuredClone(job)), pages: 1, truncated: stale.length > query.maxItems, unreadable: 0 };
  }
}

/** The memory adapter's copy of the DynamoDB adapter's Scan filter expression. */
function isStale(job: CaptureJob, query: StaleQuery): boolean {
  if (job.status === 'open') return job.openedAt < query.openedBefore;
  return job.enqueuedAt === undefined && job.closedAt !== undefined && job.closedAt < query.closedBefore;
}
