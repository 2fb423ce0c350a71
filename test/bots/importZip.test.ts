import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { ALL_BOTS, buildBotImportFiles, buildBotImportZip, patientAuthBot, patientServicesBot, promptAttemptNames } from '../../bots';
import type {
  BotDefinition,
  LexIntentJson,
  LexJsonFile,
  LexSlotJson,
  LexSlotTypeJson,
  PatientSearchStrategy,
} from '../../bots';
import { BOT_NAMES, ES_LOCALE_ID, GENDER_VALUES, INTENTS, LOCALE_ID, SLOTS, SLOT_TYPES } from '../../contract';

/** The zip's files, path → parsed JSON. */
function unzipJson(zip: Uint8Array): ReadonlyMap<string, unknown> {
  return new Map(Object.entries(unzipSync(zip)).map(([path, bytes]) => [path, JSON.parse(strFromU8(bytes)) as unknown]));
}

/** The parsed file at `path`, read as the Lex file shape `T`. */
function read<T extends LexJsonFile>(files: ReadonlyMap<string, unknown>, path: string): T {
  if (!files.has(path)) throw new Error(`missing ${path}`);
  return files.get(path) as T;
}

/** Paths of a kind of file (`Intent.json`, `Slot.json`, …). */
function pathsOf(files: ReadonlyMap<string, unknown>, fileName: string): readonly string[] {
  return [...files.keys()].filter((path) => path.endsWith(`/${fileName}`));
}

/** The directory of a path. */
function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** The paths the documented layout gives `bot`. */
function expectedPaths(bot: BotDefinition): readonly string[] {
  return [
    'manifest.json',
    `${bot.name}/Bot.json`,
    ...bot.locales.flatMap((locale) => {
      const root = `${bot.name}/BotLocales/${locale.localeId}`;
      return [
        `${root}/BotLocale.json`,
        ...locale.intents.flatMap((intent) => [
          `${root}/Intents/${intent.name}/Intent.json`,
          ...intent.slots.map((slot) => `${root}/Intents/${intent.name}/Slots/${slot.name}/Slot.json`),
        ]),
        ...locale.slotTypes.map((type) => `${root}/SlotTypes/${type.name}/SlotType.json`),
      ];
    }),
  ];
}

const CASES = (['telecom', 'name'] as const satisfies readonly PatientSearchStrategy[]).flatMap((searchStrategy) =>
  ALL_BOTS({ searchStrategy }).map((bot) => [`${bot.name} (${searchStrategy})`, bot] as const),
);

const SLOT_DIR = `${BOT_NAMES.patientAuth}/BotLocales/${LOCALE_ID}/Intents/${INTENTS.verifyIdentity}/Slots`;

