/**
 * What changes from one language of the bots to another: the locale's Lex settings and voice, the
 * prompt catalog Lex speaks from, and the words callers say (sample utterances, slot values). The
 * intents, slots, keys, timings and obfuscation are the same in every locale and live in the bot files.
 */

import type { GENDER_VALUES } from '../../contract';
import type { NamePart, PromptCatalog } from '../../prompts';
import type { VoiceSettingsDefinition } from '../types';

/** The PatientServices intents a caller starts by saying something (the fallback takes no utterances). */
export type MenuIntentKey =
  | 'getMedications'
  | 'getAppointments'
  | 'changeAppointment'
  | 'moreItems'
  | 'repeatThat'
  | 'recordSymptoms'
  | 'requestRefill'
  | 'help'
  | 'textDetails'
  | 'talkToSomeone'
  | 'goodbye';

/** One language of both bots. */
export interface BotLocaleWords {
  /** Lex locale id (`LOCALE_ID`, `ES_LOCALE_ID`). */
  readonly localeId: string;
  /** Display name Lex shows for the locale. */
  readonly displayName: string;
  /** What this locale is, for people reading the console. */
  readonly description: string;
  /** Confidence under which Lex picks `AMAZON.FallbackIntent` (0–1). */
  readonly nluConfidenceThreshold: number;
  /** The Polly voice Lex speaks this locale with. */
  readonly voiceSettings: VoiceSettingsDefinition;
  /** Every word Lex says in this locale (`prompts/`). */
  readonly prompts: PromptCatalog;
  /** How callers say each keypad digit, `'0'`–`'9'`: "press one" and "one" reach the same intent or value. */
  readonly digitWords: Readonly<Record<string, string>>;
  /** PatientAuth's VerifyIdentity. */
  readonly verifyIdentity: {
    /** Phrases that open the intent; they may name `{BirthDate}` and `{Gender}`. */
    readonly utterances: readonly string[];
    /** Phrases naming `{FirstName}` and `{LastName}`, added only when those slots exist (`name` search). */
    readonly nameUtterances: readonly string[];
    /** Phrases carrying the birth date when it is asked for. */
    readonly birthDate: readonly string[];
    /** Phrases carrying the sex when it is asked for. */
    readonly gender: readonly string[];
    /** Phrases carrying a name when it is asked for, with `slot` the slot's name. */
    readonly name: (slot: string, part: NamePart) => readonly string[];
  };
  /** PatientAuth's ChooseSpanish: how a caller asks for Spanish ("español"), said as the first thing to the bot. */
  readonly chooseSpanish: readonly string[];
  /** Everyday words for each Gender value (the keys and their spoken digits are added by the bot). */
  readonly genderSynonyms: Readonly<Record<keyof typeof GENDER_VALUES, readonly string[]>>;
  /** Phrases of each menu intent (the menu key and its spoken digit are added by the bot). */
  readonly menu: Readonly<Record<MenuIntentKey, readonly string[]>>;
}
