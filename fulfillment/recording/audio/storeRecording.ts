import * as z from 'zod';
import { systemClock, type Clock } from '../../runtime/clock';
import { logger as defaultLogger } from '../../runtime/logger';
import type { StructuredLogger } from '../../runtime/logger';
import { MediaSourceError, MediaStreamError, MediaStreamLimitError, RecordingStoreError } from '../errors';
import { errorName } from '../../runtime/errors';
import { CallerAudioCollector, type CallerAudio, type CallerAudioOptions } from './callerAudio';
import { CONTACT_ID_PATTERN, DEFAULT_AUDIO_LIMITS, OUTPUT_SAMPLE_RATE, type AudioLimits } from './constants';
import { isSilent, measureLevels } from './levels';
import { MatroskaStreamReader } from './matroska';
import type { MediaSource, RecordingRequest, RecordingResult, RecordingStore } from './types';
import { toWav16k } from './wav';

/** What {@link storeRecording} needs. */
export interface StoreRecordingDeps {
  readonly media: MediaSource;
  readonly store: RecordingStore;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
  /** Times the capture for the log line. @default systemClock */
  readonly clock?: Clock;
  /** Bounds of the read; missing ones take {@link DEFAULT_AUDIO_LIMITS}. */
  readonly limits?: Partial<AudioLimits>;
}

/** The request as the capture Lambda's queue message delivers it, checked once here. */
const recordingRequest = z.object({
  contactId: z.string().regex(CONTACT_ID_PATTERN, 'contactId must be a UUID'),
  streamArn: z.string().regex(/^arn:aws[a-z-]*:kinesisvideo:[a-z0-9-]+:\d{12}:stream\/.+/, 'streamArn must be a Kinesis Video stream ARN'),
  startFragmentNumber: z.string().regex(/^\d{1,128}$/, 'startFragmentNumber must be a KVS fragment number'),
  startTimestampMs: z.number().finite().optional(),
  stopTimestampMs: z.number().finite().optional(),
});

/**
 * Turns one call's symptom message into a 16 kHz WAV in the recording store: reads the contact's
 * Kinesis Video stream from the chunk holding the start of the caller's audio, keeps the caller's track of this contact's fragments
 * up to the stop timestamp (see {@link CallerAudioCollector}), parsing the Matroska as it arrives, and
 * stores the WAV. Idempotent: a recording already in the store is returned (`reused: true`) without
 * reading the stream again. A stream without this contact's caller audio is `empty`, one without
 * voice is `silent`; neither stores anything. Logs the contact id, outcome, sizes and timings only.
 *
 * @example
 * const result = await storeRecording(request, { media: new KinesisVideoMediaSource(), store: new S3RecordingStore({ client, bucket, kmsKeyId }) });
 * if (result.status === 'recorded') await transcriber.start({ noteId, source: result.uri });
 * @throws MediaStreamFormatError when the stream is truncated, corrupt or not 16-bit PCM (nothing stored).
 * @throws MediaStreamLimitError when more than `limits.maxBytes` would be read (nothing stored).
 * @throws MediaSourceError when Kinesis Video Streams cannot be read.
 * @throws RecordingStoreError when the store cannot be read or written.
 */
