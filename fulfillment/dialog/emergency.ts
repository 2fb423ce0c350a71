import { normalizeSpeech, type RedFlagId } from '../notes/redFlags';
import { judgeRedFlags } from '../notes/triage';

/**
 * What the caller's words say about an emergency: nothing, an emergency (`affirmed`), or only
 * denied or long-past ones (`negated`, as in "I don't have chest pain, I just want my medications" or
 * "I had a heart attack last year"): the dialog then asks its one yes/no question.
 */
export type EmergencyMention = { readonly kind: 'none' } | { readonly kind: 'affirmed' | 'negated'; readonly flag: RedFlagId };

/**
 * Reads the caller's words for red flags (case and punctuation ignored), checked on every turn,
 * whatever the intent: a caller does not wait for the right menu to say "I can't breathe". The
 * judge is the one red-flag rule set (`notes/redFlagRules.ts`, applied by `notes/triage.ts`), so a
 * recorded message and the live triage at `#` are judged the same way. One red flag that is not
 * clearly denied (or long past) makes the whole sentence `affirmed`.
 *
 * @example
 * emergencyMention("I can't breathe"); // { kind: 'affirmed', flag: 'breathing' }
 * emergencyMention('I do not have chest pain'); // { kind: 'negated', flag: 'chest-pain' }
 */
export function emergencyMention(transcript: string | undefined): EmergencyMention {
  if (!transcript) return { kind: 'none' };
  const verdict = judgeRedFlags(transcript);
  if (!verdict.flag) return { kind: 'none' };
  return { kind: verdict.decision === 'urgent' ? 'affirmed' : 'negated', flag: verdict.flag };
}

/** Whether the caller's words sound like an emergency that is not clearly denied. */
export function soundsLikeEmergency(transcript: string | undefined): boolean {
  return emergencyMention(transcript).kind === 'affirmed';
}

/** Answers that begin a plain "no". */
const NO_ANSWER = /^(?:no|nope|nah|not now|not right now|i'?m not|i am not|i don'?t|i do not|i haven'?t|i have not)\b/;

/** Words that make an answer anything but a plain "no". */
const DOUBT = /\b(?:yes|yeah|yep|yup|maybe|perhaps|but|think|sort of|kind of|little|bit|sure|know|unsure|sometimes|again|still|help|agent|person)\b/;

/**
 * Whether the answer to "Are you having chest pain right now?" is a clear no: it starts as a no,
 * holds no doubt ("no, but…", "I don't know") and names no emergency that is not denied. Silence
 * and anything else are not a no.
 *
 * @example
 * isClearNo("No, I'm fine"); // true
 * isClearNo('no but it comes and goes'); // false
 */
export function isClearNo(transcript: string | undefined): boolean {
  if (!transcript) return false;
  const words = normalizeSpeech(transcript).text.replace(/\s+/g, ' ').trim();
  return NO_ANSWER.test(words) && !DOUBT.test(words) && emergencyMention(transcript).kind !== 'affirmed';
}
