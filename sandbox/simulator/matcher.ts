import * as chrono from 'chrono-node';
import type { BotDefinition, IntentDefinition, SlotTypeDefinition } from '../../bots';
import { ES_LOCALE_ID, INTENTS, LOCALE_ID, type SlotElicitationStyle } from '../../contract';

/** How a caller's line reaches Lex: speech, or keypad digits. */
export interface CallerInput {
  readonly transcript: string;
  readonly inputMode: 'Speech' | 'DTMF';
}

/** Turns a typed line into what Lex would receive: digits (and `#`, `*`) are keypad presses. */
export function toCallerInput(line: string): CallerInput {
  const trimmed = line.trim();
  const keyed = trimmed.replace(/\s+/g, '');
  return /^[0-9#*]+$/.test(keyed) ? { transcript: keyed.replace(/[#*]+$/, ''), inputMode: 'DTMF' } : { transcript: trimmed, inputMode: 'Speech' };
}

/**
 * Lowercase words without punctuation or accents, for comparing utterances: "Español" and "espanol"
 * are the same word, as a caller's speech transcribed with or without the accent is.
 */
export function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’‘]/g, "'").replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function words(text: string): Set<string> {
  return new Set(normalize(text).split(' ').filter(Boolean));
}

/** Share of words in common (Jaccard), 0..1. */
function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared || 1);
}

/** The intent Lex's NLU would pick and its confidence, from the bot's sample utterances. */
export interface IntentGuess {
  readonly intent: string;
  readonly confidence: number;
}

/**
 * A small stand-in for Lex's NLU built from the bot's own sample utterances: an exact match wins,
 * else the utterance sharing most words, else `FallbackIntent` below the bot's confidence threshold.
 */
export class IntentMatcher {
  readonly #utterances: { intent: string; text: string; words: Set<string> }[];
  readonly #threshold: number;

  /** @param localeId the bot locale listening (a Lex session runs one). @default the bot's first locale */
  public constructor(bot: BotDefinition, localeId?: string) {
    const locale = bot.locales.find((candidate) => candidate.localeId === localeId) ?? bot.locales[0];
    this.#threshold = Math.max(locale?.nluConfidenceThreshold ?? 0.4, 0.34);
    this.#utterances = (locale?.intents ?? []).flatMap((intent: IntentDefinition) =>
      intent.sampleUtterances
        .filter((utterance) => !utterance.includes('{'))
        .map((utterance) => ({ intent: intent.name, text: normalize(utterance), words: words(utterance) })),
    );
  }

  /** The best intent for `transcript`. */
  public match(transcript: string): IntentGuess {
    const text = normalize(transcript);
    const exact = this.#utterances.find((utterance) => utterance.text === text);
    if (exact) return { intent: exact.intent, confidence: 1 };
    const heard = words(transcript);
    let best: IntentGuess = { intent: INTENTS.fallback, confidence: 0 };
    for (const utterance of this.#utterances) {
      const score = similarity(heard, utterance.words);
      if (score > best.confidence) best = { intent: utterance.intent, confidence: score };
    }
    return best.confidence >= this.#threshold ? best : { intent: INTENTS.fallback, confidence: 1 - best.confidence };
  }
}

/** A resolved slot value as Lex reports it. */
export interface ResolvedSlot {
  readonly originalValue: string;
  readonly interpretedValue: string;
  readonly resolvedValues: string[];
}

/**
 * The word a caller spelled letter by letter (`E, L, E A N O R` → `eleanor`), as Lex resolves an
 * answer elicited in the `SpellByLetter` style; `undefined` when the words are not single letters.
 */
export function spelledWord(transcript: string): string | undefined {
  const letters = transcript.split(/[\s,.;-]+/).filter(Boolean);
  return letters.length >= 2 && letters.every((letter) => /^\p{L}$/u.test(letter)) ? letters.join('').toLowerCase() : undefined;
}

/**
 * Resolves a spoken answer for a slot the way Lex's built-in and custom slot types would:
 * `AMAZON.Date` with a date parser, a custom type by its values and synonyms, names as said, or
 * joined when spelled while Lex listened for spelling (`style` of the ElicitSlot).
 * `undefined` when Lex would not resolve it (the keypad date, for one: the Lambda reads those).
 */
export function resolveSlot(
  slotTypeName: string,
  input: CallerInput,
  slotTypes: readonly SlotTypeDefinition[],
  today: Date,
  style: SlotElicitationStyle = 'Default',
  localeId: string = LOCALE_ID,
): ResolvedSlot | undefined {
  const said = style === 'SpellByLetter' ? (spelledWord(input.transcript) ?? input.transcript) : input.transcript;
  if (slotTypeName === 'AMAZON.Date') {
    if (input.inputMode === 'DTMF') return undefined;
    // Lex's AMAZON.Date understands the locale's words ("14 de marzo de 1948" in es_US).
    const parsed = (localeId === ES_LOCALE_ID ? chrono.es : chrono).parseDate(said, today);
    if (!parsed) return undefined;
    const iso = `${parsed.getFullYear()}-${String(parsed.getMonth() + 1).padStart(2, '0')}-${String(parsed.getDate()).padStart(2, '0')}`;
    return { originalValue: said, interpretedValue: iso, resolvedValues: [iso] };
  }
  const custom = slotTypes.find((type) => type.name === slotTypeName);
  if (custom) {
    const heard = normalize(said);
    const value = custom.values.find((candidate) => [candidate.value, ...candidate.synonyms].some((word) => normalize(word) === heard));
    return value ? { originalValue: said, interpretedValue: value.value, resolvedValues: [value.value] } : undefined;
  }
  return said ? { originalValue: said, interpretedValue: said, resolvedValues: [said] } : undefined;
}
