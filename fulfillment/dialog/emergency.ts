import { hasRedFlag, normalizeSpeech } from '../notes/redFlags';

/**
 * Whether the caller's words sound like an emergency (case and punctuation ignored). Checked on every
 * turn, whatever the intent: a caller does not wait for the right menu to say "I can't breathe". The
 * phrases are the shared red flags of `redFlags.ts`, which the symptom notes use too.
 */
export function soundsLikeEmergency(transcript: string | undefined): boolean {
  if (!transcript) return false;
  return hasRedFlag(normalizeSpeech(transcript).text);
}
