/**
 * Names of the Lex V2 bots and of what is inside them: intents, slots, slot types and the values
 * the Gender slot resolves to. Lex sees these exact strings; the bot definitions (`bots/`), the
 * dialog code hook, the contact flow and the simulator all read them from here.
 */

/**
 * The two Lex V2 bots, in the order a call meets them.
 *
 * @example
 * BOT_NAMES.patientAuth; // 'PatientAuth'
 */
export const BOT_NAMES = {
  patientAuth: 'PatientAuth',
  patientServices: 'PatientServices',
} as const;

/**
 * The Lex locales the bots are built in, by Lex locale id. Each has a prompt catalog (`prompts/`)
 * and its words in `bots/locales/`.
 */
export const LOCALE_IDS = ['en_US', 'es_US'] as const;

/** One of {@link LOCALE_IDS}: a Lex locale id the dialog can speak. */
export type LocaleId = (typeof LOCALE_IDS)[number];

/**
 * The default locale: the one the bots are built in first, and the one the dialog speaks when a
 * turn's `bot.localeId` is not one of {@link LOCALE_IDS}.
 */
export const LOCALE_ID = 'en_US' as const satisfies LocaleId;

/**
 * Whether a Lex locale id is one the dialog can speak.
 *
 * @example
 * isLocaleId('en_US'); // true
 * isLocaleId('fr_CA'); // false
 */
export function isLocaleId(value: string): value is LocaleId {
  return (LOCALE_IDS as readonly string[]).includes(value);
}

/**
 * US Spanish, the second locale of both bots (same intents, slots, keys and obfuscation; its own
 * utterances, slot values and voice) with its own prompt catalog (`prompts/es_US.ts`).
 *
 * @example
 * CATALOGS[ES_LOCALE_ID].menu.goodbye; // 'Gracias por llamar. Cuídese mucho. Adiós.'
 */
export const ES_LOCALE_ID = 'es_US' as const satisfies LocaleId;

/**
 * The contact's language (Amazon Connect's `$.LanguageCode`, set by `UpdateContactData`) that goes
 * with each Lex locale: Connect runs a Lex V2 bot in the locale of the contact's language, so the
 * flow switches the bots to Spanish by setting `es-US` (contact-flows/README.md, Languages).
 *
 * @example
 * CONTACT_LANGUAGES.es_US; // 'es-US'
 */
export const CONTACT_LANGUAGES = {
  en_US: 'en-US',
  es_US: 'es-US',
} as const satisfies Readonly<Record<LocaleId, string>>;

/** A contact language of {@link CONTACT_LANGUAGES}: the languages a line can start in. */
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[LocaleId];

/**
 * The Lex locale of a contact language (`es-US` → `es_US`), or `undefined` for a language no bot
 * locale speaks. Accent and case do not matter in the tag; `es` alone is Spanish.
 *
 * @example
 * localeIdOfLanguage('es-US'); // 'es_US'
 * localeIdOfLanguage('fr-CA'); // undefined
 */
export function localeIdOfLanguage(languageCode: string): LocaleId | undefined {
  const tag = languageCode.trim().toLowerCase().replace('_', '-');
  const full = tag === 'es' ? 'es-us' : tag === 'en' ? 'en-us' : tag;
  return LOCALE_IDS.find((localeId) => CONTACT_LANGUAGES[localeId].toLowerCase() === full);
}

/**
 * Intent names of both bots: `verifyIdentity` is PatientAuth's, the menu intents are
 * PatientServices', and both have the built-in fallback.
 */
export const INTENTS = {
  verifyIdentity: 'VerifyIdentity',
  getMedications: 'GetMedications',
  getAppointments: 'GetAppointments',
  changeAppointment: 'ChangeAppointment',
  moreItems: 'MoreItems',
  repeatThat: 'RepeatThat',
  recordSymptoms: 'RecordSymptoms',
  requestRefill: 'RequestRefill',
  help: 'Help',
  talkToSomeone: 'TalkToSomeone',
  goodbye: 'Goodbye',
  /** "Text me the details": the appointment or request just heard, by SMS to the calling number. */
  textDetails: 'TextDetails',
  /**
   * PatientAuth's "español" (issue 18): said to the bot instead of pressing 2 at the greeting. The
   * bot closes on it and the flow, reading `$.Lex.IntentName`, sets the Spanish voice and language
   * and runs PatientAuth again, now in es_US.
   */
  chooseSpanish: 'ChooseSpanish',
  fallback: 'FallbackIntent',
} as const;

/** Name of an intent of either bot. */
export type IntentName = (typeof INTENTS)[keyof typeof INTENTS];

/**
 * Slot names of VerifyIdentity. The last name exists only under the `name` search strategy; the
 * first name under both (under `telecom` it is optional, asked only to tell twins apart).
 */
export const SLOTS = {
  birthDate: 'BirthDate',
  gender: 'Gender',
  firstName: 'FirstName',
  lastName: 'LastName',
} as const;

/**
 * How Lex listens for a slot's answer (Lex V2 `dialogAction.slotElicitationStyle`): as said, or
 * spelled letter by letter (`b o b`) or by word (`b as in boy`). Lex takes a style only from a code
 * hook's ElicitSlot, never from the bot model, so the code hook asks for a spelled slot itself.
 */
export type SlotElicitationStyle = 'Default' | 'SpellByLetter' | 'SpellByWord';

/**
 * The style the name slots are asked with: their prompts ask the caller to spell, and Lex resolves
 * spelled letters (`e l e a n o r`) to the name only when asked in this style.
 *
 * @example
 * elicitSlot(turn, SLOTS.firstName, words, [], NAME_ELICITATION_STYLE);
 */
export const NAME_ELICITATION_STYLE = 'SpellByLetter' as const satisfies SlotElicitationStyle;

/** Custom slot type names (the other slots use built-in `AMAZON.*` types). */
export const SLOT_TYPES = {
  gender: 'GenderType',
} as const;

/**
 * Values of the Gender slot (the `GenderType` slot type resolves every synonym and key to one of
 * these): the FHIR AdministrativeGender codes, so the fulfillment compares them without mapping.
 */
export const GENDER_VALUES = {
  female: 'female',
  male: 'male',
  other: 'other',
  unknown: 'unknown',
} as const;

/**
 * How PatientAuth finds the caller in Epic, the fulfillment's `EPIC_PATIENT_SEARCH` setting. It
 * shapes the bot too: `name` adds the first and last name slots to VerifyIdentity.
 *
 * @default 'name' ({@link DEFAULT_PATIENT_SEARCH_STRATEGY})
 */
export const PATIENT_SEARCH_STRATEGIES = ['telecom', 'name'] as const;

/** One of {@link PATIENT_SEARCH_STRATEGIES}. */
export type PatientSearchStrategy = (typeof PATIENT_SEARCH_STRATEGIES)[number];

/**
 * The strategy used when none is set (fulfillment config, CDK context, scripts, simulator). `name`
 * (given + family + legal sex + phone) is one of Epic's Patient.Search minimum data sets, so a
 * stock Epic accepts it; `telecom` (phone + birth date) is not, and is for an Epic that relaxed them.
 */
export const DEFAULT_PATIENT_SEARCH_STRATEGY = 'name' as const satisfies PatientSearchStrategy;
