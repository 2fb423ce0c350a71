import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIVE_LIMITS, readLiveCallerAudio } from '../fulfillment/transcription/live';
import { connectStream } from '../test/support/connectMkv';
import { percentile, round, type Figure } from './stats';

const SPEECH = fileURLToPath(new URL('../test/fixtures/audio/caller-speech-8k.wav', import.meta.url));
const CONTACT_ID = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const RECORDING_MS = 120_000;
/** GetMedia hands a live stream on in small pieces as fragments arrive; 4 KiB is about 120 ms of both tracks. */
const CHUNK_BYTES = 4 * 1024;
const RUNS = 7;
const CONCURRENT = 50;
const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:111122223333:stream/bench/1';

/** A media source serving `stream` in `CHUNK_BYTES` pieces as fast as they are taken (no network). */
function mediaOf(stream: Uint8Array) {
  return {
    async read() {
      return (async function* () {
        for (let offset = 0; offset < stream.length; offset += CHUNK_BYTES) yield stream.subarray(offset, offset + CHUNK_BYTES);
      })();
    },
  };
}

/** One live read of the 2-minute stream to 16 kHz chunks, drained as Transcribe would take them; its time in ms. */
async function liveRead(stream: Uint8Array): Promise<number> {
  const started = performance.now();
  const audio = readLiveCallerAudio(mediaOf(stream), { contactId: CONTACT_ID, streamArn: STREAM_ARN, startFragmentNumber: '1' }, DEFAULT_LIVE_LIMITS);
  let bytes = 0;
  for await (const chunk of audio.pcm) bytes += chunk.byteLength;
  const result = await audio.finished;
  const elapsed = performance.now() - started;
  // 16 kHz, 2 bytes a sample.
  if (bytes !== (RECORDING_MS / 1000) * 16_000 * 2 || result.audioMs !== RECORDING_MS) throw new Error(`bench live read gave ${bytes} bytes, ${result.audioMs} ms`);
  return elapsed;
}

/**
 * The live transcriber's reading side, without the network: a two-minute Connect stream (KVS layout,
 * 2 s fragments, two 8 kHz tracks, built from the speech fixture) fed in 4 KiB pieces through
 * `readLiveCallerAudio` (the KVS reader's loop, the Matroska parser, the caller-track rules, the
 * streaming resampler to 16 kHz, 100 ms chunks). Figures: audio seconds per second of work for one
 * stream (median of runs), and for 50 streams read at once in this process, each fed as fast as it
 * takes its input (not paced at real time, a harder case than production, where audio arrives at
 * real time): the slowest stream's audio time over its own processing time.
 */
export async function runLiveMkvBench(): Promise<Figure[]> {
  const wav = readFileSync(SPEECH);
  const speech = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
  const stream = connectStream(CONTACT_ID, speech, RECORDING_MS);
  const times: number[] = [];
  // The first run warms the JIT and is not counted.
  for (let run = 0; run < RUNS + 1; run += 1) {
    const elapsed = await liveRead(stream);
    if (run > 0) times.push(elapsed);
  }
  const medianMs = percentile(times, 50);
  const realtime = RECORDING_MS / medianMs;
  const concurrent = await Promise.all(Array.from({ length: CONCURRENT }, () => liveRead(stream)));
  const slowestMs = Math.max(...concurrent);
  const concurrentRealtime = RECORDING_MS / slowestMs;
  return [
    { key: 'liveMkvRealtimeX', label: `2-minute Connect MKV read live to 16 kHz chunks, one stream, median of ${RUNS} (× real time)`, value: round(realtime, 1), bar: '>= 20', pass: realtime >= 20 },
    { key: 'liveMkvMs', label: '2-minute Connect MKV read live, one stream, median (ms)', value: round(medianMs, 1) },
    {
      key: 'liveMkvConcurrentMinRealtimeX',
      label: `${CONCURRENT} concurrent live reads in one process, fed as fast as taken: slowest (× real time)`,
      value: round(concurrentRealtime, 2),
      bar: '>= 1',
      pass: concurrentRealtime >= 1,
    },
    { key: 'liveMkvConcurrentSlowestMs', label: `${CONCURRENT} concurrent live reads: slowest stream (ms)`, value: round(slowestMs, 1) },
  ];
}
