import { CONFIRM_KEYS } from '../../contract';
import { normalizeSpeech } from '../notes/redFlags';
import { isClearNo } from './emergency';

/** Answers that begin a plain "yes". */
const YES_ANSWER =
  /^(?:yes|yeah|yep|yup|sure|please|please do|ok|okay|correct|that'?s right|right|go ahead|do it|send it|text me|text it|that'?s fine|that would be great|all right|alright|absolutely|of course)\b/;

/** Words that make an answer anything but a plain "yes" ("yes, but…", "yes… no, wait"). */
const NOT_PLAIN_YES = /\b(?:no|not|don'?t|nope|wait|but|maybe|unsure|other|different|wrong|later|stop|cancel|never|agent|person)\b/;

function wordsOf(transcript: string): string {
  return normalizeSpeech(transcript).text.replace(/\s+/g, ' ').trim();
}

/**
 * Whether spoken words are a clear yes: they begin as a yes and hold no doubt ("yes, but not now",
 * "okay, no"). Silence and anything else are not a yes; the counterpart of the emergency question's
 * `isClearNo`. For a question whose keys were not announced (the text offer).
 *
 * @example
 * isClearYes('yes please'); // true
 * isClearYes('yes but not that one'); // false
 */
export function isClearYes(transcript: string | undefined): boolean {
  if (!transcript) return false;
  const words = wordsOf(transcript);
  return YES_ANSWER.test(words) && !NOT_PLAIN_YES.test(words);
}

/**
 * Whether the answer to a yes/no question that announced {@link CONFIRM_KEYS} (a refill's
 * confirmation) is a clear yes: the yes key, or {@link isClearYes} words.
 */
export function answerIsYes(transcript: string | undefined): boolean {
  if (!transcript) return false;
  return transcript.trim() === CONFIRM_KEYS.yes || isClearYes(transcript);
}

/**
 * Whether the answer is a clear no: the no key, or a plain "no" as the emergency check reads it
 * (`isClearNo`: starts as a no, holds no doubt).
 *
 * @example
 * answerIsNo('no thanks'); // true
 */
export function answerIsNo(transcript: string | undefined): boolean {
  if (!transcript) return false;
  if (transcript.trim() === CONFIRM_KEYS.no) return true;
  return isClearNo(transcript);
}
