/**
 * Where a message stands with Epic, as the inbox derives it from what the pipeline recorded, and the
 * small rules beside it: the review comment and the encounter labels.
 */
import { describe, expect, it } from 'vitest';
import { DELIVERY_ATTEMPTS, TASK_ATTEMPTS } from '../../fulfillment/filing';
import { encounterChoices } from '../../fulfillment/inbox/encounterChoices';
import { filingStatus } from '../../fulfillment/inbox/filingState';
import { reviewComment } from '../../fulfillment/inbox/reviewComment';
import { taskStatus } from '../../fulfillment/inbox/taskState';

const at = '2026-02-10T15:00:00.000Z';

describe('filing state', () => {
  it('is filed once a DocumentReference id is recorded, whatever failed before', () => {
    expect(filingStatus({ documentReferenceId: 'doc-1', deliveryFailures: 7, delivered: { state: 'done', at } })).toEqual({ state: 'filed' });
    expect(filingStatus({ documentReferenceId: 'doc-1', keptForStaff: { reason: 'encounterRequired', at } }).state).toBe('filed');
  });

  it('is kept for staff when the pipeline kept it, with the reason in plain words, even after later failures', () => {
    // Act
    const status = filingStatus({ keptForStaff: { reason: 'encounterRequired', at }, deliveryFailures: DELIVERY_ATTEMPTS, delivered: { state: 'failed', at, error: 'FhirUnavailableError' } });
    // Assess
    expect(status).toEqual({ state: 'keptForStaff', reason: expect.stringContaining('Epic requires an encounter') });
  });

  it('is failed once as many write-backs failed as the pipeline makes, and pending before', () => {
    // Prepare
    const failedOnce = (failures: number) => ({ deliveryFailures: failures, delivered: { state: 'failed' as const, at, error: 'FhirUnavailableError' } });
    // Act
    const spent = filingStatus(failedOnce(DELIVERY_ATTEMPTS));
    const retrying = filingStatus(failedOnce(DELIVERY_ATTEMPTS - 1));
    // Assess
    expect(spent).toEqual({ state: 'failed', reason: `Filing in Epic failed ${DELIVERY_ATTEMPTS} times (last: FhirUnavailableError); the pipeline stopped retrying. Staff must look at it.` });
    expect(retrying).toEqual({ state: 'pending', reason: expect.stringContaining('will be retried') });
    expect(filingStatus({})).toEqual({ state: 'pending' });
  });
});

describe('task state', () => {
  it('is created once a task contact id is recorded, whatever failed before', () => {
    expect(taskStatus({ taskContactId: 'task-1', taskFailures: 3, steps: { tasked: { state: 'done', at } } })).toEqual({ state: 'created', contactId: 'task-1' });
  });

  it('is "no task" once as many attempts failed as the pipeline makes, and pending before', () => {
    // Prepare
    const failed = (failures: number) => ({ taskFailures: failures, steps: { tasked: { state: 'failed' as const, at, error: 'TaskThrottledError:ThrottlingException' } } });
    // Act
    const spent = taskStatus(failed(TASK_ATTEMPTS));
    const retrying = taskStatus(failed(TASK_ATTEMPTS - 1));
    // Assess
    expect(spent).toEqual({ state: 'none', reason: expect.stringContaining(`failed ${TASK_ATTEMPTS} times`) });
    expect(retrying).toEqual({ state: 'pending', reason: expect.stringContaining('will be retried') });
    expect(taskStatus({ steps: {} })).toEqual({ state: 'pending' });
  });
});

describe('review comment', () => {
  it('is stored as trimmed plain text with line feeds, without control characters; blank is none', () => {
    expect(reviewComment('  Called back.\r\nAll fine.\u0000  ')).toBe('Called back.\nAll fine.');
    expect(reviewComment('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(reviewComment(' \n\t ')).toBeUndefined();
    expect(reviewComment(undefined)).toBeUndefined();
  });
});

describe('encounter choices', () => {
  it('offers only visits that happened or are happening, labelled in the clinic’s time zone', () => {
    // Act
    const choices = encounterChoices(
      [
        { id: 'enc-phone', status: 'in-progress', start: '2026-02-10T15:00:00.000Z', type: 'Telephone', class: 'virtual' },
        { id: 'enc-planned', status: 'planned', start: '2026-03-01T15:00:00.000Z', type: 'Office Visit' },
        { id: 'enc-cancelled', status: 'cancelled', start: '2026-02-01T15:00:00.000Z' },
        { id: 'enc-visit', status: 'finished', start: '2026-02-03T14:00:00-06:00', class: 'ambulatory' },
      ],
      'America/Chicago',
    );
    // Assess
    expect(choices.map((choice) => choice.id)).toEqual(['enc-phone', 'enc-visit']);
    expect(choices[0]?.label.replace(/\u202f/g, ' ')).toBe('Telephone, Feb 10, 2026, 9:00 AM (in progress)');
    expect(choices[1]?.label.replace(/\u202f/g, ' ')).toBe('Ambulatory, Feb 3, 2026, 2:00 PM');
  });
});
