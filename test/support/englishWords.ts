/**
 * A small checker for "no English word heard" in a Spanish call (issue 18): common English words
 * that are not Spanish words too (so "no", "a", "me", "son" are left out). Enough to catch an
 * English sentence; not a language detector.
 */

/** English words that no Spanish sentence of the IVR contains. */
export const ENGLISH_ONLY_WORDS: ReadonlySet<string> = new Set(
  (
    'the you your please press to for and is are was thank thanks calling call birth date medication medications ' +
    'hello goodbye bye say said what would like message doctor care team have has this that with my of or on at ' +
    'it we our can will not sorry yes verify who be if hang up dial now minutes when finished pound recorded sent ' +
    'saved office closed staff busy connect connecting someone help menu appointment appointments refill refills ' +
    'hear more repeat again right back try take taking tablet by mouth daily every hours needed inhale puffs per ' +
    'morning before breakfast nightly milligram micrograms microgram active file there here'
  ).split(' '),
);

/**
 * The English-only words of `text` (accents, case and punctuation ignored), in order.
 *
 * @example
 * englishWordsIn('Gracias por llamar. Thank you.'); // ['thank', 'you']
 */
export function englishWordsIn(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z']+/)
    .filter((word) => ENGLISH_ONLY_WORDS.has(word));
}
