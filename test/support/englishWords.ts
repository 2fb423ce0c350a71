/**
 * English left in what a Spanish caller hears: a short list of English words that are not Spanish
 * words, matched as whole words, for the es_US fixtures of `test/fixtures/lex/`. Data the clinic
 * keeps in English (Epic's department names, places, drug names) is not the IVR's wording and is
 * taken out before the check. Appointment instructions are not: a Spanish caller hears them only
 * after choosing English, marked as English (`<lang>`), which the replay takes out itself.
 */

import { appointmentInstructions, forbiddenAppointmentStrings } from './appointmentStrings';
import { forbiddenMedicationStrings } from './patientStrings';

/**
 * English words a Spanish answer must not hold: common English words that are not Spanish words too
 * (so "no", "a", "me", "son", "doctor", "oral", "total", "menu" are left out), and the weekday and
 * month names an English date formatter would leave in a Spanish sentence. Enough to catch an English
 * sentence; not a language detector.
 */
export const ENGLISH_ONLY_WORDS: readonly string[] = [
  ...(
    'the you your please press to for and is are was thank thanks calling call birth date medication medications ' +
    'hello goodbye bye say said what would like message care team have has this that with my of or on at ' +
    'it we our can will not sorry yes verify verified who be if hang up now minutes when finished pound recorded sent ' +
    'saved office closed staff busy connect connecting someone help appointment appointments refill refills ' +
    'hear more repeat again right back try take taking tablet by mouth daily every hours needed inhale puffs per ' +
    'morning before breakfast nightly milligram micrograms microgram active file there here hold records'
  ).split(' '),
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];

const WORDS = new RegExp(`(?<![\\p{L}\\p{N}])(${ENGLISH_ONLY_WORDS.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

let clinicData: readonly string[] | undefined;

/**
 * What the sandbox's Epic holds in English and the IVR reads as it is in a Spanish call: appointment
 * details (departments, places, addresses; not the instructions) and drug names. Longest first, so a
 * phrase is removed before a word inside it.
 */
export function englishClinicData(): readonly string[] {
  if (!clinicData) {
    const instructions = new Set(appointmentInstructions());
    const names = forbiddenAppointmentStrings().filter((form) => !instructions.has(form));
    clinicData = [...names, ...forbiddenMedicationStrings()].sort((a, b) => b.length - a.length);
  }
  return clinicData;
}

/**
 * The English words of {@link ENGLISH_ONLY_WORDS} in `text` (lower case, in order; empty when none),
 * once the clinic's English data and each phrase of `allowed` are taken out.
 *
 * @example
 * englishWordsIn('Tiene 4 citas programadas.'); // []
 * englishWordsIn('Su próxima cita es el Saturday, December 12'); // ['saturday', 'december']
 */
export function englishWordsIn(text: string, allowed: readonly string[] = []): string[] {
  const phrases = [...allowed, ...englishClinicData()].filter(Boolean).map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const rest = phrases.length ? text.replace(new RegExp(phrases.join('|'), 'gi'), ' ') : text;
  return [...rest.matchAll(WORDS)].map((match) => (match[1] ?? '').toLowerCase());
}
