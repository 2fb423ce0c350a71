import { describe, expect, it } from 'vitest';
import {
  ALL_BOTS,
  normalizeUtterance,
  patientAuthBot,
  patientServicesBot,
  slotReferences,
  validateBot,
} from '../../bots';
import type { BotDefinition, BotLocaleDefinition, IntentDefinition, PatientSearchStrategy, SlotDefinition } from '../../bots';
import {
  ES_LOCALE_ID,
  GENDER_KEYS,
  GENDER_VALUES,
  INTENTS,
  LOCALE_ID,
  MENU_KEYS,
  SLOTS,
  SLOT_TYPES,
  type IntentName,
} from '../../contract';

const STRATEGIES: readonly PatientSearchStrategy[] = ['telecom', 'name'];

function intentsOf(bot: BotDefinition): readonly IntentDefinition[] {
  return bot.locales.flatMap((locale) => locale.intents);
}

function intentNamed(bot: BotDefinition, name: string): IntentDefinition {
  const found = intentsOf(bot).find((intent) => intent.name === name);
  if (found === undefined) throw new Error(`${bot.name} has no intent ${name}`);
  return found;
}

function slotNamed(bot: BotDefinition, name: string): SlotDefinition {
  const found = intentsOf(bot)
    .flatMap((intent) => intent.slots)
    .find((slot) => slot.name === name);
  if (found === undefined) throw new Error(`${bot.name} has no slot ${name}`);
  return found;
}

/** The locale `localeId` of `bot`. */
function localeOf(bot: BotDefinition, localeId: string): BotLocaleDefinition {
  const found = bot.locales.find((locale) => locale.localeId === localeId);
  if (found === undefined) throw new Error(`${bot.name} has no locale ${localeId}`);
  return found;
}

/** Intents of `bot`, in locale `localeId`, whose utterances include `phrase` (as Lex compares them). */
function intentsHearing(bot: BotDefinition, phrase: string, localeId: string = LOCALE_ID): readonly string[] {
  return localeOf(bot, localeId)
    .intents.filter((intent) => intent.sampleUtterances.map(normalizeUtterance).includes(normalizeUtterance(phrase)))
    .map((intent) => intent.name);
}

/** How callers say the menu digits, by locale. */
const DIGIT_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [LOCALE_ID]: { '0': 'zero', '1': 'one', '2': 'two', '3': 'three', '4': 'four', '9': 'nine' },
  [ES_LOCALE_ID]: { '0': 'cero', '1': 'uno', '2': 'dos', '3': 'tres', '4': 'cuatro', '9': 'nueve' },
};

const LOCALES = [LOCALE_ID, ES_LOCALE_ID] as const;

/**
 * The intent each announced menu key must start, for every key whose intent exists on this branch
 * (`appointments` and `refills` come with their intents, issue 16 items 1 and 2).
 */
const MENU_ROUTES: Readonly<Partial<Record<keyof typeof MENU_KEYS, IntentName>>> = {
  medications: INTENTS.getMedications,
  messageForDoctor: INTENTS.recordSymptoms,
  appointments: INTENTS.getAppointments,
  refills: INTENTS.requestRefill,
  repeat: INTENTS.repeatThat,
  person: INTENTS.talkToSomeone,
};

