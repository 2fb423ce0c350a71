import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CAPTURE_RESULTS } from '../../contract';
import { createCaptureHandler, MemoryCaptureJobStore, MemoryCaptureQueue, type RecordingControlDeps } from '../../fulfillment/recording';
import { LIVE_START_TIMEOUT_MS, type LiveTranscriptionStarter } from '../../fulfillment/recording/liveStart';
import { SessionTokenService } from '../../fulfillment/session';
import { FakeClock } from '../support/fakeClock';
import { FIXTURE_AUDIO, FIXTURE_STREAMS, fixture, INSTANCE_ARN, newContactId } from '../support/recordingJobs';

type Request = Parameters<LiveTranscriptionStarter['start']>[0];

/** The recording-control function with a live starter that answers `answer` (after `delayMs`) and records what it was asked. */
function controlWith(answer: () => Promise<'started' | 'throttled' | 'failed'>) {
  const clock = new FakeClock();
  const key = randomBytes(32);
  const requests: Request[] = [];
  const deps: RecordingControlDeps = {
    sessions: new SessionTokenService({ key, clock }),
    store: new MemoryCaptureJobStore(),
    queue: new MemoryCaptureQueue(),
    clock,
    connectInstanceArn: INSTANCE_ARN,
    connectStreams: FIXTURE_STREAMS,
    liveTranscriber: {
      start: async (request) => {
        requests.push(request);
        return answer();
      },
    },
  };
  const handler = createCaptureHandler(async () => deps);
  const start = async (contactId: string, language?: string) => {
    const sessionToken = await new SessionTokenService({ key, clock }).issue({ patientId: 'eRt9Gm3kYp2Qw8vX1zL0aBc3' }, { sessionId: contactId });
    const event = fixture('flow-start', { contactId, sessionToken });
    if (language !== undefined) (event['Details'] as { Parameters: Record<string, string> }).Parameters['language'] = language;
    return handler(event);
  };
  return { start, requests };
}

describe('live transcription at the start of a message', () => {
  it('asks the live transcriber to start once the job is stored, with ids and where the audio is only', async () => {
    // Prepare
    const control = controlWith(async () => 'started');
    const contactId = newContactId();
    // Act
    const response = await control.start(contactId);
    // Assess
    expect(response).toEqual({ captureResult: CAPTURE_RESULTS.started });
    expect(control.requests).toEqual([
      { contactId, streamArn: FIXTURE_AUDIO.streamArn, startFragmentNumber: FIXTURE_AUDIO.startFragmentNumber, startTimestamp: String(FIXTURE_AUDIO.startTimestampMs) },
    ]);
  });

  it('names the language of a message in Spanish, so the live transcriber streams to standard Transcribe', async () => {
    // Prepare
    const control = controlWith(async () => 'started');
    const contactId = newContactId();
    // Act
    await control.start(contactId, 'es-US');
    // Assess
    expect(control.requests).toEqual([expect.objectContaining({ contactId, language: 'es-US' })]);
  });

  it('does not start it again for a second start of the same message', async () => {
    // Prepare
    const control = controlWith(async () => 'started');
    const contactId = newContactId();
    await control.start(contactId);
    // Act
    const response = await control.start(contactId);
    // Assess
    expect(response).toEqual({ captureResult: CAPTURE_RESULTS.alreadyRecorded });
    expect(control.requests).toHaveLength(1);
  });

  it.each([
    ['throttled', async () => 'throttled' as const],
    ['failed', async () => 'failed' as const],
    ['throws', async (): Promise<'started'> => Promise.reject(new Error('boom'))],
  ])('still answers started to the flow when the live start is %s', async (_case, answer) => {
    // Prepare
    const control = controlWith(answer);
    // Act
    const response = await control.start(newContactId());
    // Assess
    expect(response).toEqual({ captureResult: CAPTURE_RESULTS.started });
  });

  it('answers the flow within its bound when the live start hangs', async () => {
    // Prepare
    const control = controlWith(() => new Promise(() => undefined));
    const started = performance.now();
    // Act
    const response = await control.start(newContactId());
    // Assess
    expect(response).toEqual({ captureResult: CAPTURE_RESULTS.started });
    expect(performance.now() - started).toBeLessThan(LIVE_START_TIMEOUT_MS + 1_000);
  });
});
