import { LOCALE_ID, type LocaleId } from '../../contract';
import type { RedFlagId } from '../notes/redFlags';
import { judgeRedFlags } from '../notes/triage';
import { foldSpeech, wordsFor } from './listenedWords';

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

/**
 * Whether the caller says the call is an emergency in so many words ("it's an emergency", "es una
 * emergencia"), which names no red flag: on every turn it gets the 911 advice and a person, as a red
 * flag does. Only a plain denial just before it ("it's not an emergency", "no es una emergencia")
 * keeps it from counting.
 *
 * @example
 * saysEmergency('es una emergencia', 'es_US'); // true
 * saysEmergency('no es una emergencia', 'es_US'); // false
 */
export function saysEmergency(transcript: string | undefined, locale: LocaleId = LOCALE_ID): boolean {
  if (!transcript) return false;
  const words = foldSpeech(transcript);
  const listened = wordsFor(locale);
  return listened.emergency.test(words) && !listened.notEmergency.test(words);
}

/**
 * Whether the answer to "Are you having chest pain right now?" is a clear no: it starts as a no,
 * holds no doubt ("no, but…", "I don't know", "no sé") and names no emergency that is not denied, in
 * the locale's words (`listenedWords.ts`). Silence and anything else are not a no.
 *
 * @example
 * isClearNo("No, I'm fine"); // true
 * isClearNo('no but it comes and goes'); // false
 * isClearNo('No, gracias', 'es_US'); // true
 */
export function isClearNo(transcript: string | undefined, locale: LocaleId = LOCALE_ID): boolean {
  if (!transcript) return false;
  const words = foldSpeech(transcript);
  const listened = wordsFor(locale);
  return listened.no.test(words) && !listened.notPlainNo.test(words) && emergencyMention(transcript).kind !== 'affirmed' && !saysEmergency(transcript, locale);
}