export async function storeRecording(request: RecordingRequest, deps: StoreRecordingDeps): Promise<RecordingResult> {
  const parsed = recordingRequest.safeParse(request);
  if (!parsed.success) throw new MediaStreamError(`Invalid recording request: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  const { contactId, streamArn, startFragmentNumber, startTimestampMs, stopTimestampMs } = parsed.data;
  const logger = deps.logger ?? defaultLogger;
  const clock = deps.clock ?? systemClock;
  const limits: AudioLimits = { ...DEFAULT_AUDIO_LIMITS, ...deps.limits };
  const started = clock.now();

  const existing = await storeCall('find', () => deps.store.find(contactId));
  if (existing) {
    const sampleCount = existing.sampleCount ?? 0;
    logger.info('Recording already stored', { contactId, outcome: 'reused', sampleCount });
    return { status: 'recorded', uri: existing.uri, key: existing.key, durationMs: samplesToMs(sampleCount, OUTPUT_SAMPLE_RATE), sampleCount, reused: true };
  }

  let audio: CallerAudio;
  let bytesRead: number;
  try {
    ({ audio, bytesRead } = await readCallerAudio(deps.media, { contactId, streamArn, startFragmentNumber, startTimestampMs, stopTimestampMs }, limits));
  } catch (error) {
    logger.warn('Recording not captured', { contactId, outcome: errorName(error), elapsedMs: clock.now() - started });
    throw error;
  }
  const sampleRate = audio.sampleRate ?? OUTPUT_SAMPLE_RATE;
  const durationMs = samplesToMs(audio.samples.length, sampleRate);
  const facts = { contactId, fragments: audio.contactFragments, stoppedBy: audio.stoppedBy, bytesRead, durationMs };
  if (audio.contactFragments === 0 || audio.samples.length === 0) {
    logger.info('No caller audio for the contact', { ...facts, outcome: 'empty', elapsedMs: clock.now() - started });
    return { status: 'empty', durationMs };
  }
  const levels = measureLevels(audio.samples, sampleRate);
  if (isSilent(levels)) {
    logger.info('Caller audio is near-silent', { ...facts, outcome: 'silent', voicedFrames: levels.voicedFrames, elapsedMs: clock.now() - started });
    return { status: 'silent', durationMs };
  }
  const wav = toWav16k(audio.samples, sampleRate);
  const stored = await storeCall('put', () => deps.store.put(contactId, wav));
  const sampleCount = Math.round((audio.samples.length * OUTPUT_SAMPLE_RATE) / sampleRate);
  const truncated = audio.stoppedBy === 'maxDuration';
  logger.info('Recording captured', { ...facts, outcome: 'recorded', sampleCount, truncated, elapsedMs: clock.now() - started });
  return { status: 'recorded', uri: stored.uri, key: stored.key, durationMs, sampleCount, reused: false, ...(truncated ? { truncated } : {}) };
}

/** Milliseconds of `count` samples at `rate`. */
function samplesToMs(count: number, rate: number): number {
  return Math.round((count * 1000) / rate);
}

/** Runs a store call, giving any failure the store's error name. */
async function storeCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RecordingStoreError) throw error;
    throw new RecordingStoreError(`Recording store ${operation} failed (${errorName(error)})`, { cause: error });
  }
}

/** Where to read and what to keep. */
interface ReadRequest {
  readonly contactId: string;
  readonly streamArn: string;
  readonly startFragmentNumber: string;
  readonly startTimestampMs?: number | undefined;
  readonly stopTimestampMs: number | undefined;
}

/**
 * Feeds the media to the Matroska reader chunk by chunk until the collector has what it needs, the
 * stream ends, or it stays idle for `idleTimeoutMs` (a live stream waiting for the next call). The
 * source is closed on every way out. `live.onAudio` receives the caller's audio as it is parsed (the
 * live transcriber), and `live.keep: false` holds none of it for the result.
 */
export async function readCallerAudio(
  media: MediaSource,
  request: ReadRequest,
  limits: AudioLimits,
  live: Pick<CallerAudioOptions, 'onAudio' | 'keep'> = {},
): Promise<{ audio: CallerAudio; bytesRead: number }> {
  const collector = new CallerAudioCollector({ contactId: request.contactId, stopTimestampMs: request.stopTimestampMs, maxDurationMs: limits.maxDurationMs, ...live });
  const reader = new MatroskaStreamReader(collector);
  let chunks: AsyncIterable<Uint8Array>;
  try {
    const { streamArn, startFragmentNumber, startTimestampMs } = request;
    chunks = await media.read({ streamArn, startFragmentNumber, ...(startTimestampMs !== undefined ? { startTimestampMs } : {}) });
  } catch (error) {
    if (error instanceof MediaStreamError) throw error;
    throw new MediaSourceError(`Media source read failed (${errorName(error)})`, { cause: error });
  }
  const iterator = chunks[Symbol.asyncIterator]();
  let bytesRead = 0;
  let finished = false;
  try {
    while (!collector.done) {
      const next = await nextWithin(iterator, limits.idleTimeoutMs);
      if (next === 'idle' || next.done) {
        finished = next !== 'idle';
        reader.end();
        break;
      }
      bytesRead += next.value.byteLength;
      if (bytesRead > limits.maxBytes) throw new MediaStreamLimitError(`The stream passed ${limits.maxBytes} bytes`);
      reader.write(next.value);
    }
  } catch (error) {
    if (error instanceof MediaStreamError) throw error;
    throw new MediaSourceError(`Media stream failed while reading (${errorName(error)})`, { cause: error });
  } finally {
    // Close the HTTP stream; never wait on it (a source stuck in `next()` may not answer `return()`).
    if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
  return { audio: collector.result(), bytesRead };
}

/** The next chunk, or `idle` when none comes within `ms`. */
async function nextWithin<T>(iterator: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | 'idle'> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<'idle'>((resolve) => {
    timer = setTimeout(() => resolve('idle'), ms);
  });
  try {
    return await Promise.race([iterator.next(), idle]);
  } finally {
    clearTimeout(timer);
  }
}

