/**
 * PatientAuth: the first bot of a call. It collects what the fulfillment Lambda needs to find the
 * caller's record in Epic (birth date and sex, plus first and last name under the `name` search, or
 * the first name when twins share the number under the `telecom` search) and lets the Lambda check
 * each answer as it comes.
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
import { BOT_WORDS, messages } from './messages';
import {
  IDLE_SESSION_TTL_SECONDS,
  START_TIMEOUT_MS,
  englishLocale,
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
 * Birth date, said ("July 4, 1950") or keyed as MMDDYYYY. `AMAZON.Date` does not resolve eight
 * bare digits, so the Lambda, called after every attempt, converts the keyed transcript itself.
 */
const birthDateSlot: SlotDefinition = {
  name: SLOTS.birthDate,
  description: 'Date of birth, spoken or keyed as eight digits MMDDYYYY.',
  slotTypeName: 'AMAZON.Date',
  required: true,
  prompts: messages(BOT_WORDS.birthDate.slotPrompts),
  maxRetries: 2,
  allowInterrupt: true,
  input: spokenOrKeyed(8),
  obfuscated: true,
  sampleUtterances: [
    `{${SLOTS.birthDate}}`,
    `my date of birth is {${SLOTS.birthDate}}`,
    `I was born on {${SLOTS.birthDate}}`,
    `it's {${SLOTS.birthDate}}`,
  ],
  codeHookOnEveryAttempt: true,
};

/** Sex on the medical record: said, or one key as announced in the prompt. */
const genderSlot: SlotDefinition = {
  name: SLOTS.gender,
  description: 'Sex on the medical record: female, male, other or unknown; keys 1, 2, 3.',
  slotTypeName: SLOT_TYPES.gender,
  required: true,
  prompts: messages(BOT_WORDS.gender.slotPrompts),
  maxRetries: 2,
  allowInterrupt: true,
  // One key is a whole answer: input ends as soon as it is pressed.
  input: spokenOrKeyed(1),
  obfuscated: false,
  sampleUtterances: [`{${SLOTS.gender}}`, `I'm {${SLOTS.gender}}`, `I am a {${SLOTS.gender}}`],
  codeHookOnEveryAttempt: true,
};

/** Speech settings for spelling: letters come with long pauses, and long names take time. */
const SPELLING_AUDIO = { maxLengthMs: 20000, endTimeoutMs: 2000 } as const;

/** A name slot, spelled letter by letter (Lex spell-by-letter, requested by the Lambda). */
function nameSlot(name: string, slotTypeName: string, which: NamePart): SlotDefinition {
  return {
    name,
    description: `Caller's ${which} name, spelled letter by letter.`,
    slotTypeName,
    required: true,
    prompts: messages(BOT_WORDS.spellName(which)),
    maxRetries: 2,
    allowInterrupt: true,
    // Names cannot be keyed on a phone keypad.
    input: { allowAudioInput: true, allowDtmfInput: false, startTimeoutMs: START_TIMEOUT_MS, audio: SPELLING_AUDIO },
    obfuscated: true,
    sampleUtterances: [`{${name}}`, `my ${which} name is {${name}}`, `it's {${name}}`],
    codeHookOnEveryAttempt: true,
    spellingStyle: NAME_ELICITATION_STYLE,
  };
}

/** The first name slot (`name` search only). */
const firstNameSlot = nameSlot(SLOTS.firstName, 'AMAZON.FirstName', 'first');

/** The last name slot (`name` search only). */
const lastNameSlot = nameSlot(SLOTS.lastName, 'AMAZON.LastName', 'last');

/**
 * The first name under the `telecom` search: optional, so Lex never asks for it itself; the Lambda
 * asks only when charts on the calling number share the birth date (twins), to tell them apart.
 */
const firstNameWhenNeededSlot: SlotDefinition = {
  ...firstNameSlot,
  description: "Caller's first name, spelled letter by letter; asked only when charts on the number share the birth date.",
  required: false,
};

/** Everyday words for each value; keys and their spoken numbers are synonyms too. */
const genderType: SlotTypeDefinition = {
  name: SLOT_TYPES.gender,
  description: 'Sex on the medical record, as FHIR AdministrativeGender codes.',
  values: [
    { value: GENDER_VALUES.female, synonyms: ['woman', 'lady', 'girl', 'f', ...keyPhrases(GENDER_KEYS.female)] },
    { value: GENDER_VALUES.male, synonyms: ['man', 'gentleman', 'boy', 'm', ...keyPhrases(GENDER_KEYS.male)] },
    {
      value: GENDER_VALUES.other,
      synonyms: ['non-binary', 'nonbinary', 'another', 'something else', ...keyPhrases(GENDER_KEYS.other)],
    },
    {
      value: GENDER_VALUES.unknown,
      synonyms: ['prefer not to say', "I'd rather not say", "don't know", "I don't know", 'not sure'],
    },
  ],
  // The Lambda receives the canonical value ("female"), whatever word or key the caller used.
  resolutionStrategy: 'TOP_RESOLUTION',
};

/** Phrases that open VerifyIdentity; the Lambda usually elicits it directly at the start of the call. */
const VERIFY_UTTERANCES = [
  'verify me',
  'verify my identity',
  'I want to verify my identity',
  "it's me",
  'hello',
  'yes',
  `{${SLOTS.birthDate}}`,
  `my date of birth is {${SLOTS.birthDate}}`,
  `my birthday is {${SLOTS.birthDate}}`,
  `it's {${SLOTS.birthDate}}`,
  `I was born on {${SLOTS.birthDate}}`,
  `I'm a {${SLOTS.gender}}`,
] as const;

/** Extra phrases when the name slots exist (Lex rejects utterances naming a missing slot). */
const NAME_UTTERANCES = [
  `my name is {${SLOTS.firstName}} {${SLOTS.lastName}}`,
  `this is {${SLOTS.firstName}} {${SLOTS.lastName}}`,
] as const;

/** The VerifyIdentity intent for a search strategy. */
function verifyIdentityIntent(options: BotOptions): IntentDefinition {
  const byName = options.searchStrategy === 'name';
  return {
    name: INTENTS.verifyIdentity,
    description: 'Collects the facts that identify the caller; the Lambda validates each and searches Epic.',
    sampleUtterances: byName ? [...VERIFY_UTTERANCES, ...NAME_UTTERANCES] : VERIFY_UTTERANCES,
    // Names first under the name search: it is how people introduce themselves.
    slots: byName ? [firstNameSlot, lastNameSlot, birthDateSlot, genderSlot] : [birthDateSlot, genderSlot, firstNameWhenNeededSlot],
    dialogCodeHookEnabled: true,
    fulfillment: { codeHookEnabled: true, updates: lookupUpdates(BOT_WORDS.waiting.findingRecord) },
  };
}

/** The PatientAuth bot; the name slots exist only for the `name` search strategy. */
export function patientAuthBot(options: BotOptions): BotDefinition {
  return {
    name: BOT_NAMES.patientAuth,
    description: 'Identifies the calling patient (birth date and sex, or name) for the clinic IVR.',
    idleSessionTTLInSeconds: IDLE_SESSION_TTL_SECONDS,
    dataPrivacy: { childDirected: false },
    locales: [
      englishLocale(
        'US English, spoken slowly and clearly for older callers.',
        [verifyIdentityIntent(options), fallbackIntent('Anything that is not an answer; the Lambda asks again.')],
        [genderType],
      ),
    ],
  };
}
