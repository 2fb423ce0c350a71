import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CaptureSweepError,
  createCaptureHandler,
  DynamoCaptureJobStore,
  MemoryCaptureJobStore,
  parseCaptureEvent,
  SqsCaptureQueue,
  sweepStaleJobs,
  type RecordingControlDeps,
  type CaptureJob,
  type CaptureJobStore,
} from '../../fulfillment/recording';
import { logger } from '../../fulfillment/runtime/logger';
import { SessionTokenService } from '../../fulfillment/session';
import { captureOutput } from '../support/captureOutput';
import { FakeClock } from '../support/fakeClock';
import { startLocalDynamo, type LocalDynamo } from '../support/localDynamo';
import { FIXTURE_AUDIO, INSTANCE_ARN, newContactId, openJob } from '../support/recordingJobs';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/clinic-ivr-capture';
const MINUTE = 60_000;

/** An EventBridge schedule's event, as EventBridge delivers it (`detail` is empty). */
const SCHEDULED_EVENT = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '111122223333',
  time: '2026-11-25T12:30:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:111122223333:rule/ClinicIvr-SymptomCaptureSweep'],
  detail: {},
};

const sqs = mockClient(SQSClient);

describe('capture sweep', () => {
  let dynamo: LocalDynamo;
  let tables = 0;
  let clock: FakeClock;
  let deps: RecordingControlDeps;

  const iso = (ms: number): string => new Date(ms).toISOString();

  /** A job as the flow's start registered it, `ageMs` ago, with `extra` on top. */
  const job = (ageMs: number, extra: Partial<CaptureJob> = {}): CaptureJob => openJob(newContactId(), iso(clock.now() - ageMs), extra);

  const sentContactIds = (): string[] =>
    sqs.commandCalls(SendMessageCommand).map((call) => (JSON.parse(String(call.args[0].input.MessageBody)) as { contactId: string }).contactId);

  beforeAll(async () => {
    dynamo = await startLocalDynamo();
  });

  afterAll(async () => {
    sqs.restore();
    logger.setLogLevel('INFO');
    await dynamo.close();
  });

  beforeEach(async () => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
    clock = new FakeClock();
    // A table of its own per test: the sweep scans the whole table.
    const tableName = `symptom-notes-sweep-${(tables += 1)}`;
    await dynamo.createPkTable(tableName);
    deps = {
      sessions: new SessionTokenService({ key: new Uint8Array(32), clock }),
      store: new DynamoCaptureJobStore({ client: dynamo.documentClient, tableName, clock }),
      queue: new SqsCaptureQueue({ client: new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }), queueUrl: QUEUE_URL }),
      clock,
      connectInstanceArn: INSTANCE_ARN,
      connectStreams: undefined,
    };
  });

  it('parses an EventBridge Scheduled Event as a sweep', () => {
    // Act
    const parsed = parseCaptureEvent(SCHEDULED_EVENT);
    // Assess
    expect(parsed).toEqual({ ok: true, event: { kind: 'sweep' } });
    expect(parseCaptureEvent({ ...SCHEDULED_EVENT, source: 'com.example' })).toMatchObject({ ok: false, looksLike: 'scheduledEvent' });
  });

  it('closes an open job older than 10 minutes with no stop timestamp and sends it once', async () => {
    // Prepare
    const stale = job(11 * MINUTE);
    await deps.store.open(stale);
    // Act
    const report = await sweepStaleJobs(deps);
    // Assess
    expect(report).toMatchObject({ found: 1, closed: 1, sent: 1, alreadySent: 0, failed: 0, truncated: false });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ contactId: stale.contactId, noteId: stale.noteId }) });
    const stored = await deps.store.get(stale.contactId);
    expect(stored).toMatchObject({ status: 'closed', closedBy: 'sweep', closedAt: iso(clock.now()), enqueuedAt: iso(clock.now()) });
    expect(stored).not.toHaveProperty('stopTimestampMs');
  });

  it('leaves a job opened less than 10 minutes ago alone (the caller may still be speaking)', async () => {
    // Prepare
    const fresh = job(9 * MINUTE);
    await deps.store.open(fresh);
    // Act
    const report = await sweepStaleJobs(deps);
    // Assess
    expect(report).toMatchObject({ found: 0, closed: 0, sent: 0 });
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    expect(await deps.store.get(fresh.contactId)).toEqual(fresh);
  });

  it('sends a job closed more than 2 minutes ago whose send failed, keeping who closed it', async () => {
    // Prepare
    const unsent = job(5 * MINUTE);
    await deps.store.open(unsent);
    await deps.store.close(unsent.contactId, { closedBy: 'caller', closedAt: iso(clock.now() - 3 * MINUTE), stopTimestampMs: FIXTURE_AUDIO.stopTimestampMs });
    const justClosed = job(5 * MINUTE);
    await deps.store.open(justClosed);
    await deps.store.close(justClosed.contactId, { closedBy: 'caller', closedAt: iso(clock.now() - MINUTE) });
    // Act
    const report = await sweepStaleJobs(deps);
    // Assess
    expect(report).toMatchObject({ found: 1, closed: 0, sent: 1 });
    expect(sentContactIds()).toEqual([unsent.contactId]);
    expect(await deps.store.get(unsent.contactId)).toMatchObject({
      closedBy: 'caller',
      stopTimestampMs: FIXTURE_AUDIO.stopTimestampMs,
      enqueuedAt: iso(clock.now()),
    });
  });

  it('never resends a job already enqueued, and a second sweep sends nothing new', async () => {
    // Prepare
    const enqueued = job(30 * MINUTE);
    await deps.store.open(enqueued);
    await deps.store.close(enqueued.contactId, { closedBy: 'disconnect', closedAt: iso(clock.now() - 20 * MINUTE) });
    await deps.store.markEnqueued(enqueued.contactId, iso(clock.now() - 20 * MINUTE));
    const stale = job(15 * MINUTE);
    await deps.store.open(stale);
    // Act
    const first = await sweepStaleJobs(deps);
    clock.advance(5 * MINUTE);
    const second = await sweepStaleJobs(deps);
    // Assess
    expect(first).toMatchObject({ found: 1, sent: 1 });
    expect(second).toMatchObject({ found: 0, closed: 0, sent: 0 });
    expect(sentContactIds()).toEqual([stale.contactId]);
  });

  it('ignores the notes beside the jobs in the table', async () => {
    // Prepare
    const tableName = `symptom-notes-sweep-${tables}`;
    await dynamo.documentClient.send(new PutCommand({ TableName: tableName, Item: { pk: 'note#n-1', status: 'open', openedAt: iso(0) } }));
    // Act
    const report = await sweepStaleJobs(deps);
    // Assess
    expect(report).toMatchObject({ found: 0, unreadable: 0 });
  });

  it('handles at most maxJobs per run, reading a bounded number of pages, and says the rest waits', async () => {
    // Prepare
    for (let i = 0; i < 4; i += 1) await deps.store.open(job(20 * MINUTE));
    // Act
    const first = await sweepStaleJobs(deps, { maxJobs: 3 });
    const second = await sweepStaleJobs(deps, { maxJobs: 3 });
    // Assess
    expect(first).toMatchObject({ found: 3, sent: 3, truncated: true });
    expect(second).toMatchObject({ found: 1, sent: 1, truncated: false });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 4);
  });

  it('leaves the jobs it has no time for to the next sweep', async () => {
    // Prepare
    await deps.store.open(job(20 * MINUTE));
    // Act
    const report = await sweepStaleJobs(deps, { budgetMs: 0 });
    // Assess
    expect(report).toMatchObject({ found: 1, deferred: 1, sent: 0 });
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('stops after maxPages pages of the Scan', async () => {
    // Prepare
    for (let i = 0; i < 3; i += 1) await deps.store.open(job(20 * MINUTE));
    // Act
    const stale = await deps.store.findStale({ openedBefore: iso(clock.now()), closedBefore: iso(clock.now()), maxItems: 10, maxPages: 2, pageSize: 1 });
    // Assess
    expect(stale).toMatchObject({ pages: 2, truncated: true });
    expect(stale.jobs.length).toBeLessThanOrEqual(2);
  });

  it('handles the other jobs when one send fails, then throws so the error alarm fires; the next sweep sends it', async () => {
    // Prepare
    const a = job(20 * MINUTE);
    const b = job(20 * MINUTE);
    await deps.store.open(a);
    await deps.store.open(b);
    sqs.on(SendMessageCommand).rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' })).resolves({ MessageId: 'm' });
    // Act
    const failed = sweepStaleJobs(deps);
    // Assess
    await expect(failed).rejects.toBeInstanceOf(CaptureSweepError);
    await expect(failed).rejects.toMatchObject({ report: { found: 2, sent: 1, failed: 1 } });
    clock.advance(5 * MINUTE);
    const retried = await sweepStaleJobs(deps);
    expect(retried).toMatchObject({ found: 1, sent: 1, failed: 0 });
    expect(await deps.store.get(a.contactId)).toMatchObject({ enqueuedAt: expect.any(String) });
    expect(await deps.store.get(b.contactId)).toMatchObject({ enqueuedAt: expect.any(String) });
  });

  it('runs from the scheduled event through the handler, logging counts only', async () => {
    // Prepare
    const stale = job(11 * MINUTE);
    await deps.store.open(stale);
    const handler = createCaptureHandler(async () => deps);
    let response: unknown = 'not called';
    // Act
    const output = await captureOutput(async () => {
      response = await handler(SCHEDULED_EVENT);
    });
    // Assess
    expect(response).toBeUndefined();
    expect(sentContactIds()).toEqual([stale.contactId]);
    expect(output).toContain('capture.sweep');
    expect(output).not.toContain(stale.contactId);
    expect(output).not.toContain('patient-1');
  });

  describe('memory store', () => {
    it('finds the same stale jobs as the Scan', async () => {
      // Prepare
      const store: CaptureJobStore = new MemoryCaptureJobStore();
      const memoryDeps = { ...deps, store };
      const stale = job(11 * MINUTE);
      const fresh = job(MINUTE);
      await store.open(stale);
      await store.open(fresh);
      // Act
      const first = await sweepStaleJobs(memoryDeps);
      const second = await sweepStaleJobs(memoryDeps);
      // Assess
      expect(first).toMatchObject({ found: 1, closed: 1, sent: 1 });
      expect(second).toMatchObject({ found: 0 });
      expect(await store.get(fresh.contactId)).toEqual(fresh);
      expect(await store.get(stale.contactId)).toMatchObject({ closedBy: 'sweep', enqueuedAt: expect.any(String) });
    });
  });
});
