/**
 * Red flags: phrases that mean a person may need emergency care now. One list serves two places:
 * the live dialog (`dialog/emergency.ts`, checked on every turn) and the symptom notes
 * (`notes/note.ts`, which marks a note urgent). Patterns run on {@link normalizeSpeech} output.
 */

import type { RedFlagId } from '../../contract';

export type { RedFlagId } from '../../contract';

/** One red flag: what a clinician reads, and the patterns that find it. */
export interface RedFlagRule {
  readonly id: RedFlagId;
  /** Plain label for the note, e.g. "chest pain". */
  readonly label: string;
  /** Patterns over normalized speech (lower case, letters, apostrophes and spaces only). */
  readonly patterns: readonly RegExp[];
}

/** Every red flag, in the order a note lists them. */
export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  { id: 'chest-pain', label: 'chest pain', patterns: [/\bchest (pain|pains|pressure|tightness)\b/] },
  {
    id: 'breathing',
    label: 'trouble breathing',
    patterns: [/\b(can'?t|cannot|can not|hard to|trouble|difficulty) breath(e|ing)\b/, /\bshort(ness)? of breath\b/, /\bnot breathing\b/],
  },
  {
    id: 'suicidal',
    label: 'suicidal thoughts or self-harm',
    patterns: [/\bsuicid(e|al)\b/, /\b(kill|hurt|harm) (myself|me)\b/, /\bwant to die\b/, /\bend (my|it all)\b.*\blife\b|\bend it all\b/],
  },
  { id: 'overdose', label: 'overdose', patterns: [/\boverdos(e|ed)\b/] },
  { id: 'stroke', label: 'stroke signs', patterns: [/\bstroke\b/, /\b(face|arm) (is )?(drooping|numb)\b/] },
  { id: 'heart-attack', label: 'heart attack', patterns: [/\bheart attack\b/] },
  { id: 'unresponsive', label: 'unconscious or unresponsive', patterns: [/\bunconscious\b|\bpassed out\b|\bwon'?t wake up\b/] },
  { id: 'severe-bleeding', label: 'severe bleeding', patterns: [/\b(severe|heavy) bleeding\b|\bbleeding (a lot|heavily)\b/] },
  { id: 'seizure', label: 'seizure', patterns: [/\bseizure\b/] },
];

/** Text prepared for the red-flag patterns, with the offset in the original text of each character. */
export interface NormalizedSpeech {
  readonly text: string;
  /** `origin[i]` is the index in the original text of `text[i]`; one more entry marks the end. */
  readonly origin: readonly number[];
}

/**
 * Lower case, curly apostrophes made straight, and every run of other characters (digits, punctuation,
 * line breaks) turned into one space, so "Chest-pain!" reads "chest pain ". Keeps a map back to the
 * original offsets, which the note needs to judge negation in the caller's own words.
 */
export function normalizeSpeech(transcript: string): NormalizedSpeech {
  let text = '';
  const origin: number[] = [];
  let inRun = false;
  for (let index = 0; index < transcript.length; index += 1) {
    const lowered = (transcript[index] as string).toLowerCase().replace(/[’‘]/g, "'");
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
