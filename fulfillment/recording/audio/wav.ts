import { endianness } from 'node:os';
import { MediaStreamFormatError } from '../errors';
import { OUTPUT_SAMPLE_RATE } from './constants';

/** Size of the RIFF/WAVE header {@link toWav16k} writes: RIFF (12) + `fmt ` (8 + 16) + `data` (8). */
export const WAV_HEADER_BYTES = 44;

/** Taps on each side of an interpolated sample. */
const HALF_TAPS = 8;

/**
 * Half of the symmetric interpolation filter: a windowed sinc (Blackman window) sampled half-way
 * between input samples, `h[k]` weighting inputs `k` before and `k + 1` after the new sample, scaled
 * so a constant signal stays constant.
 */
const INTERPOLATION_TAPS: Float64Array = (() => {
  const span = HALF_TAPS + 0.5;
  const taps = Float64Array.from({ length: HALF_TAPS }, (_, k) => {
    const x = k + 0.5;
    const window = 0.42 + 0.5 * Math.cos((Math.PI * x) / span) + 0.08 * Math.cos((2 * Math.PI * x) / span);
    return (Math.sin(Math.PI * x) / (Math.PI * x)) * window;
  });
  const gain = 2 * taps.reduce((sum, tap) => sum + tap, 0);
  return taps.map((tap) => tap / gain);
})();

/**
 * How the caller's audio is raised to 16 kHz: by exactly two, with a half-band interpolator. Every
 * input sample is kept as is (output `2i` is input `i`) and the samples between them are a 16-tap
 * windowed-sinc interpolation (cut-off at the 8 kHz source's Nyquist frequency, 4 kHz; edges repeat
 * the first and last sample). So n samples at 8 kHz become exactly 2n at 16 kHz, with no images of
 * the speech band above 4 kHz. wavefile's `toSampleRate` was measured at 1.3-2.5 s for two minutes
 * (and its WAV writer at 0.7 s more), far from the 200× real-time bar, so both are done here.
 */
export const RESAMPLING = { method: 'half-band windowed sinc (Blackman)', factor: 2, tapsPerSide: HALF_TAPS } as const;

/**
 * `samples` at twice their rate (see {@link RESAMPLING}): `2 * samples.length` samples.
 *
 * @example
 * upsample2x(Int16Array.of(0, 1000)); // Int16Array [0, ~530, 1000, ~1000]
 */
export function upsample2x(samples: Int16Array): Int16Array {
  const n = samples.length;
  const out = new Int16Array(2 * n);
  const last = n - 1;
  for (let i = 0; i < n; i += 1) {
    out[2 * i] = samples[i] as number;
    let sum = 0;
    if (i >= HALF_TAPS - 1 && i + HALF_TAPS <= last) {
      for (let k = 0; k < HALF_TAPS; k += 1) sum += (INTERPOLATION_TAPS[k] as number) * ((samples[i - k] as number) + (samples[i + 1 + k] as number));
    } else {
      for (let k = 0; k < HALF_TAPS; k += 1) {
        const before = samples[Math.max(0, i - k)] as number;
        const after = samples[Math.min(last, i + 1 + k)] as number;
        sum += (INTERPOLATION_TAPS[k] as number) * (before + after);
      }
    }
    // Overshoot near full-scale edges is clamped, never wrapped.
    out[2 * i + 1] = sum > 32_767 ? 32_767 : sum < -32_768 ? -32_768 : Math.round(sum);
  }
  return out;
}

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/**
 * A standard RIFF/WAVE file: PCM (format 1), 16-bit, mono, at `sampleRate`.
 *
 * @example
 * encodeWav(samples, 16_000); // 44-byte header + 2 bytes per sample
 */
export function encodeWav(samples: Int16Array, sampleRate: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const wav = new Uint8Array(WAV_HEADER_BYTES + dataBytes);
  const view = new DataView(wav.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i += 1) wav[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  if (LITTLE_ENDIAN_HOST) wav.set(new Uint8Array(samples.buffer, samples.byteOffset, dataBytes), WAV_HEADER_BYTES);
  else samples.forEach((sample, i) => view.setInt16(WAV_HEADER_BYTES + 2 * i, sample, true));
  return wav;
}

/**
 * A 16 kHz WAV of `samples` recorded at `sampleRate` (Connect: 8000, raised by {@link upsample2x}).
 *
 * @example
 * const wav = toWav16k(callerSamples, 8000); // 44-byte header + 4 bytes per 8 kHz sample
 * @throws MediaStreamFormatError for a rate that is neither 8 kHz nor 16 kHz.
 */
export function toWav16k(samples: Int16Array, sampleRate: number): Uint8Array {
  if (sampleRate === OUTPUT_SAMPLE_RATE) return encodeWav(samples, OUTPUT_SAMPLE_RATE);
  if (sampleRate * 2 === OUTPUT_SAMPLE_RATE) return encodeWav(upsample2x(samples), OUTPUT_SAMPLE_RATE);
  throw new MediaStreamFormatError(`Caller audio at ${sampleRate} Hz: only 8 kHz (Connect) and 16 kHz are supported`);
}

/** The format of a PCM WAV file, read from its header. */
export interface WavInfo {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  /** Sample frames in the `data` chunk. */
  readonly sampleCount: number;
  /** Byte offset of the first sample. */
  readonly dataOffset: number;
}

/**
 * Reads the `fmt ` and `data` chunks of a RIFF/WAVE file (other chunks are skipped).
 *
 * @example
 * readWavInfo(wav); // { sampleRate: 16000, channels: 1, bitsPerSample: 16, sampleCount: 40000, dataOffset: 44 }
 * @throws MediaStreamFormatError when the bytes are not a PCM WAV file.
 */
export function readWavInfo(bytes: Uint8Array): WavInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || text(0) !== 'RIFF' || text(8) !== 'WAVE') throw new MediaStreamFormatError('Not a RIFF/WAVE file');
  let format: Omit<WavInfo, 'sampleCount' | 'dataOffset'> | undefined;
  // Chunks are bounded by the file's length; each step moves forward by at least 8 bytes.
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = text(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 24 <= bytes.length) {
      format = { channels: view.getUint16(offset + 10, true), sampleRate: view.getUint32(offset + 12, true), bitsPerSample: view.getUint16(offset + 22, true) };
    } else if (id === 'data') {
      if (!format) break;
      const frameBytes = (format.channels * format.bitsPerSample) / 8;
      const available = Math.min(size, bytes.length - offset - 8);
      return { ...format, sampleCount: Math.floor(available / frameBytes), dataOffset: offset + 8 };
    }
    offset += 8 + size + (size % 2);
  }
  throw new MediaStreamFormatError('WAV file without fmt and data chunks');
}
