/**
 * NegEx-style negation (Chapman et al., 2001): a finding is negated when a negation trigger stands
 * before it within a few words and inside the same clause, or a post-trigger ("… went away") follows
 * it closely; two denials before it ("I never said I don't have …") blur it, so it is not negated
 * (a missed negation costs a question, a wrong one may cost a life). Clauses end at sentence punctuation, at conjunctions that turn the sentence ("but",
 * "however" …) and where a new statement starts ("…, I have …"). Used by the local extractor and by
 * the note's red-flag check; Comprehend Medical does its own negation (the NEGATION trait).
 */

/**
 * Pre-negation triggers, longest first so "do not have" wins over "not". English, then Spanish
 * (es-US, issue 18): "no tengo dolor de pecho", "sin fiebre", "nunca he tenido", "ya no", "niego".
 */
const PRE_TRIGGERS = [
  'no puedo decir',
  'no he tenido',
  'no tengo',
  'no tiene',
  'no tuve',
  'ya no',
  'tampoco',
  'nunca',
  'niego',
  'niega',
  'sin',
  'ni',
  'negative for',
  'free of',
  'absence of',
  'no signs of',
  'no sign of',
  'ruled out',
  // Hedged denials: alone they deny ("I can't say I have chest pain"); before a second denial they
  // make a double denial ("I can't say I don't have chest pain"), which is not a clear negation.
  "can't say",
  'cannot say',
  "couldn't say",
  "wouldn't say",
  "won't say",
  'do not have',
  "don't have",
  'does not have',
  "doesn't have",
  'did not have',
  "didn't have",
  "haven't had",
  'have not had',
  "hasn't had",
  'has not had',
  'no longer',
  'denies',
  'denied',
  'deny',
  'without',
  'never',
  'neither',
  'nor',
  'not',
  'no',
  "don't",
  "didn't",
  "haven't",
  "hasn't",
  "doesn't",
  "isn't",
  "wasn't",
  "aren't",
] as const;

/** Phrases that contain a trigger but do not negate what follows ("no better", "not only"). */
const PSEUDO_NEGATIONS =
  /\b(?:no idea|no better|no worse|no change|no improvement|no relief|no matter|not only|not sure|not certain|not getting better|not improving|not going away)\b|(?:\bnot|n['’]t) (?:know|go away|gone away|help\w*|work\w*|stop\w*)\b/gi;

/** Post-negation triggers: the finding was there and is over ("se me quitó", "ya se pasó", "desapareció" in Spanish). */
const POST_TRIGGER = /^\W{0,3}(?:[\w'’]+\W+){0,2}?(?:gone|went away|resolved|stopped|cleared up|se me quit[oó]|se (?:me )?pas[oó]|se fue|desapareci[oó])(?![\w\u00C0-\u024F])/i;

/** Where a clause ends: punctuation, turning conjunctions, and a new first-person statement. */
const CLAUSE_BREAK =
  /[.!?;:]|\b(?:but|however|although|though|except|yet|aside from|apart from|which|who|because|pero|aunque|sino|excepto|porque)\b|(?:,|\band|\bso|\bthen)\s+(?:i|i'm|i've|my|it|it's|he|she|we|they|there|this|that)\b|(?:,|\by)\s+(?:tengo|me|mi|estoy)\b/gi;

/** Words a pre-trigger may reach across (NegEx uses five). */
export const NEGATION_WINDOW_WORDS = 5;

/** Words at most between two triggers for the second to deny the first. */
const DOUBLE_DENIAL_WORDS = 3;

const TRIGGER_PATTERN = new RegExp(
  `\\b(?:${PRE_TRIGGERS.map((trigger) => trigger.replace(/'/g, "['’]").replace(/ /g, '\\s+')).join('|')})(?![\\w'’])`,
  'gi',
);

/** The verdict on one finding: negated or not, and how sure (closer trigger, surer). */
export interface NegationVerdict {
  readonly negated: boolean;
  /** Confidence in [0, 1] in the verdict's NEGATION trait; 0 when not negated. */
  readonly score: number;
}

/**
 * Whether the finding at `[begin, end)` of `text` is negated.
 *
 * @example
 * isNegated('No fever but a bad cough', 3, 8).negated; // true ("No fever")
 * isNegated('No fever but a bad cough', 19, 24).negated; // false ("but" ends the clause)
 */
export function isNegated(text: string, begin: number, end: number): NegationVerdict {
  const clauseStart = lastClauseBreak(text, begin);
  const before = text.slice(clauseStart, begin).replace(PSEUDO_NEGATIONS, (phrase) => ' '.repeat(phrase.length));
  let nearest: number | undefined;
  let previous: { text: string; end: number } | undefined;
  for (const match of before.matchAll(TRIGGER_PATTERN)) {
    const end = match.index + match[0].length;
    const between = before.slice(end).match(/[\w'’-]+/g)?.length ?? 0;
    if (between > NEGATION_WINDOW_WORDS) continue;
    nearest = Math.min(nearest ?? between, between);
    const text = match[0].toLowerCase();
    // Two denials cancel or blur ("I never said I don't have chest pain"): not a clear negation.
    if (previous && isDoubleDenial(previous.text, text, before.slice(previous.end, match.index))) return { negated: false, score: 0 };
    previous = { text, end };
  }
  if (nearest !== undefined) return { negated: true, score: round(0.97 - 0.04 * nearest) };
  const after = POST_TRIGGER.exec(text.slice(end, nextClauseBreak(text, end)));
  // "has not stopped" says the opposite.
  // "has not stopped", "no se me quitó" say the opposite.
  if (after && !/\bnot\b|n['’]t\b|\bnever\b|\bno\b|\bnunca\b/i.test(after[0])) return { negated: true, score: 0.8 };
  return { negated: false, score: 0 };
}

/**
 * Whether a second trigger close after the first denies the first ("not … don't", "never said I
 * don't"), rather than starting the next item of a list ("no fever, no chills", "… and no cough"),
 * repeating it ("no, no") or carrying it on ("neither … nor").
 */
function isDoubleDenial(first: string, second: string, between: string): boolean {
  // "neither … nor", "no … ni": the next item of a denied list, not a denial of the denial.
  if (second === 'nor' || second === 'ni') return false;
  if (/,|\b(?:and|or)\b/i.test(between)) return false;
  const words = between.match(/[\w'’-]+/g)?.length ?? 0;
  if (words === 0 && first === second) return false;
  return words <= DOUBLE_DENIAL_WORDS;
}

function lastClauseBreak(text: string, before: number): number {
  const head = text.slice(0, before);
  let start = 0;
  for (const match of head.matchAll(CLAUSE_BREAK)) start = match.index + match[0].length;
  return start;
}

function nextClauseBreak(text: string, from: number): number {
  const tail = text.slice(from);
  const match = new RegExp(CLAUSE_BREAK.source, 'i').exec(tail);
  return match ? from + match.index : text.length;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