describe('Lex import zip', () => {
  describe.each(CASES)('of %s', (_label, bot) => {
    const files = unzipJson(buildBotImportZip(bot));

    it('has the documented manifest at its root', () => {
      expect(files.get('manifest.json')).toEqual({
        metadata: { schemaVersion: '1.0', fileFormat: 'LexJson', resourceType: 'Bot' },
      });
    });

    it('holds exactly the files of the documented layout', () => {
      expect([...files.keys()].sort()).toEqual([...expectedPaths(bot)].sort());
    });

    it('holds the same JSON that buildBotImportFiles returns', () => {
      expect(Object.fromEntries(files)).toEqual(JSON.parse(JSON.stringify(buildBotImportFiles(bot))) as unknown);
    });

    it('describes the bot and its locales', () => {
      expect(files.get(`${bot.name}/Bot.json`)).toMatchObject({
        name: bot.name,
        dataPrivacy: { childDirected: false },
        idleSessionTTLInSeconds: bot.idleSessionTTLInSeconds,
      });
      expect(files.get(`${bot.name}/BotLocales/${LOCALE_ID}/BotLocale.json`)).toMatchObject({
        identifier: LOCALE_ID,
        voiceSettings: { voiceId: 'Joanna', engine: 'neural' },
      });
      expect(files.get(`${bot.name}/BotLocales/${ES_LOCALE_ID}/BotLocale.json`)).toMatchObject({
        identifier: ES_LOCALE_ID,
        voiceSettings: { voiceId: 'Lupe', engine: 'neural' },
        nluConfidenceThreshold: 0.4,
      });
    });

    it('has the same intents, slots and slot types in es_US as in en_US', () => {
      // Act: every path of a locale, with the locale's directory taken out.
      const inLocale = (localeId: string) =>
        [...files.keys()]
          .filter((path) => path.startsWith(`${bot.name}/BotLocales/${localeId}/`))
          .map((path) => path.slice(`${bot.name}/BotLocales/${localeId}/`.length))
          .sort();
      // Assess
      expect(inLocale(ES_LOCALE_ID)).toEqual(inLocale(LOCALE_ID));
      expect(inLocale(ES_LOCALE_ID).length).toBeGreaterThan(1);
    });

    it('lists in slotPriorities exactly the slots of each intent, in order from 1', () => {
      for (const path of pathsOf(files, 'Intent.json')) {
        // Prepare
        const intent = read<LexIntentJson>(files, path);
        const slotFiles = pathsOf(files, 'Slot.json').filter((slotPath) => slotPath.startsWith(`${dirOf(path)}/Slots/`));
        // Act
        const prioritized = intent.slotPriorities.map((entry) => `${dirOf(path)}/Slots/${entry.slotName}/Slot.json`);
        // Assess
        expect([...prioritized].sort(), path).toEqual([...slotFiles].sort());
        expect(intent.slotPriorities.map((entry) => entry.priority), path).toEqual(prioritized.map((_, index) => index + 1));
      }
    });

    it('uses built-in slot types or ships a SlotType.json for each custom one', () => {
      for (const path of pathsOf(files, 'Slot.json')) {
        const { slotTypeName } = read<LexSlotJson>(files, path);
        const localeDir = path.slice(0, path.indexOf('/Intents/'));
        const builtIn = slotTypeName.startsWith('AMAZON.');
        expect(builtIn || files.has(`${localeDir}/SlotTypes/${slotTypeName}/SlotType.json`), `${path}: ${slotTypeName}`).toBe(true);
      }
    });

    it('marks the fallback intent as AMAZON.FallbackIntent, without utterances', () => {
      const fallback = read<LexIntentJson>(files, `${bot.name}/BotLocales/${LOCALE_ID}/Intents/${INTENTS.fallback}/Intent.json`);
      expect(fallback.parentIntentSignature).toBe('AMAZON.FallbackIntent');
      expect(fallback.sampleUtterances).toBeUndefined();
    });

    it('turns the fulfillment code hook on in every intent', () => {
      for (const path of pathsOf(files, 'Intent.json')) {
        expect(read<LexIntentJson>(files, path).fulfillmentCodeHook, path).toMatchObject({ enabled: true, isActive: true });
      }
    });

    it('gives every slot a message and input settings for the first prompt and each retry', () => {
      for (const path of pathsOf(files, 'Slot.json')) {
        const prompt = read<LexSlotJson>(files, path).valueElicitationSetting.promptSpecification;
        expect(Object.keys(prompt.promptAttemptsSpecification), path).toEqual(promptAttemptNames(prompt.maxRetries));
        expect(prompt.messageGroupsList.length, path).toBe(prompt.maxRetries + 1);
        expect(prompt.messageSelectionStrategy, path).toBe('Ordered');
      }
    });
  });

  describe('of PatientAuth', () => {
    const files = unzipJson(buildBotImportZip(patientAuthBot({ searchStrategy: 'name' })));
    const slot = (name: string) => read<LexSlotJson>(files, `${SLOT_DIR}/${name}/Slot.json`);

    it('obfuscates the birth date and the names in conversation logs, not the gender', () => {
      for (const name of [SLOTS.birthDate, SLOTS.firstName, SLOTS.lastName]) {
        expect(slot(name).obfuscationSetting, name).toEqual({ obfuscationSettingType: 'DefaultObfuscation' });
      }
      expect(slot(SLOTS.gender).obfuscationSetting).toEqual({ obfuscationSettingType: 'None' });
    });

    it.each([
      [SLOTS.birthDate, 8],
      [SLOTS.gender, 1],
    ])('takes %s on the keypad, up to %i keys, on every attempt', (name, maxLength) => {
      for (const [attempt, settings] of Object.entries(slot(name).valueElicitationSetting.promptSpecification.promptAttemptsSpecification)) {
        expect(settings.allowedInputTypes, attempt).toEqual({ allowAudioInput: true, allowDTMFInput: true });
        expect(settings.audioAndDTMFInputSpecification.dtmfSpecification, attempt).toEqual({
          maxLength,
          endTimeoutMs: 5000,
          deletionCharacter: '*',
          endCharacter: '#',
        });
      }
    });

    it('calls the Lambda after every attempt at a slot, labelled with the slot', () => {
      for (const name of [SLOTS.firstName, SLOTS.lastName, SLOTS.birthDate, SLOTS.gender]) {
        expect(slot(name).valueElicitationSetting.slotCaptureSetting, name).toEqual({
          elicitationCodeHook: { enableCodeHookInvocation: true, invocationLabel: name },
        });
      }
    });

    it('resolves gender words to their canonical value', () => {
      const type = read<LexSlotTypeJson>(files, `${BOT_NAMES.patientAuth}/BotLocales/${LOCALE_ID}/SlotTypes/${SLOT_TYPES.gender}/SlotType.json`);
      expect(type.valueSelectionSetting).toEqual({ resolutionStrategy: 'TOP_RESOLUTION' });
      expect(type.slotTypeValues.map((value) => value.sampleValue.value)).toEqual(['female', 'male', 'other', 'unknown']);
    });

    it('resolves Spanish gender words and the same keys to the same canonical values in es_US', () => {
      // Prepare
      const type = read<LexSlotTypeJson>(files, `${BOT_NAMES.patientAuth}/BotLocales/${ES_LOCALE_ID}/SlotTypes/${SLOT_TYPES.gender}/SlotType.json`);
      const meaning = (word: string) =>
        type.slotTypeValues.filter((value) => (value.synonyms ?? []).some((synonym) => synonym.value === word)).map((value) => value.sampleValue.value);
      // Assess
      expect(type.valueSelectionSetting).toEqual({ resolutionStrategy: 'TOP_RESOLUTION' });
      for (const word of ['femenino', 'mujer', 'dama', '1', 'uno']) expect(meaning(word), word).toEqual([GENDER_VALUES.female]);
      for (const word of ['masculino', 'hombre', 'varón', '2', 'dos']) expect(meaning(word), word).toEqual([GENDER_VALUES.male]);
      for (const word of ['otro', '3', 'tres']) expect(meaning(word), word).toEqual([GENDER_VALUES.other]);
      expect(meaning('no sé')).toEqual([GENDER_VALUES.unknown]);
    });

    it('masks the birth date and the names in es_US conversation logs too', () => {
      // Prepare
      const esSlot = (name: string) =>
        read<LexSlotJson>(files, `${BOT_NAMES.patientAuth}/BotLocales/${ES_LOCALE_ID}/Intents/${INTENTS.verifyIdentity}/Slots/${name}/Slot.json`);
      // Assess
      for (const name of [SLOTS.birthDate, SLOTS.firstName, SLOTS.lastName]) {
        expect(esSlot(name).obfuscationSetting, name).toEqual({ obfuscationSettingType: 'DefaultObfuscation' });
      }
    });

    it('has only an optional first name slot besides birth date and gender under the telecom strategy', () => {
      const telecom = unzipJson(buildBotImportZip(patientAuthBot({ searchStrategy: 'telecom' })));
      const slotPaths = pathsOf(telecom, 'Slot.json').filter((path) => path.startsWith(`${SLOT_DIR}/`));
      expect(slotPaths.map((path) => path.slice(SLOT_DIR.length + 1)).sort()).toEqual([
        `${SLOTS.birthDate}/Slot.json`,
        `${SLOTS.firstName}/Slot.json`,
        `${SLOTS.gender}/Slot.json`,
      ]);
      const firstName = read<LexSlotJson>(telecom, `${SLOT_DIR}/${SLOTS.firstName}/Slot.json`);
      expect(firstName.valueElicitationSetting.slotConstraint).toBe('Optional');
    });
  });

  describe('of PatientServices', () => {
    it('tells the caller to hold on when the medication lookup is slow', () => {
      // Act
      const files = unzipJson(buildBotImportZip(patientServicesBot()));
      const intent = read<LexIntentJson>(
        files,
        `${BOT_NAMES.patientServices}/BotLocales/${LOCALE_ID}/Intents/${INTENTS.getMedications}/Intent.json`,
      );
      // Assess
      expect(intent.fulfillmentCodeHook.fulfillmentUpdatesSpecification).toMatchObject({
        active: true,
        startResponse: {
          delayInSeconds: 2,
          messageGroups: [{ message: { plainTextMessage: { value: 'One moment while I look that up.' } } }],
        },
        timeoutInSeconds: 30,
      });
    });
  });

  it('is byte-identical when built twice, at another time and in another time zone', () => {
    // Prepare
    const first = CASES.map(([, bot]) => buildBotImportZip(bot));
    const timeZone = process.env.TZ;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-15T03:30:00Z'));
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      // Act
      const second = CASES.map(([, bot]) => buildBotImportZip(bot));
      // Assess
      expect(second).toEqual(first);
    } finally {
      vi.useRealTimers();
      if (timeZone === undefined) delete process.env.TZ;
      else process.env.TZ = timeZone;
    }
  });

  it('refuses a definition Lex would reject, naming the problem', () => {
    // Prepare
    const bot = patientServicesBot();
    const broken: BotDefinition = {
      ...bot,
      locales: bot.locales.map((locale) => ({
        ...locale,
        intents: locale.intents.filter((intent) => intent.name !== INTENTS.fallback),
      })),
    };
    // Act + Assess
    expect(() => buildBotImportZip(broken)).toThrow(/Lex requires an AMAZON.FallbackIntent/);
  });
});
