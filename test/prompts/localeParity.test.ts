/**
 * Every locale says everything: the same catalog entries, the same keys in the same order, in SSML
 * the voice can read, and no English left in the Spanish catalog.
 */
import { describe, expect, it } from 'vitest';
import { messages } from '../../bots/messages';
import { CHOICE_KEYS, ES_LOCALE_ID, LOCALE_ID } from '../../contract';
import { digits, say, toSsml } from '../../fulfillment/lex/speech';
import { CATALOGS, isKeyed, plainText, type PromptCatalog, type Spoken } from '../../prompts';
import { xmlProblem } from '../support/xml';

/** Sample arguments of each catalog function, by key path; one call per argument list. */
const SAMPLE_ARGUMENTS: Readonly<Record<string, readonly (readonly unknown[])[]>> = {
  spellName: [['first'], ['last']],
  spellNameAsk: [['first'], ['last']],
  spellNameAgain: [['first'], ['last']],
  'verification.verified': [['Eleanor'], [undefined]],
  'medications.count': [[1, false], [4, false], [4, true]],
  'medications.endPartial': [[1], [7]],
  'medications.instructionsInEnglish': [['warfarin 5 milligram oral tablet']],
  'appointments.count': [[1], [3]],
  'appointments.when': [['10/3', '1:30'], ['10/3', '2:30']],
  'appointments.withProviders': [['Dr. Priya Raman']],
  'appointments.department': [['Cardiology']],
  'appointments.place': [['Lakeside Clinic, 200 Lakeside Drive']],
  'appointments.instructions': [['Bring your medication list.']],
  'appointments.endPartial': [[1], [5]],
  'appointments.noSuchOne': [[1], [2]],
  'appointments.toScheduling': [['10/3, 2:30']],
  'refills.whichOne': [[['lisinopril', 'metformin'], CHOICE_KEYS.slice(0, 2)]],
  'refills.confirm': [['lisinopril']],
  'refills.refillsLeft': [['lisinopril']],
  'refills.sent': [['lisinopril']],
  'refills.alreadySent': [['lisinopril']],
  'texts.askAppointment': [['0142']],
  'texts.askRequest': [['0142']],
  'texts.appointment': [
    [{ sender: 'Lakeside Clinic', date: '10/3', time: '2:30', address: '200 Lakeside Drive' }],
    [{ sender: 'Lakeside Clinic', date: '10/3', time: '1:30', address: undefined }],
  ],
  'texts.requestReceived': [['Lakeside Clinic']],
  'flow.offerLanguage': [['2']],
};

/** What a catalog holds: every key path with the kind of its entry, and every sentence in it. */
interface Walked {
  readonly shape: Record<string, string>;
  readonly sentences: { readonly path: string; readonly spoken: Spoken }[];
}

/** Walks `value` deeply; functions are called with their sample arguments. */
function walk(value: unknown, path: string, into: Walked): Walked {
  if (typeof value === 'function') {
    const calls = SAMPLE_ARGUMENTS[path];
    into.shape[path] = calls === undefined ? 'a function with no sample arguments in this test' : `function, ${calls.length} calls`;
    (calls ?? []).forEach((args, index) => walk((value as (...args: readonly unknown[]) => unknown)(...args), `${path}(${index})`, into));
  } else if (typeof value === 'string') {
    into.shape[path] = 'words';
    into.sentences.push({ path, spoken: value });
  } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    // Words a caller may say (positions, change words): each locale has its own, never none.
    into.shape[path] = value.length > 0 ? 'a list of words' : 'an empty list of words';
  } else if (Array.isArray(value)) {
    into.shape[path] = `a list of ${value.length}`;
    value.forEach((item, index) => walk(item, `${path}[${index}]`, into));
  } else if (typeof value === 'object' && value !== null && 'parts' in value) {
    const spoken = value as Spoken;
    const keys = isKeyed(spoken) ? spoken.parts.flatMap((part) => (typeof part === 'string' ? [] : [part.key])) : [];
    // A keypad example's digits are an example date, not a key: only their count must match.
    into.shape[path] = path.endsWith('.example') ? `an example with ${keys.length} keyed part(s)` : `words with keys ${keys.join(' ')}`;
    into.sentences.push({ path, spoken });
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) walk(item, path === '' ? name : `${path}.${name}`, into);
  } else {
    into.shape[path] = typeof value;
  }
  return into;
}

