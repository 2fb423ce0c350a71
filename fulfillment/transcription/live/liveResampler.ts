import { endianness } from 'node:os';
import { MediaStreamFormatError } from '../../recording/errors';
import { RESAMPLING, upsample2x } from '../../recording/audio/wav';
import { AUDIO_CHUNK_MS, MEDICAL_STREAM } from './constants';

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** Input samples of context each side of a block: the interpolator's reach. */
const CONTEXT = RESAMPLING.tapsPerSide;

/** 16-bit samples as little-endian bytes (a view on a little-endian host, a copy otherwise). */
function toLittleEndianBytes(samples: Int16Array): Uint8Array {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, i) => view.setInt16(2 * i, sample, true));
  return bytes;
}

/**
 * Turns the caller's audio, as it arrives in pieces of any size, into 16 kHz PCM chunks of
 * {@link AUDIO_CHUNK_MS} for Transcribe Medical streaming. 8 kHz audio is raised with the recording
 * stage's `upsample2x`, block by block with {@link RESAMPLING}'s reach of context on each side, so the
 * output is sample for sample what `upsample2x` gives for the whole message (a block waits for its 8
 * samples of look-ahead, 1 ms). 16 kHz audio is only cut into chunks.
 *
 * @example
 * const chunker = new LivePcmChunker(8000);
 * for (const chunk of chunker.push(samples)) send(chunk); // 3,200-byte chunks
 * for (const chunk of chunker.end()) send(chunk);
 */
export class LivePcmChunker {
  readonly #inputRate: number;
  /** Input samples per output chunk. */
  readonly #block: number;
  /** Input not yet turned into output, preceded by up to CONTEXT samples already turned. */
  #pending = new Int16Array(0);
  /** How many of `#pending`'s first samples are context only. */
  #history = 0;

  public constructor(inputRate: number) {
    if (inputRate !== MEDICAL_STREAM.sampleRateHz && inputRate * 2 !== MEDICAL_STREAM.sampleRateHz) {
      throw new MediaStreamFormatError(`Caller audio at ${inputRate} Hz: only 8 kHz (Connect) and 16 kHz are supported`);
    }
    this.#inputRate = inputRate;
    this.#block = (inputRate * AUDIO_CHUNK_MS) / 1000;
  }

  /** The chunks complete once `samples` are added. */
  public push(samples: Int16Array): Uint8Array[] {
    const joined = new Int16Array(this.#pending.length + samples.length);
    joined.set(this.#pending);
    joined.set(samples, this.#pending.length);
    this.#pending = joined;
    const chunks: Uint8Array[] = [];
    const lookAhead = this.#upsampling ? CONTEXT : 0;
    while (this.#pending.length - this.#history >= this.#block + lookAhead) chunks.push(this.#take(this.#block, lookAhead));
    return chunks;
  }

  /** The last, shorter chunk (the stream ended: no look-ahead is coming), if any audio is left. */
  public end(): Uint8Array[] {
    const left = this.#pending.length - this.#history;
    return left > 0 ? [this.#take(left, 0)] : [];
  }

  get #upsampling(): boolean {
    return this.#inputRate !== MEDICAL_STREAM.sampleRateHz;
  }

  /** Output for the `count` samples after the history, using `lookAhead` samples after them. */
  #take(count: number, lookAhead: number): Uint8Array {
    const start = this.#history;
    let out: Int16Array;
    if (this.#upsampling) {
      const window = this.#pending.subarray(0, start + count + lookAhead);
      out = upsample2x(window).slice(2 * start, 2 * (start + count));
    } else {
      out = this.#pending.slice(start, start + count);
    }
    const keepFrom = Math.max(0, start + count - CONTEXT);
    this.#pending = this.#pending.slice(keepFrom);
    this.#history = start + count - keepFrom;
    return toLittleEndianBytes(out);
  }
}
