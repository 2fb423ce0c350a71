import { randomBytes, randomUUID } from 'node:crypto';
import { MemoryNotifier } from '../fulfillment/filing';
import { createCaptureHandler, MemoryCaptureJobStore, MemoryCaptureQueue } from '../fulfillment/recording';
import { systemClock } from '../fulfillment/runtime/clock';
import { logger } from '../fulfillment/runtime/logger';
import { SessionTokenService } from '../fulfillment/session';
import { MemoryTaskCreator } from '../fulfillment/tasks';
import { DEFAULT_LIVE_LIMITS, MemoryLiveTranscriptStore } from '../fulfillment/transcription/live';
import { LiveMessageTriage } from '../fulfillment/triage';
import { DEFAULT_LIVE_FINALIZATION_DELAY_MS, LocalLiveTranscriber } from '../sandbox/liveTranscriber';
import { LOCAL_STREAM_ARN } from '../sandbox/simulator/connect';
import { percentile, round, type Figure } from './stats';

/** Calls measured, and how many at once (a busy clinic's concurrent messages). */
const CALLS = 40;
const CONCURRENT = 10;
/** Simulated latency of SNS Publish and of Connect StartTaskContact (they run in parallel). */
const PAGE_LATENCY_MS = 120;
const MESSAGE = 'I have crushing chest pain since this morning. It is hard to breathe and I feel dizzy.';

/**
 * Live triage at `#`, local: the real recording-control handler with the real live triage, the
 * live transcriber stand-in at its default 800 ms finalization delay, memory stores, and SNS and
 * Connect stand-ins that answer after {@link PAGE_LATENCY_MS}. Each call: start, the caller's words,
 * then streaming stops and the stop call is made at the same instant (as the flow does). Figures:
 * stop call to triage decision (recorded on the job), and stop call to the care-team page (SNS publish done);
 * and once more with the transcript ended 3 s after the stream, as the live transcriber in AWS ends it
 * (its idle bound), where the stop call decides on the quiet final segments.
 */
export async function runTriageBench(): Promise<Figure[]> {
  logger.setLogLevel('CRITICAL');
  const key = randomBytes(32);
  const sessions = new SessionTokenService({ key, clock: systemClock });
  const jobs = new MemoryCaptureJobStore();
  const transcripts = new MemoryLiveTranscriptStore();
  const paged = new Map<string, number>();
  const notifier = new MemoryNotifier();
  const publish = notifier.notify.bind(notifier);
  notifier.notify = async (notification) => {
    await systemClock.sleep(PAGE_LATENCY_MS);
    await publish(notification);
    paged.set(notification.noteId, performance.now());
  };
  const tasks = new MemoryTaskCreator();
  const create = tasks.create.bind(tasks);
  tasks.create = async (task) => {
    await systemClock.sleep(PAGE_LATENCY_MS);
    return create(task);
  };
  /** One round of {@link CALLS} calls with the stand-in ending its transcripts `finalizationDelayMs` after the stream. */
  const measure = async (finalizationDelayMs: number): Promise<{ decisionMs: number[]; pageMs: number[] }> => {
    const live = new LocalLiveTranscriber({ store: transcripts, clock: systemClock, finalizationDelayMs });
    const handler = createCaptureHandler(async () => ({
      sessions,
      store: jobs,
      queue: new MemoryCaptureQueue(),
      clock: systemClock,
      connectInstanceArn: undefined,
      connectStreams: undefined,
      triage: new LiveMessageTriage({ transcripts, jobs, notifier, tasks, clock: systemClock }),
    }));
    const event = (contactId: string, action: string, sessionToken: string, stopped: boolean) => ({
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: {
          Attributes: {},
          Channel: 'VOICE',
          ContactId: contactId,
          InitialContactId: contactId,
          InitiationMethod: 'INBOUND',
          InstanceARN: 'arn:aws:connect:local:000000000000:instance/simulated-instance',
          MediaStreams: {
            Customer: {
              Audio: {
                StreamARN: LOCAL_STREAM_ARN,
                StartFragmentNumber: '91343852333181432392682062600000000000000000001',
                StartTimestamp: String(Date.now()),
                ...(stopped ? { StopFragmentNumber: '91343852333181432392682062600000000000000000002', StopTimestamp: String(Date.now()) } : {}),
              },
            },
          },
        },
        Parameters: { action, sessionToken },
      },
    });

    const decisionMs: number[] = [];
    const pageMs: number[] = [];
    const one = async (): Promise<void> => {
      const contactId = randomUUID();
      const token = await sessions.issue({ patientId: 'pat-bench' }, { sessionId: contactId });
      await handler(event(contactId, 'start', token, false));
      await live.start({ contactId, streamArn: LOCAL_STREAM_ARN });
      await live.hear(contactId, MESSAGE);
      const stoppedAt = performance.now();
      const stoppedAtMs = Date.now();
      void live.streamEnded(contactId);
      await handler(event(contactId, 'stop', token, true));
      const job = await jobs.get(contactId);
      if (job?.triage?.triage !== 'urgent') throw new Error(`triage bench: expected urgent, got ${job?.triage?.triage ?? 'nothing'}`);
      decisionMs.push(Date.parse(job.triage.decidedAt) - stoppedAtMs);
      pageMs.push((paged.get(job.noteId) ?? Number.NaN) - stoppedAt);
    };
    for (let done = 0; done < CALLS; done += CONCURRENT) await Promise.all(Array.from({ length: Math.min(CONCURRENT, CALLS - done) }, one));
    return { decisionMs, pageMs };
  };
  const { decisionMs, pageMs } = await measure(DEFAULT_LIVE_FINALIZATION_DELAY_MS);
  // As in AWS: the live transcriber ends a transcript only after its read was idle for 3 s; the
  // stop call decides on the quiet final segments instead (fulfillment/triage/liveDecision.ts).
  const awsEnd = await measure(DEFAULT_LIVE_LIMITS.idleTimeoutMs);
  logger.setLogLevel('INFO');
  const awsP99 = percentile(awsEnd.decisionMs, 99);
  const p50 = percentile(decisionMs, 50);
  const p99 = percentile(decisionMs, 99);
  const page50 = percentile(pageMs, 50);
  return [
    { key: 'triageDecisionMsAfterStopP50', label: `stop call to triage decision, p50 (ms; ${CALLS} calls, ${DEFAULT_LIVE_FINALIZATION_DELAY_MS} ms finalization)`, value: round(p50, 0), bar: '< 1200', pass: p50 < 1200 },
    { key: 'triageDecisionMsAfterStopP99', label: 'stop call to triage decision, p99 (ms)', value: round(p99, 0), bar: '< 2000', pass: p99 < 2000 },
    {
      key: 'triageDecisionMsAfterStopAwsEndP99',
      label: `stop call to triage decision, p99, transcript ended ${DEFAULT_LIVE_LIMITS.idleTimeoutMs} ms after the stream as in AWS (ms)`,
      value: round(awsP99, 0),
      bar: '< 2000',
      pass: awsP99 < 2000,
    },
    { key: 'urgentPageMsAfterStopP50', label: `stop call to care-team page, p50 (ms; SNS and Connect at ${PAGE_LATENCY_MS} ms)`, value: round(page50, 0), bar: '< 2000', pass: page50 < 2000 },
  ];
}
