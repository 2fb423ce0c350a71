import { readCallerAudio } from '../../recording/audio/storeRecording';
import type { StopReason } from '../../recording/audio/callerAudio';
import type { MediaSource, MediaStart } from '../../recording/audio/types';
import { DEFAULT_AUDIO_LIMITS } from '../../recording/audio/constants';
import type { LiveLimits } from './constants';
import { LivePcmChunker } from './liveResampler';

/** Where the caller's audio of one contact is. */
export interface LiveAudioRequest extends MediaStart {
  readonly contactId: string;
}

/** How a live read ended. No PHI: safe to log. */
export interface LiveReadResult {
  /** Fragments of the contact that were read. */
  readonly contactFragments: number;
  /** Milliseconds of the caller's audio handed on (at 16 kHz). */
  readonly audioMs: number;
  readonly bytesRead: number;
  /** `end`: the stream ended or went idle (streaming stopped); `otherContact`: the next call on the stream; `maxDuration`. */
  readonly stoppedBy: StopReason;
}

/** The caller's audio as it is read, and how the read ended. */
export interface LiveCallerAudio {
  /** 16 kHz little-endian PCM chunks of 100 ms (the last may be shorter), as they are read. */
  readonly pcm: AsyncIterable<Uint8Array>;
  /** Settles when the read is over: its result, or the read's error (`MediaSourceError`, `MediaStreamError` …). */
  readonly finished: Promise<LiveReadResult>;
}

/**
 * Reads the caller's track of one contact from its Kinesis Video stream while Connect writes it, and
 * hands it on as 16 kHz PCM chunks: the recording stage's reader (`readCallerAudio`: `GetMedia` from
 * the contact's start, the Matroska parser, `CallerAudioCollector`'s caller-track and `ContactId`
 * rules) with its audio passed on as parsed and not held, then {@link LivePcmChunker}. The read ends
 * when the stream ends or stays idle for `idleTimeoutMs` (the flow stopped streaming), at another
 * contact's fragment (the next call on a reused stream), at `maxAudioMs`, or when `signal` aborts.
 * The chunks wait in memory until taken (at most `maxAudioMs` of audio, 4.8 MB for 150 s).
 *
 * @example
 * const audio = readLiveCallerAudio(media, { contactId, streamArn, startFragmentNumber }, limits);
 * for await (const result of transcriber.transcribe(audio.pcm)) …;
 * const { audioMs } = await audio.finished;
 */
export function readLiveCallerAudio(media: MediaSource, request: LiveAudioRequest, limits: Pick<LiveLimits, 'maxAudioMs' | 'idleTimeoutMs' | 'maxBytes'>, signal?: AbortSignal): LiveCallerAudio {
  const queue = new ChunkQueue();
  let chunker: LivePcmChunker | undefined;
  let samples16k = 0;
  const onAudio = (samples: Int16Array, sampleRate: number): void => {
    chunker ??= new LivePcmChunker(sampleRate);
    samples16k += (samples.length * 16_000) / sampleRate;
    for (const chunk of chunker.push(samples)) queue.put(chunk);
  };
  const { contactId, streamArn, startFragmentNumber, startTimestampMs } = request;
  const finished = readCallerAudio(
    abortable(media, signal),
    { contactId, streamArn, startFragmentNumber, startTimestampMs, stopTimestampMs: undefined },
    { ...DEFAULT_AUDIO_LIMITS, maxDurationMs: limits.maxAudioMs, idleTimeoutMs: limits.idleTimeoutMs, maxBytes: limits.maxBytes },
    { onAudio, keep: false },
  ).then(
    ({ audio, bytesRead }) => {
      for (const chunk of chunker?.end() ?? []) queue.put(chunk);
      queue.close();
      return { contactFragments: audio.contactFragments, audioMs: Math.round(samples16k / 16), bytesRead, stoppedBy: audio.stoppedBy };
    },
    (error: unknown) => {
      queue.fail(error);
      throw error;
    },
  );
  // The caller reads the outcome from `finished`; a failure is also thrown to the chunks' reader.
  finished.catch(() => undefined);
  return { pcm: queue, finished };
}

/** A media source whose stream ends (as if the producer stopped) when `signal` aborts. */
function abortable(media: MediaSource, signal: AbortSignal | undefined): MediaSource {
  if (!signal) return media;
  return {
    async read(start) {
      const chunks = await media.read(start);
      return {
        [Symbol.asyncIterator]() {
          const iterator = chunks[Symbol.asyncIterator]();
          const aborted = new Promise<IteratorResult<Uint8Array>>((resolve) => {
            if (signal.aborted) resolve({ done: true, value: undefined });
            signal.addEventListener('abort', () => resolve({ done: true, value: undefined }), { once: true });
          });
          return {
            next: () => Promise.race([iterator.next(), aborted]),
            return: async () => (await iterator.return?.()) ?? { done: true, value: undefined },
          };
        },
      };
    },
  };
}

/** An unbounded single-reader queue of chunks, read with `for await`. */
class ChunkQueue implements AsyncIterable<Uint8Array> {
  readonly #chunks: Uint8Array[] = [];
  #closed = false;
  #error: unknown;
  #failed = false;
  #wake: (() => void) | undefined;

  public put(chunk: Uint8Array): void {
    this.#chunks.push(chunk);
    this.#signal();
  }

  public close(): void {
    this.#closed = true;
    this.#signal();
  }

  public fail(error: unknown): void {
    this.#failed = true;
    this.#error = error;
    this.#signal();
  }

  public async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const chunk = this.#chunks.shift();
      if (chunk) {
        yield chunk;
        continue;
      }
      if (this.#failed) throw this.#error;
      if (this.#closed) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
