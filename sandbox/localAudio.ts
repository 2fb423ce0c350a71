/**
 * LOCAL MODE STAND-IN for the caller's voice: there is no audio on a simulated call (the caller
 * types), so the local recording is a synthetic, clearly artificial murmur as long as the words would
 * take to say (about 150 words a minute), written as the 16 kHz WAV the real recording worker stores.
 * The care team hears something in the local inbox; nothing in it is speech.
 */
import { encodeWav, OUTPUT_SAMPLE_RATE } from '../fulfillment/recording/audio';

/** Words a minute the length is figured at. */
const WORDS_PER_MINUTE = 150;
/** Shortest and longest recording made (Connect's message limit is two minutes). */
const MIN_MS = 1_500;
const MAX_MS = 120_000;

/**
 * A WAV as long as `words` would take to say: a soft 140 Hz hum with a few harmonics, swelling and
 * fading at syllable pace (4 a second). Deterministic: the same words give the same bytes.
 *
 * @example
 * const wav = syntheticMessageWav('I have had a dry cough for three days'); // about 3.2 s at 16 kHz
 */
export function syntheticMessageWav(words: string): Uint8Array {
  const count = words.trim().split(/\s+/).filter(Boolean).length;
  const durationMs = Math.min(MAX_MS, Math.max(MIN_MS, Math.round((count / WORDS_PER_MINUTE) * 60_000)));
  const samples = new Int16Array(Math.round((durationMs / 1000) * OUTPUT_SAMPLE_RATE));
  for (let i = 0; i < samples.length; i += 1) {
    const t = i / OUTPUT_SAMPLE_RATE;
    const syllable = 0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t);
    const fade = Math.min(1, t / 0.05, (samples.length - i) / (0.05 * OUTPUT_SAMPLE_RATE));
    const tone = Math.sin(2 * Math.PI * 140 * t) + 0.5 * Math.sin(2 * Math.PI * 280 * t) + 0.25 * Math.sin(2 * Math.PI * 420 * t);
    samples[i] = Math.round(2400 * syllable * fade * tone);
  }
  return encodeWav(samples, OUTPUT_SAMPLE_RATE);
}
