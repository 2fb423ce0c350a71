import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE_RESULTS } from '../../contract';
import { MemoryNotifier, processTranscript } from '../../fulfillment/filing';
import { LocalVocabularyExtractor, MemoryNoteStore, RED_FLAG_RULES_VERSION } from '../../fulfillment/notes';
import { createCaptureHandler, MemoryCaptureJobStore, MemoryCaptureQueue, type RecordingControlDeps } from '../../fulfillment/recording';
import { logger } from '../../fulfillment/runtime/logger';
import { SessionTokenService } from '../../fulfillment/session';
import { MemoryTaskCreator } from '../../fulfillment/tasks';
import { MemoryLiveTranscriptStore } from '../../fulfillment/transcription/live';
import { LiveMessageTriage } from '../../fulfillment/triage';
import { startLocalRuntime, type LocalRuntime } from '../../sandbox/localRuntime';
import { captureOutput } from '../support/captureOutput';
import { FakeClock } from '../support/fakeClock';
import { FIXTURE_STREAMS, fixture, INSTANCE_ARN, newContactId } from '../support/recordingJobs';

const PATIENT_ID = 'pat-harold-halvorsen';
const URGENT_WORDS = 'I have crushing chest pain and I cannot breathe well';

/** The stop path of the recording-control function with live triage, on memory stores and a fake clock. */
function harness() {
  const clock = new FakeClock();
  const key = randomBytes(32);
  const jobs = new MemoryCaptureJobStore();
  const transcripts = new MemoryLiveTranscriptStore();
  const notifier = new MemoryNotifier();
  const tasks = new MemoryTaskCreator();
  const deps: RecordingControlDeps = {
    sessions: new SessionTokenService({ key, clock }),
    store: jobs,
    queue: new MemoryCaptureQueue(),
    clock,
    connectInstanceArn: INSTANCE_ARN,
    connectStreams: FIXTURE_STREAMS,
    triage: new LiveMessageTriage({ transcripts, jobs, notifier, tasks, clock }),
  };
  const handler = createCaptureHandler(async () => deps);
  const token = (contactId: string) => new SessionTokenService({ key, clock }).issue({ patientId: PATIENT_ID }, { sessionId: contactId });
  const start = async (contactId: string) => handler(fixture('flow-start', { contactId, sessionToken: await token(contactId) }));
  const stop = async (contactId: string) => handler(fixture('flow-stop', { contactId, sessionToken: await token(contactId) }));
  /** What the live transcriber would have written for the contact. */
  const spoke = async (contactId: string, words: string | undefined, end: 'complete' | 'failed' | 'none' = 'complete') => {
    await transcripts.claim(contactId, new Date(clock.now()).toISOString());
    if (words) await transcripts.append(contactId, { index: 0, text: words, startMs: 0, endMs: 3_000 });
    if (end === 'complete') await transcripts.finish(contactId, { outcome: 'complete', at: new Date(clock.now()).toISOString() });
    if (end === 'failed') await transcripts.finish(contactId, { outcome: 'failed', at: new Date(clock.now()).toISOString(), reason: 'TranscribeThrottled' });
  };
  return { clock, jobs, transcripts, notifier, tasks, start, stop, spoke };
}

