import { DELIVERY_ATTEMPTS } from '../filing/delivery';
import type { KeptForStaffReason, NoteSummary } from '../notes/store';
import type { FilingState } from './ports';

/** Why a message waits for staff, in plain words for the message page (no patient data). */
export const KEPT_FOR_STAFF_WORDS: Readonly<Record<KeptForStaffReason, string>> = {
  encounterRequired:
    'Epic requires an encounter for a note, and none of the patient’s encounters fits (one under way or finished that started in the 24 hours before the message). Choose the encounter to file it under.',
};

/** Where a message stands with Epic, and why when it is not filed. */
export interface FilingStatus {
  readonly state: FilingState;
  /** Plain words, no patient data: why it is kept for staff, failed, or waiting for a retry. */
  readonly reason?: string;
}

/**
 * The filing state of a stored message, from what the pipeline recorded:
 * - `filed`: a DocumentReference id is recorded (whatever happened before);
 * - `keptForStaff`: the pipeline kept it for staff (`keptForStaff`, e.g. no encounter fits);
 * - `failed`: as many write-backs failed as the pipeline makes ({@link DELIVERY_ATTEMPTS}, the
 *   capture queue's `maxReceiveCount`): nothing retries it any more;
 * - `pending`: otherwise, the pipeline is on it or will retry.
 *
 * @example
 * filingStatus({ ...row, deliveryFailures: 5, delivered: { state: 'failed', at, error: 'FhirUnavailableError' } }).state; // 'failed'
 */
export function filingStatus(row: Pick<NoteSummary, 'documentReferenceId' | 'keptForStaff' | 'delivered' | 'deliveryFailures'>): FilingStatus {
  if (row.documentReferenceId) return { state: 'filed' };
  if (row.keptForStaff) return { state: 'keptForStaff', reason: KEPT_FOR_STAFF_WORDS[row.keptForStaff.reason] };
  const failures = row.deliveryFailures ?? 0;
  const lastError = row.delivered?.state === 'failed' ? row.delivered.error : undefined;
  if (failures >= DELIVERY_ATTEMPTS && lastError) {
    return { state: 'failed', reason: `Filing in Epic failed ${failures} times (last: ${lastError}); the pipeline stopped retrying. Staff must look at it.` };
  }
  if (lastError) return { state: 'pending', reason: `The last attempt to file it in Epic failed (${lastError}); it will be retried.` };
  return { state: 'pending' };
}
