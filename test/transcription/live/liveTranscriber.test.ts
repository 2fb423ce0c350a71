import { describe, expect, it } from 'vitest';
import { upsample2x } from '../../../fulfillment/recording';
import { LivePcmChunker, MemoryLiveTranscriptStore, transcribeLive, type MedicalStreamResult, type MedicalStreamTranscriber } from '../../../fulfillment/transcription/live';
import { callerSource, CONTACT_A, fixtures, randomChunks, START_FRAGMENT, STREAM_ARN } from '../../support/audioFixtures';
import { tone } from '../../support/connectMkv';
import { MemoryLogger } from '../../support/memoryLogger';
import type { MediaSource } from '../../../fulfillment/recording';

const START = { contactId: CONTACT_A, streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT };

/** A media source whose stream delivers `bytes` and then stays open without data, as GetMedia does once Connect stops streaming. */
function openEndedMedia(bytes: Uint8Array): MediaSource {
  return {
    async read() {
      return (async function* () {
        yield bytes;
        await new Promise(() => undefined);
      })();
    },
  };
}

/** A transcriber double: takes all the audio, then answers with `results`; records the bytes it got. */
function transcriberOf(results: readonly MedicalStreamResult[]): MedicalStreamTranscriber & { bytes: number } {
  return {
    bytes: 0,
    async *transcribe(audio) {
      for await (const chunk of audio) this.bytes += chunk.byteLength;
      yield* results;
    },
  };
}

describe('LivePcmChunker', () => {
  it('gives, in 100 ms chunks, exactly what upsample2x gives for the whole message, however the audio arrives', () => {
    // Prepare
    const source = callerSource();
    const pieces = randomChunks(new Uint8Array(source.buffer, source.byteOffset, source.byteLength), 5, 700).map((bytes) => new Int16Array(new Uint8Array(bytes).buffer.slice(0, bytes.length - (bytes.length % 2))));
    const samples = new Int16Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
    pieces.reduce((offset, piece) => (samples.set(piece, offset), offset + piece.length), 0);
    const chunker = new LivePcmChunker(8000);
    // Act
    const chunks = [...pieces.flatMap((piece) => chunker.push(piece)), ...chunker.end()];
    // Assess
    const out = Buffer.concat(chunks);
    expect(new Int16Array(out.buffer, out.byteOffset, out.byteLength / 2)).toEqual(upsample2x(samples));
    expect(chunks.slice(0, -1).every((chunk) => chunk.byteLength === 3200)).toBe(true);
  });

  it('only cuts 16 kHz audio into chunks', () => {
    // Prepare
    const samples = tone(4000, 440, 16_000);
    const chunker = new LivePcmChunker(16_000);
    // Act
    const chunks = [...chunker.push(samples), ...chunker.end()];
    // Assess
    expect(chunks.map((chunk) => chunk.byteLength)).toEqual([3200, 3200, 1600]);
  });
});

describe('transcribeLive', () => {
  it('treats a stream that goes quiet (the flow stopped streaming) as the end of the audio, and completes', async () => {
    // Prepare
    const store = new MemoryLiveTranscriptStore();
    const transcriber = transcriberOf([{ isPartial: false, text: 'a fever', startMs: 100, endMs: 900 }]);
    // Act
    const outcome = await transcribeLive(START, { store, media: openEndedMedia(fixtures('fragment-1-contact-a.mkv', 'fragment-2-contact-a.mkv')), transcriber, logger: new MemoryLogger(), limits: { idleTimeoutMs: 200 } });
    // Assess
    expect(outcome).toEqual({ outcome: 'complete', contactId: CONTACT_A, segments: 1, audioMs: 2500 });
    expect(transcriber.bytes).toBe(2500 * 32);
    expect((await store.read(CONTACT_A))?.end?.outcome).toBe('complete');
  });

  it('gives up at its deadline with the code Deadline', async () => {
    // Prepare
    const store = new MemoryLiveTranscriptStore();
    const stuck: MedicalStreamTranscriber = {
      async *transcribe(_audio, options) {
        await new Promise((resolve) => options?.signal?.addEventListener('abort', resolve));
        throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      },
    };
    // Act
    const outcome = await transcribeLive(START, { store, media: openEndedMedia(fixtures('fragment-1-contact-a.mkv')), transcriber: stuck, logger: new MemoryLogger(), limits: { deadlineMs: 100, idleTimeoutMs: 5_000 } });
    // Assess
    expect(outcome).toMatchObject({ outcome: 'failed', reason: 'Deadline' });
    expect((await store.read(CONTACT_A))?.end).toMatchObject({ outcome: 'failed', reason: 'Deadline' });
  });

  it('stops storing past the segment bound, with the code TooManySegments', async () => {
    // Prepare
    const store = new MemoryLiveTranscriptStore();
    const results = Array.from({ length: 5 }, (_, i) => ({ isPartial: false, text: `word ${i}`, startMs: i * 100, endMs: i * 100 + 90 }));
    // Act
    const outcome = await transcribeLive(START, { store, media: openEndedMedia(fixtures('fragment-1-contact-a.mkv')), transcriber: transcriberOf(results), logger: new MemoryLogger(), limits: { maxSegments: 3, idleTimeoutMs: 100 } });
    // Assess
    expect(outcome).toMatchObject({ outcome: 'failed', segments: 3, reason: 'TooManySegments' });
    expect((await store.read(CONTACT_A))?.segments).toHaveLength(3);
  });

  it('ends failed with NoCallerAudio when the stream holds nothing of this contact', async () => {
    // Prepare
    const store = new MemoryLiveTranscriptStore();
    // Act
    const outcome = await transcribeLive(START, { store, media: openEndedMedia(fixtures('fragment-3-contact-b.mkv')), transcriber: transcriberOf([]), logger: new MemoryLogger(), limits: { idleTimeoutMs: 100 } });
    // Assess
    expect(outcome).toMatchObject({ outcome: 'failed', reason: 'NoCallerAudio' });
  });
});
