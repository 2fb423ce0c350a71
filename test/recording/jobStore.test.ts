import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaptureJobStore, MemoryCaptureJobStore, MemoryCaptureQueue, toRecordingRequest, type CaptureJob, type CaptureJobStore } from '../../fulfillment/recording';
import { FakeClock } from '../support/fakeClock';
import { startLocalDynamo, type LocalDynamo } from '../support/localDynamo';
import { FIXTURE_AUDIO, newContactId, openJob } from '../support/recordingJobs';

const TABLE = 'capture-jobs-test';

const opened = (contactId: string): CaptureJob =>
  openJob(contactId, '2026-11-25T12:00:00.000Z', { startTimestampMs: FIXTURE_AUDIO.startTimestampMs });

/** The behaviour every CaptureJobStore adapter must have. */
function storeBehaviour(adapter: string, make: () => CaptureJobStore): void {
  describe(`capture job store (${adapter})`, () => {
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

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await dynamo.createPkTable(TABLE);
});
afterAll(async () => {
  await dynamo.close();
});

storeBehaviour('memory', () => new MemoryCaptureJobStore());
storeBehaviour('DynamoDB', () => new DynamoCaptureJobStore({ client: dynamo.documentClient, tableName: TABLE, clock: new FakeClock() }));

describe('what the capture stage hands on', () => {
  it('maps a closed job to the RecordingRequest of the audio stage', () => {
    // Prepare
    const job: CaptureJob = { ...opened('c-1'), status: 'closed', closedBy: 'caller', stopTimestampMs: FIXTURE_AUDIO.stopTimestampMs };
    // Act
    const request = toRecordingRequest(job);
    // Assess
    expect(request).toEqual({
      contactId: 'c-1',
      streamArn: FIXTURE_AUDIO.streamArn,
      startFragmentNumber: FIXTURE_AUDIO.startFragmentNumber,
      startTimestampMs: FIXTURE_AUDIO.startTimestampMs,
      stopTimestampMs: FIXTURE_AUDIO.stopTimestampMs,
    });
  });

  it('queues ids only, however much the message object carries', async () => {
    // Prepare
    const queue = new MemoryCaptureQueue();
    const message = { contactId: 'c-1', noteId: 'n-1', patientId: 'patient-1' };
    // Act
    await queue.send(message);
    // Assess
    expect(queue.messages).toEqual([{ contactId: 'c-1', noteId: 'n-1' }]);
  });
});
