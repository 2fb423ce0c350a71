import { normalizeSpeech } from '../notes/redFlags';

/** Answers that begin a plain "yes". */
const YES_ANSWER = /^(?:yes|yeah|yep|yup|sure|ok|okay|please|please do|go ahead|send it|do it|text me|text it|that'?s fine|that would be great|all right|alright|absolutely|of course|correct)\b/;

/** Words that make an answer anything but a plain "yes". */
const DOUBT = /\b(?:no|not|nope|don'?t|do not|wait|maybe|later|stop|cancel|never|but|agent|person)\b/;

/**
 * Whether the answer to a yes/no question ("Shall I send it?") is a clear yes: it starts as a yes and
 * holds no doubt ("yes, but not now", "okay, no"). Silence and anything else are not a yes, the
 * counterpart of the emergency question's `isClearNo`.
 *
 * @example
 * isClearYes('Yes please'); // true
 * isClearYes("yes but don't send it"); // false
 */
export function isClearYes(transcript: string | undefined): boolean {
  if (!transcript) return false;
  const words = normalizeSpeech(transcript).text.replace(/\s+/g, ' ').trim();
  return YES_ANSWER.test(words) && !DOUBT.test(words);
}
