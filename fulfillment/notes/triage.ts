import type { RedFlagId } from '../../contract';
import { isNegated } from './negation';
import { LONG_AGO, PAST_VERB, RED_FLAG_RULES_VERSION, STILL_NOW } from './redFlagRules';
import { findRedFlags, type RedFlagMatch } from './redFlags';

/**
 * The red-flag rules (`redFlagRules.ts`) applied to a transcript: every mention judged, and the
 * verdict of the whole. The one judge the dialog, the live triage and the notes share.
 */

/** How one mention reads: affirmed (or unclear), clearly denied, or long past and not back. */
export type MentionStatus = 'affirmed' | 'negated' | 'past';

/** One red-flag mention and how it reads. */
export interface JudgedMention {
  readonly match: RedFlagMatch;
  readonly status: MentionStatus;
}

/** The verdict of the rules on one transcript. */
export interface RedFlagVerdict {
  /** `urgent` when any mention is affirmed; else `routine` (no mention, or only denied or past ones). */
  readonly decision: 'urgent' | 'routine';
  /** The first affirmed red flag when urgent; else the first mentioned one, if any. */
  readonly flag?: RedFlagId;
  /** Every mention, in text order. */
  readonly mentions: readonly JudgedMention[];
  /** {@link RED_FLAG_RULES_VERSION} of the rules that judged it. */
  readonly rulesVersion: string;
}

/**
 * Judges a transcript with the red-flag rules.
 *
 * @example
 * judgeRedFlags('I have crushing chest pain').decision; // 'urgent'
 * judgeRedFlags('no chest pain, just a refill').decision; // 'routine'
 * judgeRedFlags('I had chest pain last year').decision; // 'routine' (past)
 */
export function judgeRedFlags(transcript: string): RedFlagVerdict {
  const mentions = findRedFlags(transcript).map((match) => ({ match, status: mentionStatus(transcript, match) }));
  const affirmed = mentions.find((mention) => mention.status === 'affirmed');
  const flag = (affirmed ?? mentions[0])?.match.rule.id;
  return { decision: affirmed ? 'urgent' : 'routine', ...(flag ? { flag } : {}), mentions, rulesVersion: RED_FLAG_RULES_VERSION };
}

/** How the mention at `match` reads (rule 3 of the rule file). */
export function mentionStatus(transcript: string, match: Pick<RedFlagMatch, 'begin' | 'end'>): MentionStatus {
  if (isNegated(transcript, match.begin, match.end).negated) return 'negated';
  return isPast(transcript, match) ? 'past' : 'affirmed';
}

/** Sentence ends: what bounds the search for "long ago" and "still". */
const SENTENCE_END = /[.!?;]/g;

/**
 * Past: the sentence of the mention says it happened long ago, with a verb of the past, and nothing
 * in it (outside the phrase itself) says it is back or ongoing. Anything less certain is not past.
 */
function isPast(transcript: string, match: Pick<RedFlagMatch, 'begin' | 'end'>): boolean {
  let start = 0;
  for (const end of transcript.slice(0, match.begin).matchAll(SENTENCE_END)) start = end.index + 1;
  const after = transcript.slice(match.end).search(SENTENCE_END);
  const stop = after < 0 ? transcript.length : match.end + after;
  const sentence = transcript.slice(start, stop);
  const around = `${transcript.slice(start, match.begin)} … ${transcript.slice(match.end, stop)}`;
  return LONG_AGO.test(sentence) && PAST_VERB.test(transcript.slice(start, match.begin)) && !STILL_NOW.test(around);
}
