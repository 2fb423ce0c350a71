/**
 * LOCAL MODE: a stand-in for the live transcriber (issue 17). In AWS a Lambda reads the caller's
 * track from Kinesis Video Streams while they speak and streams it to Transcribe Medical streaming,
 * writing final segments into the live transcript store; here the simulator's typed message is
 * "spoken" word by word into the same store (`MemoryLiveTranscriptStore`), a sentence per final
 * segment, and the end is written a configurable finalization delay after the flow stops streaming
 * (Transcribe's flush of the last segment), so the stop call at `#` waits as it would in AWS.
 */
import type { StartedCustomerAudio, StoppedCustomerAudio } from 'aws-lambda';
import type { Clock } from '../fulfillment/runtime/clock';
import type { LiveStartOutcome, LiveTranscriberStarter, LiveTranscriptionRequest, LiveTranscriptStore } from '../fulfillment/transcription/live';
import type { MediaStreamingHook } from './simulator/connect';

/** How long after the stream ends the stand-in writes the last segment and the end, by default. */
export const DEFAULT_LIVE_FINALIZATION_DELAY_MS = 800;

/** Options of {@link LocalLiveTranscriber}. */
export interface LocalLiveTranscriberOptions {
  readonly store: LiveTranscriptStore;
  readonly clock: Clock;
  /** Delay between the end of the stream and the end of the transcript. @default DEFAULT_LIVE_FINALIZATION_DELAY_MS */
  readonly finalizationDelayMs?: number;
  /** Pause between two words as they are "spoken". @default 0 */
  readonly wordMs?: number;
  /** A start answers this instead of claiming (to try a throttled or failed start). @default 'started' */
  readonly startOutcome?: LiveStartOutcome;
}

/** One contact's stream as the stand-in follows it. */
interface Stream {
  next: number;
  tail: string[];
  spokenMs: number;
  ended?: Promise<void>;
}

/** About 150 words a minute: the audio offsets of the segments. */
const MS_PER_WORD = 400;

/**
 * STAND-IN for the live transcriber: the {@link LiveTranscriberStarter} port (claims the contact as
 * the real one does, so a second start is harmless) plus what the simulator feeds it: the words
 * ({@link hear}) and the end of the stream ({@link streamEnded}).
 *
 * @example
 * const live = new LocalLiveTranscriber({ store, clock: systemClock });
 * await live.start({ contactId, streamArn });
 * await live.hear(contactId, 'I have chest pain.');
 * live.streamEnded(contactId); // the end follows 800 ms later
 */
export class LocalLiveTranscriber implements LiveTranscriberStarter {
  readonly #options: LocalLiveTranscriberOptions;
  readonly #streams = new Map<string, Stream>();

  public constructor(options: LocalLiveTranscriberOptions) {
    this.#options = options;
  }

  public async start(request: LiveTranscriptionRequest): Promise<LiveStartOutcome> {
    const outcome = this.#options.startOutcome ?? 'started';
    if (outcome !== 'started') return outcome;
    const claimed = await this.#options.store.claim(request.contactId, new Date(this.#options.clock.now()).toISOString());
    if (claimed) this.#streams.set(request.contactId, { next: 0, tail: [], spokenMs: 0 });
    return 'started';
  }

  /** The caller's words, word by word: each sentence becomes a final segment as its last word arrives. */
  public async hear(contactId: string, transcript: string): Promise<void> {
    const stream = this.#streams.get(contactId);
    if (!stream || stream.ended) return;
    for (const word of transcript.split(/\s+/).filter(Boolean)) {
      stream.tail.push(word);
      if (/[.!?]$/.test(word)) await this.#flush(contactId, stream);
      if (this.#options.wordMs) await this.#options.clock.sleep(this.#options.wordMs);
    }
  }

  /** The flow stopped streaming: the last words and the end are written after the finalization delay. */
  public streamEnded(contactId: string): Promise<void> {
    const stream = this.#streams.get(contactId);
    if (!stream) return Promise.resolve();
    stream.ended ??= (async () => {
      await this.#options.clock.sleep(this.#options.finalizationDelayMs ?? DEFAULT_LIVE_FINALIZATION_DELAY_MS);
      await this.#flush(contactId, stream);
      await this.#options.store.finish(contactId, { outcome: 'complete', at: new Date(this.#options.clock.now()).toISOString() });
    })();
    return stream.ended;
  }

  /** Wraps the simulator's media hook: streaming on starts the stand-in, streaming off ends its stream. */
  public mediaHook(inner: MediaStreamingHook): MediaStreamingHook {
    return {
      start: async (contactId): Promise<StartedCustomerAudio> => {
        const started = await inner.start(contactId);
        await this.start({ contactId, streamArn: started.StreamARN, startFragmentNumber: started.StartFragmentNumber, startTimestamp: started.StartTimestamp });
        return started;
      },
      stop: async (contactId): Promise<StoppedCustomerAudio> => {
        const stopped = await inner.stop(contactId);
        void this.streamEnded(contactId);
        return stopped;
      },
    };
  }

  async #flush(contactId: string, stream: Stream): Promise<void> {
    if (stream.tail.length === 0) return;
    const text = stream.tail.join(' ');
    const startMs = stream.spokenMs;
    stream.spokenMs += stream.tail.length * MS_PER_WORD;
    stream.tail = [];
    await this.#options.store.append(contactId, { index: stream.next, text, startMs, endMs: stream.spokenMs });
    stream.next += 1;
  }
}
