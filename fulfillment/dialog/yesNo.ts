import { CONFIRM_KEYS, LOCALE_ID, type LocaleId } from '../../contract';
import { isClearNo } from './emergency';
import { foldSpeech, wordsFor } from './listenedWords';

/**
 * Whether spoken words are a clear yes: they begin as a yes and hold no doubt ("yes, but not now",
 * "okay, no"). Silence and anything else are not a yes; the counterpart of the emergency question's
 * `isClearNo`. For a question whose keys were not announced (the text offer). The words are the
 * locale's (`listenedWords.ts`), accents ignored ("si" is "sí").
 *
 * @example
 * isClearYes('yes please'); // true
 * isClearYes('yes but not that one'); // false
 * isClearYes('Sí, mándelo', 'es_US'); // true
 */
export function isClearYes(transcript: string | undefined, locale: LocaleId = LOCALE_ID): boolean {
  if (!transcript) return false;
  const words = foldSpeech(transcript);
  const listened = wordsFor(locale);
  return listened.yes.test(words) && !listened.notPlainYes.test(words);
}

/**
 * Whether the answer to a yes/no question that announced {@link CONFIRM_KEYS} (a refill's
 * confirmation) is a clear yes: the yes key, or {@link isClearYes} words.
 */
export function answerIsYes(transcript: string | undefined, locale: LocaleId = LOCALE_ID): boolean {
  if (!transcript) return false;
  return transcript.trim() === CONFIRM_KEYS.yes || isClearYes(transcript, locale);
}

/**
 * Whether the answer is a clear no: the no key, or a plain "no" as the emergency check reads it
 * (`isClearNo`: starts as a no, holds no doubt).
 *
 * @example
 * answerIsNo('no thanks'); // true
 */
export function answerIsNo(transcript: string | undefined, locale: LocaleId = LOCALE_ID): boolean {
  if (!transcript) return false;
  if (transcript.trim() === CONFIRM_KEYS.no) return true;
  return isClearNo(transcript, locale);
}
