import { CONFIRM_KEYS } from '../../contract';
import { normalizeSpeech } from '../notes/redFlags';
import { isClearNo } from './emergency';

/** Answers that begin a plain "yes". */
const YES_ANSWER = /^(?:yes|yeah|yep|yup|sure|please|please do|ok|okay|correct|that'?s right|right|go ahead|do it|send it)\b/;

/** Words that make an answer anything but a plain "yes" ("yes, but…", "yes… no, wait"). */
const NOT_PLAIN_YES = /\b(?:no|not|don'?t|nope|wait|but|maybe|unsure|other|different|wrong)\b/;

function wordsOf(transcript: string): string {
  return normalizeSpeech(transcript).text.replace(/\s+/g, ' ').trim();
}

/**
 * Whether the answer to a yes/no question of the code hook is a clear yes: the yes key, or words
 * that begin as a yes and hold no doubt. Silence and anything else are not a yes.
 *
 * @example
 * answerIsYes('yes please'); // true
 * answerIsYes('yes but not that one'); // false
 */
export function answerIsYes(transcript: string | undefined): boolean {
  if (!transcript) return false;
  if (transcript.trim() === CONFIRM_KEYS.yes) return true;
  const words = wordsOf(transcript);
  return YES_ANSWER.test(words) && !NOT_PLAIN_YES.test(words);
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