function walked(catalog: PromptCatalog): Walked {
  return walk(catalog, '', { shape: {}, sentences: [] });
}

/** The SSML a sentence becomes when the code hook says it: words as text, keys as digits. */
function ssmlOf(spoken: Spoken): string {
  if (!isKeyed(spoken)) return toSsml([say(spoken)]);
  return toSsml(spoken.parts.map((part) => (typeof part === 'string' ? say(part) : digits(part.key))));
}

/**
 * SSML elements the neural voices of both locales (Joanna, Lupe) read: `<speak>` and `<break>` in
 * full, `<prosody>` and `<say-as>` in part (https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html);
 * an element outside the table makes Polly fail the message, so none may appear.
 */
const READABLE_ELEMENTS = new Set(['speak', 'break', 'say-as', 'prosody']);

/** English that must not be left in the Spanish catalog, matched as whole words. */
const ENGLISH_WORDS = ['the', 'press', 'please', 'you', 'your', 'sorry', 'thank', 'appointment', 'medication'];

const ENGLISH = walked(CATALOGS[LOCALE_ID]);
const SPANISH = walked(CATALOGS[ES_LOCALE_ID]);

describe('the es_US catalog beside the en_US one', () => {
  it('has exactly the entries of en_US, of the same kinds, and the same keys in the same order', () => {
    // Assess: a key path in one locale and not the other shows up as a difference, with its path.
    expect(SPANISH.shape).toEqual(ENGLISH.shape);
  });

  it('gives every function of the catalog sample arguments in this test', () => {
    // Act
    const untested = Object.entries(ENGLISH.shape).filter(([, kind]) => kind.includes('no sample arguments'));
    // Assess
    expect(untested).toEqual([]);
  });

  it('has no list of words left empty', () => {
    expect(Object.entries(SPANISH.shape).filter(([, kind]) => kind === 'an empty list of words')).toEqual([]);
  });

  it('renders every entry as well-formed SSML with only elements the voice reads', () => {
    // Prepare: what the code hook says, and what Lex says from the slot prompts (keypad examples are SSML).
    const slotSsml = messages([...CATALOGS[ES_LOCALE_ID].birthDate.slotPrompts, ...CATALOGS[ES_LOCALE_ID].gender.slotPrompts]).flatMap((message) =>
      'ssml' in message ? [{ path: 'slot prompt', ssml: message.ssml }] : [],
    );
    const documents = [...SPANISH.sentences.map(({ path, spoken }) => ({ path, ssml: ssmlOf(spoken) })), ...slotSsml];
    // Act
    const problems = documents.flatMap(({ path, ssml }) => {
      const xml = xmlProblem(ssml);
      const elements = [...ssml.matchAll(/<([a-z-]+)/g)].map((match) => match[1] ?? '');
      const unread = elements.filter((element) => !READABLE_ELEMENTS.has(element));
      return [...(xml === undefined ? [] : [`${path}: ${xml}`]), ...unread.map((element) => `${path}: <${element}>`)];
    });
    // Assess
    expect(slotSsml.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('leaves no English words in the Spanish sentences', () => {
    // Prepare: the sample arguments are data (a clinic's name, a drug), not catalog words.
    const english = new RegExp(`\\b(${ENGLISH_WORDS.join('|')})\\b`, 'i');
    const samples = /Lakeside|Eleanor|Priya Raman|Cardiology|Bring your medication list|lisinopril|metformin/g;
    // Act
    const leftovers = SPANISH.sentences
      .map(({ path, spoken }) => ({ path, text: plainText(spoken).replace(samples, '') }))
      .filter(({ text }) => english.test(text));
    // Assess
    expect(leftovers).toEqual([]);
  });

  it('finds English when it is there (the check is not vacuous)', () => {
    // Act
    const english = new RegExp(`\\b(${ENGLISH_WORDS.join('|')})\\b`, 'i');
    // Assess
    expect(ENGLISH.sentences.some(({ spoken }) => english.test(plainText(spoken)))).toBe(true);
  });
});
