/**
 * A whole call in Spanish through the deployed flow (issue 18): the caller chooses Spanish at the
 * greeting (2, or "español" said to the verification bot), and from then on every prompt, bot line
 * and message is Spanish. The bundled Spanish demo call is checked word by word for English, and
 * Epic's English patient instructions are heard only when the caller chooses English.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTACT_LANGUAGES, DEFAULT_PATIENT_SEARCH_STRATEGY, LANGUAGE_KEYS } from '../../../contract';
import { CATALOGS, plainText } from '../../../prompts';
import { DEMO_CALLER } from '../../../sandbox/data/scenarios';
import { playCall } from '../../../sandbox/simulator/flow';
import { scriptLines } from '../../../sandbox/simulator/script';
import { appointmentInstructions } from '../../support/appointmentStrings';
import { englishWordsIn } from '../../support/englishWords';
import { useLocalRuntime } from '../../support/localRuntime';
import { recorder, scriptOf } from '../../support/callRecorder';

const SPANISH_DEMO = scriptLines(readFileSync(new URL('../../../sandbox/simulator/spanish-demo-call.txt', import.meta.url), 'utf8'));

describe('a call in Spanish', () => {
  const runtime = useLocalRuntime();

  async function call(lines: readonly string[], defaultLanguage?: 'en-US' | 'es-US') {
    const print = recorder();
    const result = await playCall({
      handler: runtime.handler,
      callerNumber: DEMO_CALLER.callerNumber,
      lines: scriptOf(lines),
      print,
      searchStrategy: DEFAULT_PATIENT_SEARCH_STRATEGY,
      ...(defaultLanguage ? { defaultLanguage } : {}),
    });
    return { print, result };
  }

  it('switches to Spanish on 2 at the greeting: Spanish voice, contact language es-US, the bots in es_US', async () => {
    // Act
    const { print, result } = await call(['2', '14 de marzo de 1948']);
    // Assess
    expect(result.path.slice(0, 8)).toEqual(['disable-flow-logs', 'line-language', 'check-line-language', 'greeting', 'voice-es', 'language-es', 'words-es-US', 'auth-bot']);
    expect(print.traces).toContain('flow: voice-es: voice Lupe/Neural');
    expect(print.traces).toContain(`flow: language-es: contact language ${CONTACT_LANGUAGES.es_US}`);
    expect(print.traces.some((line) => line.startsWith('flow: auth-bot: PatientAuth (es_US)'))).toBe(true);
    expect(print.heard[1]).toBe(CATALOGS.es_US.flow.askBirthDate);
  });

  it('switches to Spanish on "español" said to the verification bot: ChooseSpanish, then PatientAuth again in es_US', async () => {
    // Act
    const { print, result } = await call(['español', '14 de marzo de 1948']);
    // Assess
    expect(result.path.slice(3, 11)).toEqual(['greeting', 'words-en-US', 'auth-bot', 'check-language-choice', 'voice-es', 'language-es', 'words-es-US', 'auth-bot']);
    expect(print.traces).toContain('flow: check-language-choice -> voice-es ($.Lex.IntentName Equals ChooseSpanish)');
    expect(print.traces.some((line) => line.startsWith('flow: auth-bot: PatientAuth (es_US)'))).toBe(true);
    expect(print.heard.slice(1, 3)).toEqual([CATALOGS.en_US.flow.askBirthDate, CATALOGS.es_US.flow.askBirthDate]);
  });

  it('stays in English when the caller lets the offer pass, as before', async () => {
    // Act
    const { print, result } = await call(['March 14, 1948']);
    // Assess
    expect(result.path).toContain('words-en-US');
    expect(result.path).not.toContain('voice-es');
    expect(print.heard[1]).toBe(CATALOGS.en_US.flow.askBirthDate);
    expect(print.traces.some((line) => line.startsWith('flow: auth-bot: PatientAuth (en_US)'))).toBe(true);
  });

  it('plays the bundled Spanish demo call to a goodbye with no English word heard but the offer of English and drug names', async () => {
    // Prepare
    const medications = await runtime.epic.activeMedications(DEMO_CALLER.patientId);
    // A drug name, as in the chart, is exempt; the rest of each medication's sentence is Spanish.
    const drugs = medications.map((medication) => (medication.name.split(' ')[0] ?? '').toLowerCase()).filter(Boolean);
    const medicationSentence = new RegExp(`\\b(?:${drugs.join('|')})\\b`, 'gi');
    const offerOfEnglish = plainText(CATALOGS.en_US.flow.offerLanguage(LANGUAGE_KEYS.en_US));
    // Act
    const english = await call(SPANISH_DEMO);
    const spanishLine = await call(SPANISH_DEMO, 'es-US');
    // Assess
    for (const { print, result } of [english, spanishLine]) {
      expect(result.ending).toBe('goodbye');
      const afterTheChoice = print.heard.slice(1).map((line) => line.split(offerOfEnglish).join(' ').replace(medicationSentence, ' '));
      expect(afterTheChoice.length).toBeGreaterThan(8);
      expect(afterTheChoice.flatMap((line) => englishWordsIn(line).map((word) => `${word}: ${line.slice(0, 60)}`))).toEqual([]);
    }
    expect(spanishLine.print.heard[0]).toContain(offerOfEnglish);
    expect(englishWordsIn(spanishLine.print.heard[0] ?? '').join(' ')).toBe('for press');
  });
  it('reads the appointments in Spanish and Epic\'s English instructions only after the caller says "inglés"', async () => {
    // Prepare: the demo patient's visits; the instructions are Epic's English free text.
    const instructions = appointmentInstructions();
    const heardAny = (line: string) => instructions.filter((text) => line.includes(text));
    // Act
    const { print, result } = await call(['2', '14 de marzo de 1948', 'E L E A N O R', 'W H I T F I E L D', 'femenino', 'mis citas', 'más', 'inglés', 'adiós']);
    // Assess
    expect(result.ending).toBe('goodbye');
    const chose = print.heard.findIndex((line) => line.includes(CATALOGS.es_US.englishChoice.englishFollows));
    expect(chose).toBeGreaterThan(0);
    expect(print.heard.slice(0, chose).flatMap(heardAny)).toEqual([]);
    expect(print.heard.slice(0, chose).some((line) => line.includes(CATALOGS.es_US.appointments.instructionsInEnglish))).toBe(true);
    expect(heardAny(print.heard[chose] ?? '').length).toBeGreaterThan(0);
  });
});
