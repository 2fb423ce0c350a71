import { GENDER_KEYS } from '../../contract';
import type { AdministrativeGender } from '../epic';

const WORDS: Record<string, AdministrativeGender> = {
  female: 'female', woman: 'female', lady: 'female', girl: 'female', f: 'female',
  male: 'male', man: 'male', gentleman: 'male', boy: 'male', m: 'male',
  other: 'other', 'non-binary': 'other', nonbinary: 'other', 'non binary': 'other', another: 'other', 'something else': 'other',
  unknown: 'unknown', "don't know": 'unknown', 'prefer not to say': 'unknown', 'rather not say': 'unknown',
  [GENDER_KEYS.female]: 'female', [GENDER_KEYS.male]: 'male', [GENDER_KEYS.other]: 'other',
  one: 'female', two: 'male', three: 'other',
};

/**
 * Normalizes a gender answer to FHIR administrative gender: the slot type's resolved value when Lex
 * gives one, else the words or keypad digit the caller used. `undefined` when it is not an answer.
 */
export function readGender(interpreted: string | undefined, original: string | undefined): AdministrativeGender | undefined {
  for (const candidate of [interpreted, original]) {
    const key = candidate?.trim().toLowerCase().replace(/[.!?]+$/, '');
    // Own keys only: `in` would also find Object.prototype's ("constructor", "toString").
    if (key && Object.hasOwn(WORDS, key)) return WORDS[key];
  }
  return undefined;
}