describe('the decision at # (stop call with live triage)', () => {
  afterAll(() => logger.setLogLevel('INFO'));

  it('answers urgent with the red flag id and the message id, records it on the job, and pages the care team once', async () => {
    // Prepare
    const call = harness();
    const contactId = newContactId();
    await call.start(contactId);
    await call.spoke(contactId, URGENT_WORDS);
    // Act
    const answer = await call.stop(contactId);
    // Assess
    const job = await call.jobs.get(contactId);
    expect(answer).toEqual({ captureResult: CAPTURE_RESULTS.closed, triage: 'urgent', triageFlag: 'chest-pain', messageId: job?.noteId });
    expect(job?.triage).toMatchObject({ triage: 'urgent', flag: 'chest-pain', rulesVersion: RED_FLAG_RULES_VERSION, reason: 'decided' });
    expect(job?.urgentPage).toMatchObject({ notified: true, taskContactId: call.tasks.tasks[0]?.contactId });
    expect(call.notifier.messages).toHaveLength(1);
    expect(call.notifier.messages[0]).toMatchObject({ noteId: job?.noteId, urgent: true, inChart: false });
    expect(call.tasks.tasks.map((task) => [task.attributes.kind, task.attributes.urgency, task.clientToken])).toEqual([['urgent', 'urgent', job?.noteId]]);
  });

  it('answers routine for a clearly denied red flag, and pages no one', async () => {
    // Prepare
    const call = harness();
    const contactId = newContactId();
    await call.start(contactId);
    await call.spoke(contactId, "No chest pain. I'd like my refill, please.");
    // Act
    const answer = await call.stop(contactId);
    // Assess
    expect(answer).toEqual({ captureResult: CAPTURE_RESULTS.closed, triage: 'routine' });
    expect(call.notifier.messages).toHaveLength(0);
    expect(call.tasks.tasks).toHaveLength(0);
  });

  it.each([
    ['no live transcript (the transcriber never started or was throttled)', undefined, 'none', 'noLiveTranscript', false],
    ['a failed live transcription', URGENT_WORDS, 'failed', 'liveFailed', true],
    ['a live transcript with no final segment that does not end within 2 s', undefined, 'none', 'late', true],
  ] as const)('answers unknown for %s, within 2 s, and pages no one', async (_case, words, end, reason, claimed) => {
    // Prepare
    const call = harness();
    const contactId = newContactId();
    await call.start(contactId);
    if (claimed) await call.spoke(contactId, words, end);
    const before = call.clock.now();
    // Act
    const answer = await call.stop(contactId);
    // Assess
    expect(answer).toEqual({ captureResult: CAPTURE_RESULTS.closed, triage: 'unknown' });
    expect(call.clock.now() - before).toBeLessThanOrEqual(2_000);
    expect((await call.jobs.get(contactId))?.triage).toMatchObject({ triage: 'unknown', reason });
    expect(call.notifier.messages).toHaveLength(0);
  });

  it('takes the decision that arrives during the wait', async () => {
    // Prepare
    const call = harness();
    const contactId = newContactId();
    await call.start(contactId);
    await call.spoke(contactId, URGENT_WORDS, 'none');
    // The transcriber flushes its last segment 800 ms after the stream ends (the stand-in's default).
    const sleep = call.clock.sleep.bind(call.clock);
    call.clock.sleep = async (ms) => {
      await sleep(ms);
      if (call.clock.slept.reduce((sum, slept) => sum + slept, 0) >= 800) await call.transcripts.finish(contactId, { outcome: 'complete', at: new Date(call.clock.now()).toISOString() });
    };
    // Act
    const answer = await call.stop(contactId);
    // Assess
    expect(answer).toMatchObject({ triage: 'urgent' });
  });

  it('keeps transcript words out of the logs and of the answer', async () => {
    // Prepare
    const call = harness();
    const contactId = newContactId();
    await call.start(contactId);
    await call.spoke(contactId, 'Mrs Thistlewood here, crushing chest pain since breakfast');
    logger.setLogLevel('DEBUG');
    let answer: unknown;
    // Act
    const output = await captureOutput(async () => {
      answer = await call.stop(contactId);
    });
    // Assess
    expect(output).toContain('triage.decided');
    for (const words of ['Thistlewood', 'crushing', 'breakfast', 'chest pain']) {
      expect(output).not.toContain(words);
      expect(JSON.stringify(answer)).not.toContain(words);
    }
  });
});

describe('exactly one page per urgent message', () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('does not page again when the pipeline finds the red flag in the batch transcript', async () => {
    // Prepare: an urgent message paged at #
    const call = harness();
    const contactId = newContactId();
    await call.start(contactId);
    await call.spoke(contactId, URGENT_WORDS);
    await call.stop(contactId);
    const job = await call.jobs.get(contactId);
    const notes = new MemoryNoteStore();
    const pipeline = { extractor: new LocalVocabularyExtractor(), store: notes, chart: runtime.epic, notifier: call.notifier, tasks: call.tasks, organizationDisplay: 'Clinic', clock: call.clock };
    const input = { noteId: job?.noteId ?? '', contactId, patientId: PATIENT_ID, transcript: URGENT_WORDS, ...(job?.urgentPage ? { livePage: job.urgentPage } : {}) };
    // Act: the pipeline runs (twice, as a redelivery would)
    const first = await processTranscript(input, pipeline);
    const again = await processTranscript(input, pipeline);
    // Assess
    expect(first).toMatchObject({ urgent: true, tasked: true, taskContactId: job?.urgentPage?.taskContactId, delivered: true, notified: true });
    expect(again).toMatchObject({ built: false, taskContactId: job?.urgentPage?.taskContactId });
    expect(call.notifier.messages).toHaveLength(1);
    expect(call.tasks.tasks).toHaveLength(1);
    expect((await notes.get(input.noteId))?.note).toMatchObject({ urgent: true, redFlagRulesVersion: RED_FLAG_RULES_VERSION, transcriptSource: 'batch' });
  });

  it('pages from the pipeline as before when the page at # could not be sent', async () => {
    // Prepare
    const call = harness();
    const contactId = newContactId();
    await call.start(contactId);
    await call.spoke(contactId, URGENT_WORDS);
    call.notifier.notify = async () => {
      throw new Error('SNS unavailable');
    };
    await call.stop(contactId);
    const job = await call.jobs.get(contactId);
    const notifier = new MemoryNotifier();
    const pipeline = { extractor: new LocalVocabularyExtractor(), store: new MemoryNoteStore(), chart: runtime.epic, notifier, tasks: call.tasks, organizationDisplay: 'Clinic', clock: call.clock };
    // Act
    await processTranscript({ noteId: job?.noteId ?? '', contactId, patientId: PATIENT_ID, transcript: URGENT_WORDS, ...(job?.urgentPage ? { livePage: job.urgentPage } : {}) }, pipeline);
    // Assess
    expect(job?.urgentPage).toMatchObject({ notified: false });
    expect(notifier.messages).toHaveLength(1);
    expect(call.tasks.tasks).toHaveLength(1);
  });
});
