import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { MediaStreamFormatError } from '../../../fulfillment/recording';
import { OUTPUT_SAMPLE_RATE, readWavInfo, toWav16k, upsample2x } from '../../../fulfillment/recording/audio';
import { callerSource } from '../../support/audioFixtures';

const text = (bytes: Uint8Array, offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));

describe('16 kHz WAV', () => {
  it.each([1, 159, 160, 8000, 20_000])('turns %i samples at 8 kHz into exactly twice as many at 16 kHz', (count) => {
    // Prepare
    const samples = callerSource().subarray(0, count);
    // Act
    const wav = toWav16k(samples, 8000);
    // Assess
    expect(readWavInfo(wav)).toEqual({ sampleRate: OUTPUT_SAMPLE_RATE, channels: 1, bitsPerSample: 16, sampleCount: 2 * count, dataOffset: 44 });
    expect(wav.length).toBe(44 + 4 * count);
  });

  it('writes a standard RIFF/WAVE PCM header', () => {
    // Act
    const wav = toWav16k(callerSource().subarray(0, 100), 8000);
    // Assess
    const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
    expect([text(wav, 0), text(wav, 8), text(wav, 12), text(wav, 36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint32(28, true)).toBe(16_000 * 2); // byte rate
    expect(view.getUint16(32, true)).toBe(2); // block align
    expect(view.getUint32(40, true)).toBe(400);
  });

  it('keeps every 8 kHz sample unchanged as every other 16 kHz sample', () => {
    // Prepare
    const source = callerSource();
    // Act
    const upsampled = upsample2x(source);
    // Assess
    expect(upsampled.filter((_, i) => i % 2 === 0)).toEqual(source);
  });

  it('interpolates between samples: a constant stays constant and a slow sine stays on its curve', () => {
    // Prepare
    const constant = new Int16Array(64).fill(1234);
    const sine = Int16Array.from({ length: 400 }, (_, i) => Math.round(10_000 * Math.sin((2 * Math.PI * 300 * i) / 8000)));
    // Act
    const flat = upsample2x(constant);
    const smooth = upsample2x(sine);
    // Assess
    expect(new Set(flat)).toEqual(new Set([1234]));
    for (let j = 40; j < 760; j += 1) expect(Math.abs((smooth[j] as number) - 10_000 * Math.sin((2 * Math.PI * 300 * j) / 16_000))).toBeLessThan(40);
  });

  it('is read back by an independent WAV reader (wavefile) as 16 kHz mono 16-bit with the same samples', () => {
    // Prepare
    const source = callerSource().subarray(0, 4000);
    // Act
    const wav = toWav16k(source, 8000);
    // Assess
    const reader = new wavefile.WaveFile(wav);
    expect(reader.fmt).toMatchObject({ audioFormat: 1, numChannels: 1, sampleRate: 16_000, bitsPerSample: 16 });
    expect(Int16Array.from(reader.getSamples(false, Int16Array) as unknown as Int16Array)).toEqual(upsample2x(source));
  });

  it('refuses a rate it cannot raise to 16 kHz by a factor of two', () => {
    // Act
    const writing = () => toWav16k(new Int16Array(10), 11_025);
    // Assess
    expect(writing).toThrow(MediaStreamFormatError);
  });

  it('clamps filter overshoot to the 16-bit range instead of wrapping around', () => {
    // Prepare: a full-scale square wave, which the low-pass filter overshoots.
    const square = Int16Array.from({ length: 800 }, (_, i) => (Math.floor(i / 20) % 2 === 0 ? 32_767 : -32_768));
    // Act
    const samples = new Int16Array(new Uint8Array(toWav16k(square, 8000).subarray(44)).buffer);
    // Assess: no sign flips next to the peaks (a wrapped sample jumps by more than 60 000).
    const jumps = samples.slice(1).map((sample, i) => Math.abs(sample - (samples[i] as number)));
    expect(Math.max(...jumps)).toBeLessThan(60_000);
  });
});
