import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StructuredLogger } from '../../../fulfillment/runtime/logger';
import { storeRecording, FileRecordingStore, MediaStreamFormatError, MediaStreamLimitError, readWavInfo, type RecordingRequest } from '../../../fulfillment/recording';
import {
  callerSource,
  CONTACT_A,
  FRAGMENT_1_PRODUCER_MS,
  fixture,
  fixtures,
  mediaOf,
  offsetOf,
  START_FRAGMENT,
  STREAM_ARN,
  temporaryFolder,
  wavSamples,
} from '../../support/audioFixtures';

const request: RecordingRequest = { contactId: CONTACT_A, streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT };
const CALL = ['fragment-1-contact-a.mkv', 'fragment-2-contact-a.mkv', 'fragment-3-contact-b.mkv'];
const CLUSTER_ID = [0x1f, 0x43, 0xb6, 0x75];
const TAGS_ID = [0x12, 0x54, 0xc3, 0x67];

/** A logger that keeps its lines, to check what a capture logs. */
function memoryLogger(): StructuredLogger & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const keep = (message: string, extra: Record<string, unknown>) => lines.push({ message, ...extra });
  return { lines, info: keep, warn: keep, error: keep };
}

let folder: ReturnType<typeof temporaryFolder>;
let store: FileRecordingStore;

beforeEach(() => {
  folder = temporaryFolder();
  store = new FileRecordingStore(folder.path);
});

afterEach(() => {
  folder.remove();
});

