/**
 * PatientAuth: the first bot of a call. It collects what the fulfillment Lambda needs to find the
 * caller's record in Epic (birth date and sex, plus first and last name under the `name` search, or
 * the first name when twins share the number under the `telecom` search) and lets the Lambda check
 * each answer as it comes. Every locale has the same slots, keys and obfuscation; the words are the
 * locale's (`locales/`).
 */

import {
  BOT_NAMES,
  GENDER_KEYS,
  GENDER_VALUES,
  INTENTS,
  NAME_ELICITATION_STYLE,
  SLOTS,
  SLOT_TYPES,
} from '../contract';
import type { NamePart } from '../prompts';
import { BOT_LOCALES, type BotLocaleWords } from './locales';
import { messages } from './messages';
import {
  IDLE_SESSION_TTL_SECONDS,
  START_TIMEOUT_MS,
  botLocale,
  fallbackIntent,
  keyPhrases,
  lookupUpdates,
  spokenOrKeyed,
} from './shared';
import type {
  BotDefinition,
  BotOptions,
  IntentDefinition,
  SlotDefinition,
  SlotTypeDefinition,
} from './types';

/**
 * Birth date, said ("July 4, 1950", "14 de marzo de 1948") or keyed as MMDDYYYY. `AMAZON.Date`
 * does not resolve eight bare digits, so the Lambda, called after every attempt, converts the keyed
 * transcript itself.
 */
function birthDateSlot(words: BotLocaleWords): SlotDefinition {
  return {
    name: SLOTS.birthDate,
    description: 'Date of birth, spoken or keyed as eight digits MMDDYYYY.',
    slotTypeName: 'AMAZON.Date',
    required: true,
    prompts: messages(words.prompts.birthDate.slotPrompts),
    maxRetries: 2,
    allowInterrupt: true,
    input: spokenOrKeyed(8),
    obfuscated: true,
    sampleUtterances: words.verifyIdentity.birthDate,
    codeHookOnEveryAttempt: true,
  };
}

/** Sex on the medical record: said, or one key as announced in the prompt. */
function genderSlot(words: BotLocaleWords): SlotDefinition {
  return {
    name: SLOTS.gender,
    description: 'Sex on the medical record: female, male, other or unknown; keys 1, 2, 3.',
    slotTypeName: SLOT_TYPES.gender,
    required: true,
    prompts: messages(words.prompts.gender.slotPrompts),
    maxRetries: 2,
    allowInterrupt: true,
    // One key is a whole answer: input ends as soon as it is pressed.
    input: spokenOrKeyed(1),
    obfuscated: false,
    sampleUtterances: words.verifyIdentity.gender,
    codeHookOnEveryAttempt: true,
  };
}

/** Speech settings for spelling: letters come with long pauses, and long names take time. */
const SPELLING_AUDIO = { maxLengthMs: 20000, endTimeoutMs: 2000 } as const;

/**
 * A name slot, spelled letter by letter (Lex spell-by-letter, requested by the Lambda). The built-in
 * name types exist in every Lex V2 locale, es_US included ("All locales",
 * https://docs.aws.amazon.com/lexv2/latest/dg/built-in-slots.html), so no locale needs a fallback type.
 */
function nameSlot(words: BotLocaleWords, name: string, slotTypeName: string, which: NamePart): SlotDefinition {
  return {
    name,
    description: `Caller's ${which} name, spelled letter by letter.`,
    slotTypeName,
    required: true,
    prompts: messages(words.prompts.spellName(which)),
    maxRetries: 2,
    allowInterrupt: true,
    // Names cannot be keyed on a phone keypad.
    input: { allowAudioInput: true, allowDtmfInput: false, startTimeoutMs: START_TIMEOUT_MS, audio: SPELLING_AUDIO },
    obfuscated: true,
    sampleUtterances: words.verifyIdentity.name(name, which),
    codeHookOnEveryAttempt: true,
    spellingStyle: NAME_ELICITATION_STYLE,
  };
}

/** The first name slot (`name` search only). */
const firstNameSlot = (words: BotLocaleWords): SlotDefinition => nameSlot(words, SLOTS.firstName, 'AMAZON.FirstName', 'first');

