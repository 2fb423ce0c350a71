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
    const code = transcript.charCodeAt(index);
    // Plain ASCII, nearly every character of an English or Spanish transcript, is folded from a table
    // made once: the same outcome as the general fold, without its four string operations per character.
    const folded = code < 0x80 ? (ASCII_FOLDED[code] as string) : foldCharacter(transcript[index] as string);
    // By UTF-16 unit: the halves of a pair are never kept, so they make one run as the pair would.
    for (let at = 0; at < folded.length; at += 1) {
      const char = folded[at] as string;
      if (isKept(char)) {
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

/** One character lower-cased, curly apostrophes straightened, accents dropped: "Ó" gives "o". */
function foldCharacter(char: string): string {
  return char.toLowerCase().replace(/[’‘]/g, "'").normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Letters, the apostrophe and the space are kept; anything else starts (or continues) a run of one space. */
function isKept(char: string): boolean {
  return (char >= 'a' && char <= 'z') || char === "'" || char === ' ';
}

const ASCII_FOLDED: readonly string[] = Array.from({ length: 0x80 }, (_, code) => foldCharacter(String.fromCharCode(code)));

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

/**
 * Each rule's patterns with the global flag, made once: every caller turn is read for red flags,
 * and building the regular expressions anew each time cost more than running them.
 */
const GLOBAL_PATTERNS: readonly { readonly rule: RedFlagRule; readonly patterns: readonly RegExp[] }[] = RED_FLAG_RULES.map((rule) => ({
  rule,
  patterns: rule.patterns.map((pattern) => new RegExp(pattern.source, 'g')),
}));

/** Every red-flag phrase in `transcript`, in text order (negation is the caller's business). */
export function findRedFlags(transcript: string): RedFlagMatch[] {
  const normalized = normalizeSpeech(transcript);
  const matches: RedFlagMatch[] = [];
  for (const { rule, patterns } of GLOBAL_PATTERNS) {
    for (const global of patterns) {
      global.lastIndex = 0;
      for (let found = 0; found < MAX_MATCHES_PER_PATTERN; found += 1) {
        const match = global.exec(normalized.text);
        if (!match) break;
        // An empty match would be found again at the same place: step past it, as matchAll does.
        if (match[0].length === 0) global.lastIndex += 1;
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
