/**
 * The bot definition model: one typed source from which both the Lex V2 import zip
 * (`importZip.ts`) and the CDK `CfnBot` properties are generated. It mirrors Lex V2 concepts
 * (bot → locale → intents → slots, plus custom slot types) but keeps only what this IVR uses, in
 * plain words; the writers map each field to its Lex name.
 */

import type { PatientSearchStrategy, SlotElicitationStyle } from '../contract';

/**
 * How PatientAuth finds the caller in Epic (`telecom` or `name`). Declared in `contract/` rather
 * than taken from the fulfillment's config, so the bot definitions need nothing from `fulfillment/`.
 */
export type { PatientSearchStrategy } from '../contract';

/** One message Lex speaks: plain text, or SSML for pauses and digit-by-digit reading (Polly). */
export type MessageDefinition = { readonly text: string } | { readonly ssml: string };

/** Spelling styles Lex V2 supports for `AMAZON.FirstName`/`LastName`/`AlphaNumeric`… slots. */
export type SpellingStyle = Exclude<SlotElicitationStyle, 'Default'>;

/** Keypad entry settings (Lex `DTMFSpecification`). */
export interface DtmfDefinition {
  /** Most digits accepted in one answer (1–1024); input ends as soon as this many are keyed. */
  readonly maxLength: number;
  /** How long to wait after the last key before taking the answer as complete, in ms. */
  readonly endTimeoutMs: number;
  /** Key that clears what was keyed (Lex: it also ends the input). */
  readonly deletionCharacter: string;
  /** Key that ends the input at once. */
  readonly endCharacter: string;
}

/** Speech settings of one answer (Lex `AudioSpecification`). */
export interface AudioDefinition {
  /** Longest answer Lex records, in ms. */
  readonly maxLengthMs: number;
  /** Silence after speech that ends the answer, in ms (Lex's 640 ms default is short for elderly callers). */
  readonly endTimeoutMs: number;
}

/** How a slot accepts answers; applied to the first attempt and to every retry. */
export interface SlotInputDefinition {
  /** Whether the caller may answer by voice. */
  readonly allowAudioInput: boolean;
  /** Whether the caller may answer on the keypad; needs `dtmf`. */
  readonly allowDtmfInput: boolean;
  /** How long Lex waits for the caller to start answering, in ms. */
  readonly startTimeoutMs: number;
  /** Speech settings. */
  readonly audio: AudioDefinition;
  /** Keypad settings, when keypad answers are allowed. */
  readonly dtmf?: DtmfDefinition;
}

/** A slot: one piece of information an intent asks for. */
export interface SlotDefinition {
  /** Slot name, from `SLOTS` in `contract/`. */
  readonly name: string;
  /** What the slot holds, for people reading the console. */
  readonly description: string;
  /** Built-in type (`AMAZON.Date`, …) or the name of a custom slot type of the same locale. */
  readonly slotTypeName: string;
  /** Whether Lex must fill the slot before fulfillment (`slotConstraint` Required/Optional). */
  readonly required: boolean;
  /**
   * The prompt, then one rephrased prompt per retry: played in this order (Lex message selection
   * strategy `Ordered`), so a short first question can be followed by fuller help.
   */
  readonly prompts: readonly MessageDefinition[];
  /** Retries after the first prompt (0–5); `prompts` has at most `maxRetries + 1` entries. */
  readonly maxRetries: number;
  /** Whether the caller may answer while the prompt is still playing (barge-in). */
  readonly allowInterrupt: boolean;
  /** Voice and keypad settings. */
  readonly input: SlotInputDefinition;
  /** Whether Lex masks the value in conversation logs (`obfuscationSetting` DefaultObfuscation). */
  readonly obfuscated: boolean;
  /** Phrases that carry the value when this slot is asked for, e.g. `my birthday is {BirthDate}`. */
  readonly sampleUtterances?: readonly string[];
  /**
   * Whether Lex calls the dialog code hook after every attempt, even when it could not resolve
   * the answer (slot capture `elicitationCodeHook`), so the Lambda can read the raw transcript.
   */
  readonly codeHookOnEveryAttempt: boolean;
  /**
   * Spelling style the fulfillment requests when it elicits this slot. Not part of the Lex model:
   * Lex applies it only from `sessionState.dialogAction.slotElicitationStyle` of an ElicitSlot.
   */
  readonly spellingStyle?: SpellingStyle;
}

