/**
 * The one-source rule for spoken words: the bots and the dialog say only what the prompt catalog
 * holds, and every key the catalog announces is a key of `contract/keypad.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_BOTS, type BotDefinition, type MessageDefinition } from '../../bots';
import { BOT_WORDS, messages } from '../../bots/messages';
import { CHOICE_KEYS, CONFIRM_KEYS, ENGLISH_INSTRUCTIONS_KEYS, GENDER_KEYS, MENU_KEYS, PATIENT_SEARCH_STRATEGIES, SLOTS } from '../../contract';
import { phrasesFor } from '../../fulfillment/dialog/phrases';
import type { Speech } from '../../fulfillment/lex/speech';
import { CATALOGS, type PromptCatalog, type SlotPrompt } from '../../prompts';

const ROOT = new URL('../../', import.meta.url);

/** The catalog entries each slot's prompts must come from. */
const SLOT_PROMPTS: Readonly<Record<string, (words: PromptCatalog) => readonly SlotPrompt[]>> = {
  [SLOTS.birthDate]: (words) => words.birthDate.slotPrompts,
  [SLOTS.gender]: (words) => words.gender.slotPrompts,
  [SLOTS.firstName]: (words) => words.spellName('first'),
  [SLOTS.lastName]: (words) => words.spellName('last'),
};

/** Sample arguments of the phrases that take some; the others are called with none. */
const PHRASE_ARGUMENTS: Readonly<Record<string, readonly unknown[]>> = {
  greeting: ['Eleanor'],
  medicationsCount: [4],
  medicationItem: ['lisinopril 10 milligram tablet: take 1 tablet by mouth daily.'],
  englishInstructions: [['lisinopril 10 milligram tablet: take 1 tablet by mouth daily.']],
  medicationsEndPartial: [7],
  appointmentsCount: [8],
  appointmentsEndPartial: [5],
  noSuchAppointment: [2],
  toScheduling: ['Tuesday, March 10, at 2:30 PM'],
  refillWhichOne: [['lisinopril', 'metformin'], CHOICE_KEYS.slice(0, 2)],
  refillConfirm: ['lisinopril'],
  refillsLeft: ['lisinopril'],
  refillSent: ['lisinopril'],
  refillAlreadySent: ['lisinopril'],
  textAskAppointment: ['0142'],
  textAskRequest: ['0142'],
};

const CONTRACT_KEYS: readonly string[] = [
  ...Object.values(MENU_KEYS),
  ...Object.values(GENDER_KEYS),
  ...Object.values(CONFIRM_KEYS),
  ...CHOICE_KEYS,
  ...Object.values(ENGLISH_INSTRUCTIONS_KEYS),
];

function botsOfEveryStrategy(): readonly BotDefinition[] {
  return PATIENT_SEARCH_STRATEGIES.flatMap((searchStrategy) => ALL_BOTS({ searchStrategy }));
}

/** The keys marked in catalog words, in order. */
function keysOf(text: SlotPrompt): readonly string[] {
  if (typeof text === 'string' || !('parts' in text)) return [];
  return text.parts.flatMap((part) => (typeof part === 'string' ? [] : [part.key]));
}

/** The keys the dialog reads out digit by digit. */
function digitsOf(parts: readonly Speech[]): readonly string[] {
  return parts.flatMap((part) => (part.kind === 'digits' ? [part.digits] : []));
}

/** Bot source files that could hold a message; `messages.ts` is the writer of catalog words into messages. */
function botDefinitionSources(): readonly [string, string][] {
  return readdirSync(new URL('bots/', ROOT))
    .filter((name) => name.endsWith('.ts') && name !== 'messages.ts')
    .map((name) => [name, readFileSync(new URL(`bots/${name}`, ROOT), 'utf8')]);
}