describe('bot definitions', () => {
  describe.each(STRATEGIES)('under the %s search strategy', (searchStrategy) => {
    const bots = ALL_BOTS({ searchStrategy });

    it('are PatientAuth then PatientServices', () => {
      expect(bots.map((bot) => bot.name)).toEqual(['PatientAuth', 'PatientServices']);
    });

    it.each(bots.map((bot) => [bot.name, bot] as const))('%s breaks no Lex rule', (_name, bot) => {
      expect(validateBot(bot)).toEqual([]);
    });

    it.each(bots.map((bot) => [bot.name, bot] as const))('%s is built in en_US and es_US', (_name, bot) => {
      expect(bot.locales.map((locale) => locale.localeId)).toEqual([LOCALE_ID, ES_LOCALE_ID]);
    });

    it.each(bots.map((bot) => [bot.name, bot] as const))('%s gives no utterance to two intents of one locale', (_name, bot) => {
      for (const locale of bot.locales) {
        // Prepare
        const owners = new Map<string, string[]>();
        // Act
        for (const intent of locale.intents) {
          for (const utterance of new Set(intent.sampleUtterances.map(normalizeUtterance))) {
            owners.set(utterance, [...(owners.get(utterance) ?? []), intent.name]);
          }
        }
        // Assess
        const shared = [...owners].filter(([, intents]) => intents.length > 1);
        expect(shared, locale.localeId).toEqual([]);
      }
    });

    it.each(bots.map((bot) => [bot.name, bot] as const))('%s has the same intents, slots, slot types, keys and masking in every locale', (_name, bot) => {
      // Act: everything but the words, per locale.
      const structure = bot.locales.map((locale) => ({
        intents: locale.intents.map((intent) => ({
          name: intent.name,
          parent: intent.parentIntentSignature,
          hooks: [intent.dialogCodeHookEnabled, intent.fulfillment.codeHookEnabled, intent.fulfillment.updates !== undefined],
          slots: intent.slots.map((slot) => ({ ...slot, prompts: slot.prompts.length, sampleUtterances: undefined })),
        })),
        slotTypes: locale.slotTypes.map((type) => ({ name: type.name, values: type.values.map((value) => value.value), strategy: type.resolutionStrategy })),
      }));
      // Assess
      expect(structure[1]).toEqual(structure[0]);
    });

    it.each(bots.map((bot) => [bot.name, bot] as const))('%s calls the fulfillment Lambda for every intent', (_name, bot) => {
      for (const intent of intentsOf(bot)) expect(intent.fulfillment.codeHookEnabled, intent.name).toBe(true);
    });

    it.each(bots.map((bot) => [bot.name, bot] as const))('%s has a built-in fallback intent without utterances', (_name, bot) => {
      const fallback = intentNamed(bot, INTENTS.fallback);
      expect(fallback.parentIntentSignature).toBe('AMAZON.FallbackIntent');
      expect(fallback.sampleUtterances).toEqual([]);
    });

    it.each(bots.map((bot) => [bot.name, bot] as const))('%s refers in utterances only to slots the intent has', (_name, bot) => {
      for (const intent of intentsOf(bot)) {
        const slotNames = intent.slots.map((slot) => slot.name);
        const referenced = intent.sampleUtterances.flatMap(slotReferences);
        expect(slotNames, intent.name).toEqual(expect.arrayContaining(referenced));
      }
    });
  });

  describe('PatientServices', () => {
    const bot = patientServicesBot();

    it.each(LOCALES.flatMap((localeId) => Object.entries(MENU_ROUTES).map(([key, expected]) => [localeId, key, expected] as const)))(
      'in %s, routes the %s key, pressed or said, to exactly its intent',
      (localeId, key, expected) => {
        // Prepare
        const digit = MENU_KEYS[key as keyof typeof MENU_KEYS];
        const word = DIGIT_WORDS[localeId]?.[digit];
        // Act
        const pressed = intentsHearing(bot, digit, localeId);
        const said = intentsHearing(bot, word ?? digit, localeId);
        // Assess
        expect(pressed).toEqual([expected]);
        expect(word).toBeDefined();
        expect(said).toEqual([expected]);
      },
    );

    it.each([
      ['más', INTENTS.moreItems],
      ['siguiente', INTENTS.moreItems],
      ['repetir', INTENTS.repeatThat],
      ['agente', INTENTS.talkToSomeone],
      ['operadora', INTENTS.talkToSomeone],
      ['ayuda', INTENTS.help],
      ['mis medicinas', INTENTS.getMedications],
      ['mis citas', INTENTS.getAppointments],
      ['cancelar mi cita', INTENTS.changeAppointment],
      ['reprogramar', INTENTS.changeAppointment],
      ['necesito un resurtido', INTENTS.requestRefill],
      ['mándeme un texto', INTENTS.textDetails],
      ['no me siento bien', INTENTS.recordSymptoms],
      ['adiós', INTENTS.goodbye],
    ])('in es_US, takes "%s" as %s', (phrase, expected) => {
      expect(intentsHearing(bot, phrase, ES_LOCALE_ID)).toEqual([expected]);
    });

    it('says "one moment" in Spanish while an es_US lookup runs', () => {
      // Act
      const updates = localeOf(bot, ES_LOCALE_ID).intents.find((intent) => intent.name === INTENTS.getMedications)?.fulfillment.updates;
      // Assess
      expect(updates?.startMessages).toEqual([{ text: 'Un momento, por favor, mientras busco esa información.' }]);
      expect(updates?.updateMessages).toEqual([{ text: 'Sigo buscando. Gracias por esperar.' }]);
    });

    it('takes "what are my options" and "keys" as a request for help, which lists the keys', () => {
      expect(intentsHearing(bot, 'what are my options')).toEqual([INTENTS.help]);
      expect(intentsHearing(bot, 'keys')).toEqual([INTENTS.help]);
    });

    it.each(['text me', 'send me a text', 'text me the details'])('takes "%s" as TextDetails', (phrase) => {
      expect(intentsHearing(bot, phrase)).toEqual([INTENTS.textDetails]);
    });

    it.each(LOCALES)('understands a medications request in at least twelve phrasings in %s', (localeId) => {
      const intent = localeOf(bot, localeId).intents.find((candidate) => candidate.name === INTENTS.getMedications);
      expect(intent?.sampleUtterances.length).toBeGreaterThanOrEqual(12);
    });

    it('tells the caller to hold on when the medication lookup is slow', () => {
      // Act
      const updates = intentNamed(bot, INTENTS.getMedications).fulfillment.updates;
      // Assess
      expect(updates?.startMessages).toEqual([{ text: 'One moment while I look that up.' }]);
      expect(updates?.startDelaySeconds).toBeGreaterThanOrEqual(1);
      expect(updates?.startDelaySeconds).toBeLessThanOrEqual(2);
      expect(updates?.timeoutSeconds).toBeGreaterThan(updates?.startDelaySeconds ?? 0);
    });

    it.each(LOCALES)('has the intents the fulfillment handles, and no slots, in %s', (localeId) => {
      expect(localeOf(bot, localeId).intents.map((intent) => intent.name)).toEqual([
        INTENTS.getMedications,
        INTENTS.getAppointments,
        INTENTS.changeAppointment,
        INTENTS.moreItems,
        INTENTS.repeatThat,
        INTENTS.recordSymptoms,
        INTENTS.requestRefill,
        INTENTS.help,
        INTENTS.talkToSomeone,
        INTENTS.goodbye,
        INTENTS.textDetails,
        INTENTS.fallback,
      ]);
      expect(intentsOf(bot).flatMap((intent) => intent.slots)).toEqual([]);
    });
  });

  describe('PatientAuth', () => {
    it('asks for first and last name only under the name strategy', () => {
      // Act
      const slotsBy = (searchStrategy: PatientSearchStrategy) =>
        intentNamed(patientAuthBot({ searchStrategy }), INTENTS.verifyIdentity).slots.map((slot) => slot.name);
      // Assess
      expect(slotsBy('telecom')).toEqual([SLOTS.birthDate, SLOTS.gender, SLOTS.firstName]);
      expect(slotsBy('name')).toEqual([SLOTS.firstName, SLOTS.lastName, SLOTS.birthDate, SLOTS.gender]);
    });

    it('has an optional first name under the telecom strategy, which Lex never asks for itself', () => {
      // Act: the Lambda elicits it when charts on the number share the birth date (twins)
      const intent = intentNamed(patientAuthBot({ searchStrategy: 'telecom' }), INTENTS.verifyIdentity);
      const firstName = slotNamed(patientAuthBot({ searchStrategy: 'telecom' }), SLOTS.firstName);
      // Assess
      expect(intent.slots.filter((slot) => slot.required).map((slot) => slot.name)).toEqual([SLOTS.birthDate, SLOTS.gender]);
      expect(firstName).toMatchObject({ required: false, slotTypeName: 'AMAZON.FirstName', spellingStyle: 'SpellByLetter', obfuscated: true });
      expect(intent.sampleUtterances.some((utterance) => utterance.includes(`{${SLOTS.lastName}}`))).toBe(false);
    });

    it('masks the birth date and the names in conversation logs', () => {
      const bot = patientAuthBot({ searchStrategy: 'name' });
      for (const name of [SLOTS.birthDate, SLOTS.firstName, SLOTS.lastName]) {
        expect(slotNamed(bot, name).obfuscated, name).toBe(true);
      }
    });

    it('takes the birth date spoken or as eight keyed digits', () => {
      // Act
      const slot = slotNamed(patientAuthBot({ searchStrategy: 'telecom' }), SLOTS.birthDate);
      // Assess
      expect(slot.slotTypeName).toBe('AMAZON.Date');
      expect(slot.input).toMatchObject({ allowAudioInput: true, allowDtmfInput: true });
      expect(slot.input.dtmf).toEqual({ maxLength: 8, endTimeoutMs: 5000, deletionCharacter: '*', endCharacter: '#' });
      expect(slot.prompts[0]).toEqual({
        text: 'Please say or key in your date of birth, for example July 4, 1950, or key it as eight digits: month, day, year.',
      });
    });

    it('resolves each gender key, pressed or said, to the value its prompt announces', () => {
      // Prepare
      const type = patientAuthBot({ searchStrategy: 'telecom' }).locales[0]?.slotTypes.find(
        (candidate) => candidate.name === SLOT_TYPES.gender,
      );
      const meaning = (word: string) =>
        type?.values.filter((value) => value.synonyms.includes(word)).map((value) => value.value);
      // Act + Assess
      expect(type?.resolutionStrategy).toBe('TOP_RESOLUTION');
      expect(meaning(GENDER_KEYS.female)).toEqual([GENDER_VALUES.female]);
      expect(meaning(GENDER_KEYS.male)).toEqual([GENDER_VALUES.male]);
      expect(meaning(GENDER_KEYS.other)).toEqual([GENDER_VALUES.other]);
      expect(meaning('one')).toEqual([GENDER_VALUES.female]);
      expect(meaning('woman')).toEqual([GENDER_VALUES.female]);
      expect(meaning('gentleman')).toEqual([GENDER_VALUES.male]);
      expect(meaning('nonbinary')).toEqual([GENDER_VALUES.other]);
      expect(meaning('prefer not to say')).toEqual([GENDER_VALUES.unknown]);
    });

    it('announces every gender key in the first prompt and takes a single key', () => {
      // Act
      const slot = slotNamed(patientAuthBot({ searchStrategy: 'telecom' }), SLOTS.gender);
      const first = slot.prompts[0];
      // Assess
      expect(first !== undefined && 'text' in first).toBe(true);
      const text = first !== undefined && 'text' in first ? first.text : '';
      expect(text).toContain(`${GENDER_KEYS.female} for female`);
      expect(text).toContain(`${GENDER_KEYS.male} for male`);
      expect(text).toContain(`${GENDER_KEYS.other} for other`);
      expect(slot.input.dtmf?.maxLength).toBe(1);
    });

    it('lets the Lambda check every answer, including ones Lex could not resolve', () => {
      const intent = intentNamed(patientAuthBot({ searchStrategy: 'name' }), INTENTS.verifyIdentity);
      expect(intent.dialogCodeHookEnabled).toBe(true);
      for (const slot of intent.slots) expect(slot.codeHookOnEveryAttempt, slot.name).toBe(true);
    });

    it('has names spelled letter by letter and never keyed', () => {
      const bot = patientAuthBot({ searchStrategy: 'name' });
      for (const name of [SLOTS.firstName, SLOTS.lastName]) {
        expect(slotNamed(bot, name).spellingStyle, name).toBe('SpellByLetter');
        expect(slotNamed(bot, name).input.allowDtmfInput, name).toBe(false);
      }
    });

    it('keeps every prompt within one question and its retries', () => {
      const bot = patientAuthBot({ searchStrategy: 'name' });
      for (const slot of intentNamed(bot, INTENTS.verifyIdentity).slots) {
        expect(slot.prompts.length, slot.name).toBe(slot.maxRetries + 1);
      }
    });
  });

  describe('validateBot', () => {
    /** PatientServices with `utterances` added to the intent `name` of locale `localeId`. */
    function withUtterances(name: string, utterances: readonly string[], localeId: string = LOCALE_ID): BotDefinition {
      const bot = patientServicesBot();
      return {
        ...bot,
        locales: bot.locales.map((locale) => ({
          ...locale,
          intents: locale.intents.map((intent) =>
            intent.name === name && locale.localeId === localeId ? { ...intent, sampleUtterances: [...intent.sampleUtterances, ...utterances] } : intent,
          ),
        })),
      };
    }

    it('reports two intents sharing a Spanish utterance, accents and case aside', () => {
      // Act
      const problems = validateBot(withUtterances(INTENTS.help, ['Mas'], ES_LOCALE_ID));
      // Assess
      expect(problems).toEqual(['PatientServices/es_US: utterance "mas" belongs to two intents']);
    });

    it('reports an utterance that two intents share', () => {
      // Act
      const problems = validateBot(withUtterances(INTENTS.help, ['Medications!']));
      // Assess
      expect(problems).toEqual(['PatientServices/en_US: utterance "medications" belongs to two intents']);
    });

    it('reports an utterance that names a slot the intent lacks', () => {
      // Act
      const problems = validateBot(withUtterances(INTENTS.help, ['help with {Topic}']));
      // Assess
      expect(problems).toEqual(['PatientServices/en_US/Help: utterance "help with {Topic}" refers to missing slot Topic']);
    });
  });
});