/** Progress messages while a slow fulfillment runs (Lex `FulfillmentUpdatesSpecification`). */
export interface FulfillmentUpdatesDefinition {
  /** Spoken once if fulfillment has not finished after `startDelaySeconds`. */
  readonly startMessages: readonly MessageDefinition[];
  /** Seconds before the start message (1–900); a fast answer plays no message at all. */
  readonly startDelaySeconds: number;
  /** Spoken every `updateFrequencySeconds` while fulfillment still runs. */
  readonly updateMessages: readonly MessageDefinition[];
  /** Seconds between update messages (1–900). */
  readonly updateFrequencySeconds: number;
  /** Seconds fulfillment may run in all (1–900; Lex uses 30 when updates are off). */
  readonly timeoutSeconds: number;
  /** Whether the caller may talk over the progress messages. */
  readonly allowInterrupt: boolean;
}

/** Fulfillment settings of an intent. */
export interface FulfillmentDefinition {
  /** Whether Lex calls the fulfillment Lambda when the intent is ready. */
  readonly codeHookEnabled: boolean;
  /** Progress messages for slow lookups; Lex plays them only in streaming conversations (Connect). */
  readonly updates?: FulfillmentUpdatesDefinition;
}

/** An intent: one thing the caller wants. */
export interface IntentDefinition {
  /** Intent name, from `INTENTS`. */
  readonly name: string;
  /** What the intent is for. */
  readonly description: string;
  /** Built-in intent it extends, e.g. `AMAZON.FallbackIntent` (which takes no sample utterances). */
  readonly parentIntentSignature?: string;
  /** Phrases that start the intent; `{Slot}` marks a slot value. Keypad digits arrive as text, so `1` is a phrase too. */
  readonly sampleUtterances: readonly string[];
  /** Slots, in the order Lex asks for them (their `slotPriorities`). */
  readonly slots: readonly SlotDefinition[];
  /** Whether Lex calls the Lambda during the dialog to validate slots (`dialogCodeHook`). */
  readonly dialogCodeHookEnabled: boolean;
  /** Fulfillment settings. */
  readonly fulfillment: FulfillmentDefinition;
}

/** One value of a custom slot type and the words that mean it. */
export interface SlotTypeValueDefinition {
  /** The value Lex returns when resolving with `TOP_RESOLUTION`. */
  readonly value: string;
  /** Other words (and keypad digits) that resolve to `value`. */
  readonly synonyms: readonly string[];
}

/** A custom slot type (a closed list of values). */
export interface SlotTypeDefinition {
  /** Slot type name, from `SLOT_TYPES`. */
  readonly name: string;
  /** What the type lists. */
  readonly description: string;
  /** The values. */
  readonly values: readonly SlotTypeValueDefinition[];
  /** `TOP_RESOLUTION` returns the value a synonym stands for; `ORIGINAL_VALUE` returns what was said. */
  readonly resolutionStrategy: 'ORIGINAL_VALUE' | 'TOP_RESOLUTION';
}

/** Amazon Polly voice of a locale. */
export interface VoiceSettingsDefinition {
  /** Polly voice id, e.g. `Joanna`. */
  readonly voiceId: string;
  /** Polly engine. */
  readonly engine: 'standard' | 'neural';
}

/** One language of a bot. */
export interface BotLocaleDefinition {
  /** Lex locale id, from `LOCALE_ID` or `ES_LOCALE_ID`. */
  readonly localeId: string;
  /** Display name Lex shows for the locale, e.g. `English (US)`. */
  readonly displayName: string;
  /** What this locale is. */
  readonly description: string;
  /** Confidence under which Lex picks `AMAZON.FallbackIntent` (0–1). */
  readonly nluConfidenceThreshold: number;
  /** Voice Lex speaks with. */
  readonly voiceSettings: VoiceSettingsDefinition;
  /** Intents, including the fallback intent Lex requires. */
  readonly intents: readonly IntentDefinition[];
  /** Custom slot types the intents use. */
  readonly slotTypes: readonly SlotTypeDefinition[];
}

/** A Lex V2 bot. */
export interface BotDefinition {
  /** Bot name, from `BOT_NAMES`. */
  readonly name: string;
  /** What the bot does. */
  readonly description: string;
  /** Seconds of silence after which Lex forgets the session (60–86400). */
  readonly idleSessionTTLInSeconds: number;
  /** COPPA flag Lex requires on every bot; this clinic line is not directed at children. */
  readonly dataPrivacy: { readonly childDirected: false };
  /** Languages: en_US, then es_US (`locales/`), each with the same intents, slots and keys. */
  readonly locales: readonly BotLocaleDefinition[];
}

/** Options that shape the bots. */
export interface BotOptions {
  /** `name` adds the first and last name slots to VerifyIdentity. */
  readonly searchStrategy: PatientSearchStrategy;
}
