import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { storeRecording, type RecordingStore, type StoredRecording } from '../fulfillment/recording/audio';
import { connectStream } from '../test/support/connectMkv';
import { percentile, round, type Figure } from './stats';

const SPEECH = fileURLToPath(new URL('../test/fixtures/audio/caller-speech-8k.wav', import.meta.url));
const CONTACT_ID = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const RECORDING_MS = 120_000;
const CHUNK_BYTES = 64 * 1024;
const RUNS = 7;

/** A store that keeps nothing but remembers nothing either: every run extracts. */
const discardingStore: RecordingStore = {
  async put(contactId: string): Promise<StoredRecording> {
    return { key: `recordings/${contactId}.wav`, uri: `memory://recordings/${contactId}.wav` };
  },
  async find() {
    return undefined;
  },
};

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * MKV → WAV extraction speed: a two-minute Connect stream (KVS layout, 2 s fragments, 20 ms blocks of
 * two 8 kHz tracks, built in memory from the speech fixture) fed in 64 KiB chunks through
 * `storeRecording` (parse, caller track, silence check, resampling to 16 kHz, WAV). Figure: seconds
 * of audio per second of work, median of the runs.
 */
export async function runAudioBench(): Promise<Figure[]> {
  const wav = readFileSync(SPEECH);
  const speech = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
  const stream = connectStream(CONTACT_ID, speech, RECORDING_MS);
  const media = {
    async read() {
      return (async function* () {
        for (let offset = 0; offset < stream.length; offset += CHUNK_BYTES) yield stream.subarray(offset, offset + CHUNK_BYTES);
      })();
    },
  };
  const request = { contactId: CONTACT_ID, streamArn: 'arn:aws:kinesisvideo:us-east-1:111122223333:stream/bench/1', startFragmentNumber: '1' };
  const times: number[] = [];
  for (let run = 0; run < RUNS + 1; run += 1) {
    const started = performance.now();
    const result = await storeRecording(request, { media, store: discardingStore, logger: quietLogger });
    const elapsed = performance.now() - started;
    if (result.status !== 'recorded' || result.sampleCount !== 2 * (RECORDING_MS / 1000) * 8000) throw new Error(`bench capture gave ${result.status}`);
    // The first run warms the JIT and is not counted.
    if (run > 0) times.push(elapsed);
  }
  const medianMs = percentile(times, 50);
  const realtime = RECORDING_MS / medianMs;
  return [
    { key: 'mkvToWavRealtimeX', label: `2-minute Connect MKV to 16 kHz WAV, median of ${RUNS} (× real time)`, value: round(realtime, 1), bar: '>= 200', pass: realtime >= 200 },
    { key: 'mkvToWavMs', label: '2-minute Connect MKV to 16 kHz WAV, median (ms)', value: round(medianMs, 1) },
  ];
}
