/**
 * THE RED-FLAG RULES: the one rule set the bots (every turn), the live triage at `#` and the symptom
 * pipeline (every note) use to decide whether a caller may need emergency care now. Written to be
 * read and reviewed by a clinician; a change here changes all three at once, so raise
 * {@link RED_FLAG_RULES_VERSION} with every change (every message and note records the version it
 * was judged with).
 *
 * How a transcript is judged (`triage.ts` applies it; tests in test/notes/redFlagRules.test.ts):
 * 1. Words are read in lower case, without punctuation ("Chest-pain!" reads "chest pain").
 * 2. Every phrase below that occurs is one MENTION of its red flag.
 * 3. Each mention is
 *    - NEGATED when clearly denied: a denial ("no", "not", "don't have", "denies", "never", "without" …)
 *      stands at most 5 words before it in the same clause ("no chest pain", "I don't have any chest
 *      pain"), or it "went away" / "stopped" / "resolved" just after;
 *    - but NOT negated when denied twice over ("I can't say I don't have chest pain", "I never said I
 *      don't have chest pain"): a double denial is unclear, and unclear is urgent;
 *    - PAST when the same clause says it happened long ago ("I had chest pain last year", "I had a
 *      stroke two years ago", "when I was a child") and nothing in the sentence says it is back or
 *      ongoing ("still", "again", "now", "today", "since", "back", "keeps" …). "Yesterday", "last
 *      night" and "last week" are NOT long ago: they stay urgent;
 *    - AFFIRMED otherwise (said plainly, or anything unclear).
 * 4. A message is URGENT when any mention is affirmed (mixed sentences: "no fever but chest pain" is
 *    urgent). Only when every mention is negated or past is it ROUTINE. No mention: ROUTINE.
 * When in doubt the rules err towards urgent: a missed emergency may cost a life, a false alarm costs
 * a nurse's minute.
 */

import type { RedFlagId } from '../../contract';

/**
 * Version of these rules, recorded on every message (capture job) and every note. Raise it with
 * every change to a phrase or to the judging rules above.
 */
export const RED_FLAG_RULES_VERSION = '2026.12.1';

/** One red flag: what a clinician reads, and the phrases that find it. */
export interface RedFlagRule {
  readonly id: RedFlagId;
  /** Plain label for the note, e.g. "chest pain". */
  readonly label: string;
  /** Phrases as patterns over normalized speech (lower case, letters, apostrophes and spaces only). */
  readonly patterns: readonly RegExp[];
  /** Sentences the rule must find (the tests read them): what callers say. */
  readonly examples: readonly string[];
}

/** Every red flag, in the order a note lists them. */
export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  {
    id: 'chest-pain',
    label: 'chest pain',
    patterns: [/\bchest (pain|pains|pressure|tightness)\b/],
    examples: ['I have crushing chest pain', 'there is a tightness, chest tightness'],
  },
  {
    id: 'breathing',
    label: 'trouble breathing',
    patterns: [/\b(can'?t|cannot|can not|hard to|trouble|difficulty) breath(e|ing)\b/, /\bshort(ness)? of breath\b/, /\bnot breathing\b/],
    examples: ["I can't breathe", 'I am short of breath', 'he is not breathing'],
  },
  {
    id: 'suicidal',
    label: 'suicidal thoughts or self-harm',
    patterns: [/\bsuicid(e|al)\b/, /\b(kill|hurt|harm) (myself|me)\b/, /\bwant to die\b/, /\bend (my|it all)\b.*\blife\b|\bend it all\b/],
    examples: ['I have been feeling suicidal', 'I want to hurt myself'],
  },
  { id: 'overdose', label: 'overdose', patterns: [/\boverdos(e|ed)\b/], examples: ['I think I overdosed on my pills'] },
  { id: 'stroke', label: 'stroke signs', patterns: [/\bstroke\b/, /\b(face|arm) (is )?(drooping|numb)\b/], examples: ['my face is drooping', 'I think I am having a stroke'] },
  { id: 'heart-attack', label: 'heart attack', patterns: [/\bheart attack\b/], examples: ['I think it is a heart attack'] },
  { id: 'unresponsive', label: 'unconscious or unresponsive', patterns: [/\bunconscious\b|\bpassed out\b|\bwon'?t wake up\b/], examples: ["my husband won't wake up", 'she passed out'] },
  { id: 'severe-bleeding', label: 'severe bleeding', patterns: [/\b(severe|heavy) bleeding\b|\bbleeding (a lot|heavily)\b/], examples: ['there is heavy bleeding from the cut'] },
  { id: 'seizure', label: 'seizure', patterns: [/\bseizure\b/], examples: ['my son just had a seizure'] },
];

/** Long ago, in the same clause as the mention: what makes a mention PAST (rule 3). */
export const LONG_AGO =
  /\b(?:last (?:year|month|spring|summer|fall|autumn|winter)|(?:years?|months?|decades?) ago|a (?:long )?(?:while|time) ago|long ago|back in|in (?:19|20)\d\d|when i was|as a (?:child|kid|teenager)|years back)\b/i;

/** A verb of the past in the same clause (without it, "last year" may mean "since last year"). */
export const PAST_VERB = /\b(?:had|was|were|suffered|got|used to)\b/i;

/** Anything in the sentence saying the flag is back or ongoing: the mention is not PAST (rule 3). */
export const STILL_NOW =
  /\b(?:still|again|now|right now|today|tonight|this (?:morning|afternoon|evening)|currently|since|keeps?|kept|back|returned|coming|ongoing|started|starting|is|am|are|have been|has been|getting)\b/i;
