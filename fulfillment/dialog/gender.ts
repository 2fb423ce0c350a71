import { GENDER_KEYS, LOCALE_ID, type LocaleId } from '../../contract';
import type { AdministrativeGender } from '../epic';
import { foldSpeech, wordsFor } from './listenedWords';

const KEYS: Readonly<Record<string, AdministrativeGender>> = {
  [GENDER_KEYS.female]: 'female',
  [GENDER_KEYS.male]: 'male',
  [GENDER_KEYS.other]: 'other',
};

/**
 * Normalizes a gender answer to FHIR administrative gender: the slot type's resolved value when Lex
 * gives one, else the words (the locale's, accents ignored: "Masculino", "mujer") or keypad digit the
 * caller used. `undefined` when it is not an answer.
 *
 * @example
 * readGender(undefined, 'mujer', 'es_US'); // 'female'
 */
export function readGender(interpreted: string | undefined, original: string | undefined, locale: LocaleId = LOCALE_ID): AdministrativeGender | undefined {
  const words = wordsFor(locale).gender;
  // The resolved value is the slot type's (English) value in every locale.
  const english = wordsFor(LOCALE_ID).gender;
  for (const [candidate, table] of [[interpreted, english], [original, words]] as const) {
    const typed = candidate?.trim().replace(/[.!?#]+$/, '');
    // Own keys only: `in` would also find Object.prototype's ("constructor", "toString").
    if (typed && Object.hasOwn(KEYS, typed)) return KEYS[typed];
    const key = typed ? foldSpeech(typed) : '';
    if (key) {
      const found = table.get(key) ?? words.get(key);
      if (found) return found;
    }
  }
  return undefined;
}