describe('storeRecording', () => {
  it("stores the caller's track of this contact's fragments as a 16 kHz mono WAV, exactly twice the 8 kHz samples", async () => {
    // Prepare
    const media = mediaOf(fixtures(...CALL));
    // Act
    const result = await storeRecording(request, { media, store, logger: memoryLogger() });
    // Assess: fragments 1 and 2 hold 1.5 s + 1.0 s = 20 000 caller samples at 8 kHz; fragment 3 is contact B's.
    expect(result).toEqual({ status: 'recorded', uri: expect.stringMatching(/^file:\/\//), key: `recordings/${CONTACT_A}.wav`, durationMs: 2500, sampleCount: 40_000, reused: false });
    const wav = new Uint8Array(readFileSync(join(folder.path, `${CONTACT_A}.wav`)));
    expect(readWavInfo(wav)).toEqual({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, sampleCount: 40_000, dataOffset: 44 });
  });

  it("writes the caller's speech, not the agent's tone: the WAV follows the sox-made source", async () => {
    // Prepare
    const source = callerSource();
    // Act
    await storeRecording(request, { media: mediaOf(fixtures(...CALL)), store, logger: memoryLogger() });
    // Assess: every other 16 kHz sample is the caller's 8 kHz sample (the agent's track is a tone).
    const samples = wavSamples(new Uint8Array(readFileSync(join(folder.path, `${CONTACT_A}.wav`))));
    expect(samples.filter((_, i) => i % 2 === 0)).toEqual(source);
  });

  it('drops the audio at and after the stop timestamp, to the sample', async () => {
    // Prepare: stop 1.8 s into the call, 0.3 s into fragment 2 (which has a 0.1 ms TimecodeScale).
    const stopping = { ...request, stopTimestampMs: FRAGMENT_1_PRODUCER_MS + 1800 };
    // Act
    const result = await storeRecording(stopping, { media: mediaOf(fixtures(...CALL)), store, logger: memoryLogger() });
    // Assess
    expect(result).toMatchObject({ status: 'recorded', durationMs: 1800, sampleCount: 2 * 14_400 });
  });

  it('returns the stored recording without reading the stream again', async () => {
    // Prepare
    const media = mediaOf(fixtures(...CALL));
    await storeRecording(request, { media, store, logger: memoryLogger() });
    // Act
    const again = await storeRecording(request, { media, store, logger: memoryLogger() });
    // Assess
    expect(again).toMatchObject({ status: 'recorded', reused: true, sampleCount: 40_000, durationMs: 2500 });
    expect(media.reads).toBe(1);
  });

  it('reports empty when the stream holds only another contact', async () => {
    // Act
    const result = await storeRecording(request, { media: mediaOf(fixture('fragment-3-contact-b.mkv')), store, logger: memoryLogger() });
    // Assess
    expect(result).toEqual({ status: 'empty', durationMs: 0 });
    expect(folder.files()).toEqual([]);
  });

  it('reports empty for a stream without any bytes', async () => {
    // Act
    const result = await storeRecording(request, { media: mediaOf(), store, logger: memoryLogger() });
    // Assess
    expect(result).toEqual({ status: 'empty', durationMs: 0 });
  });

  it('reports silent when the caller said nothing (line noise only) and stores nothing', async () => {
    // Act
    const result = await storeRecording(request, { media: mediaOf(fixture('silent-contact-a.mkv')), store, logger: memoryLogger() });
    // Assess
    expect(result).toEqual({ status: 'silent', durationMs: 1000 });
    expect(folder.files()).toEqual([]);
  });

  it('fails with MediaStreamFormatError on a stream cut mid-cluster, and stores no partial WAV', async () => {
    // Prepare: cut fragment 2 halfway through its first cluster.
    const call = fixtures('fragment-1-contact-a.mkv', 'fragment-2-contact-a.mkv');
    const secondFragment = fixture('fragment-1-contact-a.mkv').length;
    const cut = call.subarray(0, offsetOf(call, CLUSTER_ID, 'last') + 1000);
    expect(cut.length).toBeGreaterThan(secondFragment);
    // Act
    const capture = storeRecording(request, { media: mediaOf(cut), store, logger: memoryLogger() });
    // Assess
    await expect(capture).rejects.toThrow(MediaStreamFormatError);
    await expect(capture).rejects.toThrow(/truncated/);
    expect(folder.files()).toEqual([]);
  });

  it('fails with MediaStreamFormatError on a stream cut between elements inside a segment of known size', async () => {
    // Prepare: everything of fragment 1 but its trailing Tags element.
    const whole = fixture('fragment-1-contact-a.mkv');
    const cut = whole.subarray(0, offsetOf(whole, TAGS_ID, 'last'));
    // Act
    const capture = storeRecording(request, { media: mediaOf(cut), store, logger: memoryLogger() });
    // Assess
    await expect(capture).rejects.toThrow(MediaStreamFormatError);
    expect(folder.files()).toEqual([]);
  });

  it('fails with MediaStreamFormatError on corrupt bytes, and stores nothing', async () => {
    // Prepare: zeros over the start of a cluster (an element id cannot begin with a zero byte).
    const corrupt = fixtures(...CALL);
    corrupt.fill(0, offsetOf(corrupt, CLUSTER_ID, 'first'), offsetOf(corrupt, CLUSTER_ID, 'first') + 16);
    // Act
    const capture = storeRecording(request, { media: mediaOf(corrupt), store, logger: memoryLogger() });
    // Assess
    await expect(capture).rejects.toThrow(MediaStreamFormatError);
    expect(folder.files()).toEqual([]);
  });

  it('fails with MediaStreamFormatError on bytes that are not Matroska at all', async () => {
    // Act
    const capture = storeRecording(request, { media: mediaOf(fixture('caller-speech-8k.wav')), store, logger: memoryLogger() });
    // Assess
    await expect(capture).rejects.toThrow(MediaStreamFormatError);
  });

  it('stops at the duration bound and says the recording was truncated', async () => {
    // Act
    const result = await storeRecording(request, { media: mediaOf(fixtures(...CALL)), store, logger: memoryLogger(), limits: { maxDurationMs: 1000 } });
    // Assess
    expect(result).toMatchObject({ status: 'recorded', durationMs: 1000, sampleCount: 16_000, truncated: true });
  });

  it('fails with MediaStreamLimitError past the byte bound, and stores nothing', async () => {
    // Act
    const capture = storeRecording(request, { media: mediaOf(fixtures(...CALL)), store, logger: memoryLogger(), limits: { maxBytes: 10_000 } });
    // Assess
    await expect(capture).rejects.toThrow(MediaStreamLimitError);
    expect(folder.files()).toEqual([]);
  });

  it('ends a live stream that goes idle between fragments', async () => {
    // Prepare: a source that sends the two fragments, then waits forever (GetMedia waiting for new media).
    const bytes = fixtures('fragment-1-contact-a.mkv', 'fragment-2-contact-a.mkv');
    const live = {
      async read() {
        return (async function* () {
          yield bytes;
          await new Promise<never>(() => undefined);
        })();
      },
    };
    // Act
    const result = await storeRecording(request, { media: live, store, logger: memoryLogger(), limits: { idleTimeoutMs: 50 } });
    // Assess
    expect(result).toMatchObject({ status: 'recorded', sampleCount: 40_000 });
  });

  it('logs the contact id, outcome and sizes, never audio or request details beyond the id', async () => {
    // Prepare
    const logger = memoryLogger();
    // Act
    await storeRecording(request, { media: mediaOf(fixtures(...CALL)), store, logger });
    // Assess
    expect(logger.lines).toEqual([expect.objectContaining({ contactId: CONTACT_A, outcome: 'recorded', fragments: 2, stoppedBy: 'otherContact', sampleCount: 40_000 })]);
    expect(JSON.stringify(logger.lines)).not.toContain(STREAM_ARN);
  });

  it('refuses a request whose contact id is not a UUID before reading anything', async () => {
    // Prepare
    const media = mediaOf(fixtures(...CALL));
    // Act
    const capture = storeRecording({ ...request, contactId: '../../etc/passwd' }, { media, store, logger: memoryLogger() });
    // Assess
    await expect(capture).rejects.toThrow(/contactId/);
    expect(media.reads).toBe(0);
  });
});
