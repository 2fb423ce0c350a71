/**
 * Finding the phrases of the red-flag rules (`redFlagRules.ts`, the one reviewed rule file) in a
 * transcript. Judging each mention (negated, past, affirmed) is `triage.ts`'s job; the dialog, the live
 * triage and the notes all go through it. Patterns run on {@link normalizeSpeech} output.
 */

import { RED_FLAG_RULES, type RedFlagRule } from './redFlagRules';

export type { RedFlagId } from '../../contract';
export { RED_FLAG_RULES, RED_FLAG_RULES_VERSION, type RedFlagRule } from './redFlagRules';

/** Text prepared for the red-flag patterns, with the offset in the original text of each character. */
export interface NormalizedSpeech {
  readonly text: string;
  /** `origin[i]` is the index in the original text of `text[i]`; one more entry marks the end. */
  readonly origin: readonly number[];
}

/**
 * Lower case, accents folded ("daño" reads "dano", "corazón" "corazon": the Spanish phrases are
 * written without them), curly apostrophes made straight, and every run of other characters (digits,
 * punctuation, line breaks) turned into one space, so "Chest-pain!" reads "chest pain ". Keeps a map
 * back to the original offsets, which the note needs to judge negation in the caller's own words.
 */
export function normalizeSpeech(transcript: string): NormalizedSpeech {
  let text = '';
  const origin: number[] = [];
  let inRun = false;
  for (let index = 0; index < transcript.length; index += 1) {
    const lowered = (transcript[index] as string)
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    for (const char of lowered) {
      if (/[a-z' ]/.test(char)) {
        text += char;
        origin.push(index);
        inRun = false;
      } else if (!inRun) {
        text += ' ';
        origin.push(index);
        inRun = true;
      }
    }
  }
  origin.push(transcript.length);
  return { text, origin };
}

/** One red-flag phrase found in a transcript, with its span in the original text. */
export interface RedFlagMatch {
  readonly rule: RedFlagRule;
  /** Offset of the first character in the original text. */
  readonly begin: number;
  /** Offset after the last character in the original text. */
  readonly end: number;
}

/** Upper bound on matches per pattern: a transcript repeating a phrase needs no more than this. */
const MAX_MATCHES_PER_PATTERN = 50;

/** Every red-flag phrase in `transcript`, in text order (negation is the caller's business). */
export function findRedFlags(transcript: string): RedFlagMatch[] {
  const normalized = normalizeSpeech(transcript);
  const matches: RedFlagMatch[] = [];
  for (const rule of RED_FLAG_RULES) {
    for (const pattern of rule.patterns) {
      const global = new RegExp(pattern.source, 'g');
      let found = 0;
      for (const match of normalized.text.matchAll(global)) {
        if (found >= MAX_MATCHES_PER_PATTERN) break;
        found += 1;
        const start = match.index;
        const stop = start + match[0].length;
        // Trim the spaces a pattern may have taken at its edges before mapping back.
        const begin = normalized.origin[start] ?? 0;
        const end = (normalized.origin[stop - 1] ?? begin) + 1;
        matches.push({ rule, begin, end });
      }
    }
  }
  return matches.sort((a, b) => a.begin - b.begin || a.end - b.end);
}
