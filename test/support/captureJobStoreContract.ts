import { describe, expect, it } from 'vitest';
import type { CaptureJob, CaptureJobStore } from '../../fulfillment/recording';
import { FIXTURE_AUDIO, newContactId, openJob } from './recordingJobs';

/** A job opened at the fixtures' instant, for `contactId`. */
const opened = (contactId: string): CaptureJob => openJob(contactId, '2026-11-25T12:00:00.000Z', { startTimestampMs: FIXTURE_AUDIO.startTimestampMs });

/**
 * The behaviour every {@link CaptureJobStore} adapter must have, as one suite; `make` builds a store
 * (called inside each test, so it may use what a `beforeAll` started).
 */
export function runCaptureJobStoreContract(adapter: string, make: () => CaptureJobStore): void {
  describe(`capture job store (${adapter})`, () => {
    it('keeps the first live triage recorded on a job', async () => {
      // Prepare
      const store = make();
      const job = opened(newContactId());
      await store.open(job);
      const first = { triage: 'urgent', flag: 'chest-pain', rulesVersion: '2026.12.1', decidedAt: '2026-11-25T12:02:00.500Z', reason: 'decided' } as const;
      // Act
      await store.recordTriage(job.contactId, first);
      await store.recordTriage(job.contactId, { triage: 'routine', rulesVersion: '2026.12.1', decidedAt: '2026-11-25T12:03:00.000Z', reason: 'decided' });
      // Assess
      expect((await store.get(job.contactId))?.triage).toEqual(first);
    });

    it('lets exactly one claim of an urgent page win, and records what it sent', async () => {
      // Prepare
      const store = make();
      const job = opened(newContactId());
      await store.open(job);
      // Act
      const claims = await Promise.all([store.claimUrgentPage(job.contactId, '2026-11-25T12:02:01.000Z'), store.claimUrgentPage(job.contactId, '2026-11-25T12:02:01.001Z')]);
      await store.completeUrgentPage(job.contactId, { notified: true, taskContactId: 'task-1' });
      const noJob = await store.claimUrgentPage(newContactId(), '2026-11-25T12:02:01.000Z');
      // Assess
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(noJob).toBe(false);
      expect((await store.get(job.contactId))?.urgentPage).toMatchObject({ notified: true, taskContactId: 'task-1' });
    });

    it('registers a job once and never overwrites it', async () => {
      // Prepare
      const store = make();
      const job = opened(newContactId());
      // Act
      const first = await store.open(job);
      const second = await store.open({ ...job, noteId: 'another-note' });
      // Assess
      expect(first).toEqual({ created: true, job });
      expect(second).toEqual({ created: false, job });
    });

    it('lets exactly one of two closes win, in either order, keeping the winner’s details', async () => {
      // Prepare
      const store = make();
      const job = opened(newContactId());
      await store.open(job);
      // Act
      const byDisconnect = await store.close(job.contactId, { closedBy: 'disconnect', closedAt: '2026-11-25T12:02:00.000Z' });
      const byCaller = await store.close(job.contactId, { closedBy: 'caller', closedAt: '2026-11-25T12:02:01.000Z', stopTimestampMs: 5, stopFragmentNumber: '9' });
      // Assess
      expect(byDisconnect).toEqual({ won: true, job: { ...job, status: 'closed', closedBy: 'disconnect', closedAt: '2026-11-25T12:02:00.000Z' } });
      expect(byCaller).toEqual({ won: false, job: byDisconnect?.job });
    });

    it('answers undefined when closing a contact without a job', async () => {
      // Act
      const closed = await make().close(newContactId(), { closedBy: 'disconnect', closedAt: '2026-11-25T12:02:00.000Z' });
      // Assess
      expect(closed).toBeUndefined();
    });

    it('records a late stop once, on a job the hang-up closed without one, and on no other job', async () => {
      // Prepare
      const store = make();
      const [hungUp, stopped, open] = [opened(newContactId()), opened(newContactId()), opened(newContactId())];
      for (const job of [hungUp, stopped, open]) await store.open(job);
      await store.close(hungUp.contactId, { closedBy: 'disconnect', closedAt: '2026-11-25T12:02:00.000Z' });
      await store.close(stopped.contactId, { closedBy: 'caller', closedAt: '2026-11-25T12:02:00.000Z', stopTimestampMs: 7 });
      // Act
      const first = await store.recordLateStop(hungUp.contactId, { stopTimestampMs: 5, stopFragmentNumber: '9' });
      const second = await store.recordLateStop(hungUp.contactId, { stopTimestampMs: 6 });
      const onStopped = await store.recordLateStop(stopped.contactId, { stopTimestampMs: 8 });
      const onOpen = await store.recordLateStop(open.contactId, { stopTimestampMs: 8 });
      const onNone = await store.recordLateStop(newContactId(), { stopTimestampMs: 8 });
      // Assess
      const recorded = { ...hungUp, status: 'closed', closedBy: 'disconnect', closedAt: '2026-11-25T12:02:00.000Z', stopTimestampMs: 5, stopFragmentNumber: '9' };
      expect(first).toEqual({ recorded: true, job: recorded });
      expect(second).toEqual({ recorded: false, job: recorded });
      expect(onStopped).toMatchObject({ recorded: false, job: { stopTimestampMs: 7 } });
      expect(onOpen).toMatchObject({ recorded: false, job: { status: 'open' } });
      expect(await store.get(open.contactId)).not.toHaveProperty('stopTimestampMs');
      expect(onNone).toBeUndefined();
    });

    it('keeps the first enqueuedAt recorded', async () => {
      // Prepare
      const store = make();
      const job = opened(newContactId());
      await store.open(job);
      await store.close(job.contactId, { closedBy: 'caller', closedAt: '2026-11-25T12:02:00.000Z' });
      // Act
      await store.markEnqueued(job.contactId, '2026-11-25T12:02:01.000Z');
      await store.markEnqueued(job.contactId, '2026-11-25T12:09:00.000Z');
      // Assess
      expect(await store.get(job.contactId)).toMatchObject({ enqueuedAt: '2026-11-25T12:02:01.000Z' });
    });
  });
}