/** The last name slot (`name` search only). */
const lastNameSlot = (words: BotLocaleWords): SlotDefinition => nameSlot(words, SLOTS.lastName, 'AMAZON.LastName', 'last');

/**
 * The first name under the `telecom` search: optional, so Lex never asks for it itself; the Lambda
 * asks only when charts on the calling number share the birth date (twins), to tell them apart.
 */
function firstNameWhenNeededSlot(words: BotLocaleWords): SlotDefinition {
  return {
    ...firstNameSlot(words),
    description: "Caller's first name, spelled letter by letter; asked only when charts on the number share the birth date.",
    required: false,
  };
}

/** The locale's everyday words for each value; the keys and their spoken numbers are synonyms too. */
function genderType(words: BotLocaleWords): SlotTypeDefinition {
  const { genderSynonyms: synonyms, digitWords } = words;
  return {
    name: SLOT_TYPES.gender,
    description: 'Sex on the medical record, as FHIR AdministrativeGender codes.',
    values: [
      { value: GENDER_VALUES.female, synonyms: [...synonyms.female, ...keyPhrases(GENDER_KEYS.female, digitWords)] },
      { value: GENDER_VALUES.male, synonyms: [...synonyms.male, ...keyPhrases(GENDER_KEYS.male, digitWords)] },
      { value: GENDER_VALUES.other, synonyms: [...synonyms.other, ...keyPhrases(GENDER_KEYS.other, digitWords)] },
      { value: GENDER_VALUES.unknown, synonyms: synonyms.unknown },
    ],
    // The Lambda receives the canonical value ("female"), whatever word, language or key the caller used.
    resolutionStrategy: 'TOP_RESOLUTION',
  };
}

/** The VerifyIdentity intent for a search strategy, in one locale. */
function verifyIdentityIntent(words: BotLocaleWords, options: BotOptions): IntentDefinition {
  const byName = options.searchStrategy === 'name';
  const { utterances, nameUtterances } = words.verifyIdentity;
  return {
    name: INTENTS.verifyIdentity,
    description: 'Collects the facts that identify the caller; the Lambda validates each and searches Epic.',
    // Lex rejects utterances naming a missing slot, so the name phrases come only with the name slots.
    sampleUtterances: byName ? [...utterances, ...nameUtterances] : utterances,
    // Names first under the name search: it is how people introduce themselves.
    slots: byName
      ? [firstNameSlot(words), lastNameSlot(words), birthDateSlot(words), genderSlot(words)]
      : [birthDateSlot(words), genderSlot(words), firstNameWhenNeededSlot(words)],
    dialogCodeHookEnabled: true,
    fulfillment: { codeHookEnabled: true, updates: lookupUpdates(words.prompts.waiting.findingRecord, words.prompts.waiting.stillWorking) },
  };
}

/**
 * ChooseSpanish: "español" said to the bot before anything else. No slots; the code hook closes it
 * and the flow switches the call to Spanish (`$.Lex.IntentName`).
 */
function chooseSpanishIntent(words: BotLocaleWords): IntentDefinition {
  return {
    name: INTENTS.chooseSpanish,
    description: 'The caller asks for Spanish; the flow sets the Spanish voice and language, then verifies in es_US.',
    sampleUtterances: words.chooseSpanish,
    slots: [],
    dialogCodeHookEnabled: false,
    fulfillment: { codeHookEnabled: true },
  };
}

/** The PatientAuth bot, in every locale of `BOT_LOCALES`; the name slots exist only for the `name` search strategy. */
export function patientAuthBot(options: BotOptions): BotDefinition {
  return {
    name: BOT_NAMES.patientAuth,
    description: 'Identifies the calling patient (birth date and sex, or name) for the clinic IVR.',
    idleSessionTTLInSeconds: IDLE_SESSION_TTL_SECONDS,
    dataPrivacy: { childDirected: false },
    locales: BOT_LOCALES.map((words) =>
      botLocale(
        words,
        [verifyIdentityIntent(words, options), chooseSpanishIntent(words), fallbackIntent('Anything that is not an answer; the Lambda asks again.')],
        [genderType(words)],
      ),
    ),
  };
}
