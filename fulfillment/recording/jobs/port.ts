import type { CaptureClose, CaptureJob, CaptureStop, TriageRecord, UrgentPageRecord } from './job';

/** Outcome of {@link CaptureJobStore.open}: whether this call registered the job, and the job as stored. */
export interface OpenResult {
  readonly created: boolean;
  readonly job: CaptureJob;
}

/** Outcome of {@link CaptureJobStore.close}: whether this call closed the job, and the job as stored. */
export interface CloseResult {
  /** True for exactly one close of a job, however many arrive and in whatever order. */
  readonly won: boolean;
  readonly job: CaptureJob;
}

/** Outcome of {@link CaptureJobStore.recordLateStop}: whether this call recorded the stop, and the job as stored. */
export interface LateStopResult {
  readonly recorded: boolean;
  readonly job: CaptureJob;
}

/** What {@link CaptureJobStore.findStale} looks for, and how much of the table one call may read. */
export interface StaleQuery {
  /** ISO 8601 instant: open jobs opened before it are stale. */
  readonly openedBefore: string;
  /** ISO 8601 instant: closed jobs not enqueued and closed before it are stale. */
  readonly closedBefore: string;
  /** At most this many jobs are returned. */
  readonly maxItems: number;
  /** At most this many pages (requests) are read. */
  readonly maxPages: number;
  /** Items one page reads (before filtering). @default 500 */
  readonly pageSize?: number;
}

/** Outcome of {@link CaptureJobStore.findStale}. */
export interface StaleJobs {
  readonly jobs: readonly CaptureJob[];
  /** Pages read. */
  readonly pages: number;
  /** Whether the table holds more than was read (a bound was reached). */
  readonly truncated: boolean;
  /** Matching items that are not capture job items (dropped). */
  readonly unreadable: number;
}

/**
 * Port: the capture jobs, one per contact. Every write is conditional, so concurrent or repeated
 * calls (the flow's stop and the contact's DISCONNECTED event, retries of either) converge.
 */
export interface CaptureJobStore {
  /** Registers `job` unless the contact already has one (one message per call); never overwrites. */
  open(job: CaptureJob): Promise<OpenResult>;
  /** The contact's job, or `undefined`. */
  get(contactId: string): Promise<CaptureJob | undefined>;
  /** Closes the contact's job if it is open; `undefined` when the contact has no job. */
  close(contactId: string, close: CaptureClose): Promise<CloseResult | undefined>;
  /**
   * Records where the audio stops on a job the hang-up closed (`closedBy: 'disconnect'`) with no stop
   * timestamp yet, when the flow's stop arrives after the DISCONNECTED event; any other job is left as
   * it is. `undefined` when the contact has no job.
   */
  recordLateStop(contactId: string, stop: CaptureStop): Promise<LateStopResult | undefined>;
  /** Records that the job was handed to the queue; the first instant recorded stays. */
  markEnqueued(contactId: string, enqueuedAt: string): Promise<void>;
  /** Records the live triage of the message; the first decision recorded stays. */
  recordTriage(contactId: string, triage: TriageRecord): Promise<void>;
  /**
   * Claims the page of an urgent message (a conditional write): true for exactly one claim per job,
   * however many arrive; false when the job was paged (or is being paged) already, or has no job.
   */
  claimUrgentPage(contactId: string, claimedAt: string): Promise<boolean>;
  /** Records what the page sent (notification published, task created) on a claimed page. */
  completeUrgentPage(contactId: string, sent: Omit<UrgentPageRecord, 'claimedAt'>): Promise<void>;
  /**
   * Jobs a lost DISCONNECTED event left behind: open and opened before `openedBefore`, or closed,
   * not enqueued and closed before `closedBefore`; within the query's item and page bounds.
   */
  findStale(query: StaleQuery): Promise<StaleJobs>;
}

/** Contact ids are UUIDs; anything else never reaches a key. */
const CONTACT_ID = /^[A-Za-z0-9-]{1,128}$/;

/** What every adapter checks first. @throws TypeError for a contact id that must not reach a key. */
export function checkContactId(contactId: string): void {
  if (typeof contactId !== 'string' || !CONTACT_ID.test(contactId)) throw new TypeError('A contact id must match [A-Za-z0-9-]{1,128}');
}

/** A copy without `undefined` values: the DocumentClient refuses them, and they would read as set. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
