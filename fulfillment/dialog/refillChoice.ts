import type { LocaleId } from '../../contract';
import { wordsFor, type ListenedWords } from './listenedWords';
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
  /** Whose words the caller speaks ("la segunda", "número dos"). @default LOCALE_ID */
  readonly locale?: LocaleId;
}

/** Lowercase words of `text`, accents folded ("Número" reads "numero"), punctuation dropped; digits kept. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(' ')
    .filter(Boolean);
}

/** The words of a kept name a caller would say for it: its drug words, not its forms and units. */
function nameWords(name: string, words: ListenedWords): string[] {
  return wordsOf(name).filter((word) => /^[a-z]{4,}$/.test(word) && !words.notAName.has(word));
}

/** The number the caller's words give ("the second one", "number 2", "2", "the last one"), if any. */
function spokenNumber(words: readonly string[], last: number, listened: ListenedWords): number | undefined {
  if (words.length === 1 && /^\d{1,2}$/.test(words[0] as string)) return Number(words[0]);
  for (const word of words) if (listened.ordinals.has(word)) return listened.ordinals.get(word);
  if (words.some((word) => listened.last.has(word))) return last;
  const numbered = words.indexOf(listened.numberWord);
  const after = numbered >= 0 ? words[numbered + 1] : undefined;
  if (after !== undefined) return /^\d{1,2}$/.test(after) ? Number(after) : listened.cardinals.get(after);
  // A bare cardinal alone ("two", "dos"), not inside a longer sentence where "one" ("una") is a pronoun.
  if (words.length === 1) return listened.cardinals.get(words[0] as string);
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
 * chooseMedication('la segunda', items, { heard: { start: 0, count: 3 }, locale: 'es_US' }); // { kind: 'index', index: 1 }
 */
export function chooseMedication(transcript: string | undefined, items: readonly KeptItem[], context: ChoiceContext = {}): RefillChoice {
  const words = wordsOf(transcript ?? '');
  if (words.length === 0) return { kind: 'none' };
  const listened = wordsFor(context.locale);
  const range = context.options ?? (context.heard ? Array.from({ length: context.heard.count }, (_, offset) => (context.heard?.start ?? 0) + offset) : []);
  const number = spokenNumber(words, range.length, listened);
  if (number !== undefined) {
    const index = range[number - 1];
    return index !== undefined && index < items.length ? { kind: 'index', index } : { kind: 'none' };
  }
  const said = new Set(words);
  const matches = items.flatMap((item, index) => (nameWords(item.n, listened).some((word) => said.has(word)) ? [index] : []));
  if (matches.length === 1) return { kind: 'index', index: matches[0] as number };
  if (matches.length > 1) {
    const numbers = words.filter((word) => /^\d+$/.test(word));
    const narrowed = matches.filter((index) => numbers.length > 0 && numbers.every((value) => wordsOf(items[index]?.n ?? '').includes(value)));
    return narrowed.length === 1 ? { kind: 'index', index: narrowed[0] as number } : { kind: 'ambiguous', indices: matches };
  }
  const rest = words.filter((word) => /^[a-z]{4,}$/.test(word) && !listened.notAName.has(word));
  return rest.length > 0 ? { kind: 'unknownName' } : { kind: 'none' };
}
