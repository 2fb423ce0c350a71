/**
 * Settings both bots share in every locale: timing tuned for elderly callers on poor phone lines,
 * the fallback intent Lex requires, and keypad helpers. What differs by language is in `locales/`.
 */

import { INTENTS } from '../contract';
import type { BotLocaleWords } from './locales';
import { message } from './messages';
import type {
  AudioDefinition,
  BotLocaleDefinition,
  DtmfDefinition,
  FulfillmentUpdatesDefinition,
  IntentDefinition,
  SlotInputDefinition,
  SlotTypeDefinition,
} from './types';

/** Seconds Lex keeps an idle session: long enough to find a card, short enough to drop dead calls. */
export const IDLE_SESSION_TTL_SECONDS = 300;

/** Milliseconds a caller gets to start answering: older callers often pause before speaking. */
export const START_TIMEOUT_MS = 6000;

/** Speech settings: a 1.5 s pause ends an answer (Lex's default 640 ms cuts off slow speakers). */
export const RELAXED_AUDIO: AudioDefinition = { maxLengthMs: 15000, endTimeoutMs: 1500 };

/** Keypad defaults: `*` clears, `#` ends early, 5 s between keys for people who look at the keypad. */
export const DTMF_DEFAULTS: Omit<DtmfDefinition, 'maxLength'> = {
  endTimeoutMs: 5000,
  deletionCharacter: '*',
  endCharacter: '#',
};

/**
 * Input of a slot the caller may say or key: relaxed speech timing, the keypad defaults, and at most
 * `maxKeys` keys (input ends as soon as that many are pressed).
 *
 * @example
 * input: spokenOrKeyed(8), // a birth date as MMDDYYYY
 */
export function spokenOrKeyed(maxKeys: number): SlotInputDefinition {
  return {
    allowAudioInput: true,
    allowDtmfInput: true,
    startTimeoutMs: START_TIMEOUT_MS,
    audio: RELAXED_AUDIO,
    dtmf: { ...DTMF_DEFAULTS, maxLength: maxKeys },
  };
}

/**
 * The phrases a keypad key arrives as: Connect passes a pressed key to Lex as the input transcript
 * (`"1"`, the same in every locale), and a caller may also say the number in the locale's words.
 *
 * @example
 * keyPhrases('1', ES_US_BOT.digitWords); // ['1', 'uno']
 */
export function keyPhrases(key: string, digitWords: Readonly<Record<string, string>>): readonly string[] {
  const word = digitWords[key];
  if (word === undefined) throw new Error(`Not a keypad digit: ${key}`);
  return [key, word];
}

/**
 * A fulfillment update: say `words` if the lookup takes over 2 s, reassure every 8 s with
 * `stillWorking`, give up at 30 s.
 */
export function lookupUpdates(words: string, stillWorking: string): FulfillmentUpdatesDefinition {
  return {
    startMessages: [message(words)],
    startDelaySeconds: 2,
    updateMessages: [message(stillWorking)],
    updateFrequencySeconds: 8,
    timeoutSeconds: 30,
    allowInterrupt: false,
  };
}

/**
 * The fallback intent every Lex V2 locale must have. It takes no utterances (Lex picks it when no
 * intent is confident enough); the Lambda decides what to say, e.g. offer a person on the second miss.
 */
export function fallbackIntent(description: string): IntentDefinition {
  return {
    name: INTENTS.fallback,
    description,
    parentIntentSignature: 'AMAZON.FallbackIntent',
    sampleUtterances: [],
    slots: [],
    dialogCodeHookEnabled: false,
    fulfillment: { codeHookEnabled: true },
  };
}

/** A locale of a bot: the locale's settings and voice (`bots/locales/`), with the intents and slot types built in its words. */
export function botLocale(
  words: BotLocaleWords,
  intents: readonly IntentDefinition[],
  slotTypes: readonly SlotTypeDefinition[],
): BotLocaleDefinition {
  return {
    localeId: words.localeId,
    displayName: words.displayName,
    description: words.description,
    nluConfidenceThreshold: words.nluConfidenceThreshold,
    voiceSettings: words.voiceSettings,
    intents,
    slotTypes,
  };
}
