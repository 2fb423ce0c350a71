import type { KeptItem } from './medicationPager';

/**
 * Which medication of the kept list the caller's words name: one (`index`), several that the words
 * cannot tell apart (`ambiguous`: ask, never guess), a medication that is not on the list
 * (`unknownName`: never guessed), or none at all (`none`).
 */
export type RefillChoice =
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'ambiguous'; readonly indices: readonly number[] }
  | { readonly kind: 'unknownName' }
  | { readonly kind: 'none' };

/** What a number in the caller's words refers to. */
export interface ChoiceContext {
  /** Positions in the kept list that keys 1, 2, … stand for (the caller was offered keys). */
  readonly options?: readonly number[];
  /** The page the caller heard last: "the second one" counts from its first medication. */
  readonly heard?: { readonly start: number; readonly count: number };
}

const ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7, '8th': 8, '9th': 9,
};

const CARDINALS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};

/**
 * Words that name no medication: how callers ask for a refill, and the dose-form and unit words of
 * chart names (a match on "tablet" would match every tablet). What is left of the caller's words
 * after these, when it matches no kept name, is a medication that is not on the list.
 */
const NOT_A_NAME = new Set(
  (
    'refill refills refilled fill filled renew renewal request requests reorder order need needs want wanted would like please ' +
    'prescription prescriptions medication medications medicine medicines meds pill pills drug drugs script ' +
    'the a an my me i i\'d i\'m im to for of on and or that this these those one ones it its is be can could you your get got ' +
    'another again more some just also about with from have has had out run running ran almost nearly some thanks thank okay ' +
    'yeah yes sure so um uh hi hello number last which what send sent new ' +
    'tablet tablets capsule capsules oral inhaler metered dose spray nasal solution release extended delayed hour hours ' +
    'milligram milligrams microgram micrograms milliliter milliliters units unit per puff puffs actuation mcg mg ' +
    'hydrochloride sodium propionate succinate tartrate'
  ).split(' '),
);

/** Lowercase words of `text`, punctuation dropped. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").replace(/[^a-z0-9' ]+/g, ' ').split(' ').filter(Boolean);
}

/** The words of a kept name a caller would say for it: its drug words, not its forms and units. */
function nameWords(name: string): string[] {
  return wordsOf(name).filter((word) => /^[a-z]{4,}$/.test(word) && !NOT_A_NAME.has(word));
}

/** The number the caller's words give ("the second one", "number 2", "2", "the last one"), if any. */
function spokenNumber(words: readonly string[], last: number): number | undefined {
  if (words.length === 1 && /^\d{1,2}$/.test(words[0] as string)) return Number(words[0]);
  for (const word of words) if (ORDINALS[word] !== undefined) return ORDINALS[word];
  if (words.includes('last')) return last;
  const numbered = words.indexOf('number');
  const after = numbered >= 0 ? words[numbered + 1] : undefined;
  if (after !== undefined) return /^\d{1,2}$/.test(after) ? Number(after) : CARDINALS[after];
  // A bare cardinal alone ("two"), not inside a longer sentence where "one" is a pronoun.
  if (words.length === 1) return CARDINALS[words[0] as string];
  return undefined;
}

/**
 * Reads which medication the caller means, locally (no Epic request): a key or a position first
 * (relative to the keys offered, else to the page last heard), then a drug name matched against
 * the kept spoken names; two names that match the same words are narrowed by a dose the caller gave
 * ("metformin 1000"), else left `ambiguous`.
 *
 * @example
 * chooseMedication('refill my atorvastatin', items); // { kind: 'index', index: 1 }
 * chooseMedication('the second one', items, { heard: { start: 0, count: 3 } }); // { kind: 'index', index: 1 }
 */
export function chooseMedication(transcript: string | undefined, items: readonly KeptItem[], context: ChoiceContext = {}): RefillChoice {
  const words = wordsOf(transcript ?? '');
  if (words.length === 0) return { kind: 'none' };
  const range = context.options ?? (context.heard ? Array.from({ length: context.heard.count }, (_, offset) => (context.heard?.start ?? 0) + offset) : []);
  const number = spokenNumber(words, range.length);
  if (number !== undefined) {
    const index = range[number - 1];
    return index !== undefined && index < items.length ? { kind: 'index', index } : { kind: 'none' };
  }
  const said = new Set(words);
  const matches = items.flatMap((item, index) => (nameWords(item.n).some((word) => said.has(word)) ? [index] : []));
  if (matches.length === 1) return { kind: 'index', index: matches[0] as number };
  if (matches.length > 1) {
    const numbers = words.filter((word) => /^\d+$/.test(word));
    const narrowed = matches.filter((index) => numbers.length > 0 && numbers.every((value) => wordsOf(items[index]?.n ?? '').includes(value)));
    return narrowed.length === 1 ? { kind: 'index', index: narrowed[0] as number } : { kind: 'ambiguous', indices: matches };
  }
  const rest = words.filter((word) => /^[a-z]{4,}$/.test(word) && !NOT_A_NAME.has(word));
  return rest.length > 0 ? { kind: 'unknownName' } : { kind: 'none' };
}