describe('the prompt catalog as the one source of spoken words', () => {
  it('has a catalog for every locale the bots are built in', () => {
    // Act
    const locales = botsOfEveryStrategy().flatMap((bot) => bot.locales.map((locale) => locale.localeId));
    // Assess
    for (const locale of locales) expect(Object.keys(CATALOGS), locale).toContain(locale);
  });

  it('gives every slot of both bots exactly the prompts of its catalog entry, in order', () => {
    for (const bot of botsOfEveryStrategy()) {
      for (const locale of bot.locales) {
        // Prepare
        const words = CATALOGS[locale.localeId as keyof typeof CATALOGS];
        for (const slot of locale.intents.flatMap((intent) => intent.slots)) {
          const entry = SLOT_PROMPTS[slot.name];
          // Act / Assess
          expect(entry, `${bot.name}/${slot.name} has a catalog entry`).toBeDefined();
          expect(slot.prompts, `${bot.name}/${slot.name}`).toEqual(messages(entry?.(words) ?? []));
        }
      }
    }
  });

  it('takes the bots’ "one moment" messages from the catalog of their locale', () => {
    for (const locale of botsOfEveryStrategy().flatMap((bot) => bot.locales)) {
      // Prepare
      const waiting: readonly MessageDefinition[] = messages(Object.values(CATALOGS[locale.localeId as keyof typeof CATALOGS].waiting));
      // Act
      const updates = locale.intents.flatMap((intent) => [...(intent.fulfillment.updates?.startMessages ?? []), ...(intent.fulfillment.updates?.updateMessages ?? [])]);
      // Assess
      expect(updates.length, locale.localeId).toBeGreaterThan(0);
      for (const update of updates) expect(waiting, locale.localeId).toContainEqual(update);
    }
  });

  it('leaves no message worded inside the bot definitions', () => {
    // Act: a `text:` or `ssml:` given a string literal is a prompt written outside the catalog.
    const literal = botDefinitionSources().flatMap(([name, source]) =>
      source.split('\n').flatMap((line, index) => (/\b(text|ssml)\s*:\s*['"`]/.test(line) ? [`bots/${name}:${index + 1}: ${line.trim()}`] : [])),
    );
    // Assess
    expect(literal).toEqual([]);
  });

  it('leaves no words or keys written inside the dialog phrases', () => {
    // Prepare
    const source = readFileSync(new URL('fulfillment/dialog/phrases.ts', ROOT), 'utf8');
    // Act: `say('…')`, `slowly("…")` or `digits(\`…\`)` would be words or a key written twice.
    const literal = source.match(/\b(say|slowly|digits)\(\s*['"`][^)]*\)/g) ?? [];
    // Assess
    expect(literal).toEqual([]);
  });
});

describe('keys announced to the caller', () => {
  it.each(Object.keys(CATALOGS))('are only keys of contract/keypad.ts, wherever the %s catalog announces one', (localeId) => {
    // Prepare: every catalog entry that carries keys (the birth date example digits are an example, not a key).
    const words = CATALOGS[localeId as keyof typeof CATALOGS];
    const announcing: readonly SlotPrompt[] = [
      ...words.gender.slotPrompts,
      words.gender.askAgain,
      words.menu.options,
      words.menu.keys,
      words.menu.notUnderstoodOfferPerson,
      words.medications.more,
      words.medications.end,
      words.medications.endPartial(7),
      words.englishChoice.hearInEnglishOrPerson,
    ];
    // Act
    const keys = announcing.flatMap(keysOf);
    // Assess
    expect(keys.length).toBeGreaterThan(0);
    for (const announced of keys) expect(CONTRACT_KEYS).toContain(announced);
  });

  it('name both keys of the English-instructions choice, English first, then a person', () => {
    // Act
    const keys = keysOf(CATALOGS.en_US.englishChoice.hearInEnglishOrPerson);
    // Assess
    expect(keys).toEqual([ENGLISH_INSTRUCTIONS_KEYS.english, ENGLISH_INSTRUCTIONS_KEYS.person]);
  });

  it('are read by the dialog digit by digit, and only as contract keys, in every locale', () => {
    // Act
    const read = Object.values(CATALOGS).flatMap((catalog) =>
      Object.entries(phrasesFor(catalog)).flatMap(([name, phrase]) =>
        digitsOf((phrase as (...args: readonly unknown[]) => Speech[])(...(PHRASE_ARGUMENTS[name] ?? []))),
      ),
    );
    // Assess
    expect(read.length).toBeGreaterThan(0);
    for (const digit of read) expect(CONTRACT_KEYS).toContain(digit);
  });

  it('name every gender key in every gender question, from the bot and from the dialog alike', () => {
    // Prepare
    const genderKeys = Object.values(GENDER_KEYS).sort();
    // Act
    const botPrompts = BOT_WORDS.gender.slotPrompts.map((prompt) => [...keysOf(prompt)].sort());
    const dialogAsk = [...digitsOf(phrasesFor(CATALOGS.en_US).askGenderAgain())].sort();
    // Assess
    for (const keys of botPrompts) expect(keys).toEqual(genderKeys);
    expect(dialogAsk).toEqual(genderKeys);
  });

  it('are not in the spoken menu on first hearing', () => {
    // Act
    const read = digitsOf(phrasesFor(CATALOGS.en_US).menu());
    // Assess
    expect(read).toEqual([]);
  });

  it('name every menu key, in the order of the options, when the keys are listed (help, after a miss)', () => {
    // Act
    const read = digitsOf(phrasesFor(CATALOGS.en_US).menuKeys());
    // Assess
    expect(read).toEqual([MENU_KEYS.medications, MENU_KEYS.messageForDoctor, MENU_KEYS.appointments, MENU_KEYS.refills, MENU_KEYS.person, MENU_KEYS.repeat]);
  });
});
