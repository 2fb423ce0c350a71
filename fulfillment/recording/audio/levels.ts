import { SILENCE } from './constants';

/** Loudness figures of a recording (no content: safe to log). */
export interface AudioLevels {
  /** RMS of the whole recording, in 16-bit sample units. */
  readonly rms: number;
  /** Largest absolute sample. */
  readonly peak: number;
  /** 20 ms frames whose RMS reaches {@link SILENCE}.frameRms. */
  readonly voicedFrames: number;
}

/**
 * Measures `samples` frame by frame (frames of {@link SILENCE}.frameMs at `sampleRate`).
 *
 * @example
 * measureLevels(samples, 8000); // { rms: 1830.2, peak: 14211, voicedFrames: 97 }
 */
export function measureLevels(samples: Int16Array, sampleRate: number): AudioLevels {
  const frameLength = Math.max(1, Math.round((sampleRate * SILENCE.frameMs) / 1000));
  const voicedEnergy = SILENCE.frameRms * SILENCE.frameRms * frameLength;
  let total = 0;
  let peak = 0;
  let voicedFrames = 0;
  for (let start = 0; start < samples.length; start += frameLength) {
    const end = Math.min(samples.length, start + frameLength);
    let energy = 0;
    for (let i = start; i < end; i += 1) {
      const sample = samples[i] as number;
      energy += sample * sample;
      const magnitude = sample < 0 ? -sample : sample;
      if (magnitude > peak) peak = magnitude;
    }
    total += energy;
    // A short last frame is judged by its own length.
    if (energy >= (voicedEnergy * (end - start)) / frameLength) voicedFrames += 1;
  }
  return { rms: samples.length === 0 ? 0 : Math.sqrt(total / samples.length), peak, voicedFrames };
}

/**
 * True when the recording holds less voice than {@link SILENCE}.minVoicedFrames frames: near-silence
 * (line noise, a caller who said nothing) that is not worth a transcription.
 *
 * @example
 * isSilent(measureLevels(samples, 8000)); // false for a spoken message
 */
export function isSilent(levels: AudioLevels): boolean {
  return levels.voicedFrames < SILENCE.minVoicedFrames;
}
