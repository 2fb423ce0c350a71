/**
 * Replays every Lex V2 event fixture of `test/fixtures/lex/` through the real handler, wired to the
 * Epic-like sandbox on loopback, and checks each answer against its fixture's `expect`.
 *
 * One runtime per patient search strategy serves the file; a fixture is answered by the one its
 * `setup.searchStrategy` names (the default strategy when it names none). Between fixtures: the lockout record of every scenario number (and of
 * the fixture's own caller) is forgotten, injected Epic faults are cleared and the sandbox counters
 * zeroed, so no fixture depends on another or on their order.
 *
 * Every routed intent is covered in every locale the dialog speaks (en_US and es_US); a Spanish
 * fixture's answer, and any text it sends, holds no English word beyond the clinic's own data.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_NAMES, DEFAULT_PATIENT_SEARCH_STRATEGY, ES_LOCALE_ID, LOCALE_IDS, PATIENT_SEARCH_STRATEGIES, type PatientSearchStrategy } from '../../contract';
import { CATALOGS } from '../../prompts';
import { ROUTES } from '../../fulfillment/dialog/router';
import { logger } from '../../fulfillment/runtime/logger';
import { ALL_SCENARIOS, SCENARIOS } from '../../sandbox/data/scenarios';
import { resolveEvent, resolvePlaceholders } from '../../sandbox/fixtures/placeholders';
import { applySetup, callerNumberOf, clearFaults, fixtureStrategy, forgetFailures } from '../../sandbox/fixtures/setup';
import { startLocalRuntime, type LocalRuntime } from '../../sandbox/localRuntime';
import { captureOutput } from '../support/captureOutput';
import { checkExpectations, fixtureExpectSchema, loadFixtures } from '../support/lexFixtures';
import { englishWordsIn } from '../support/englishWords';
import { expectValidLexResponse, responseText } from '../support/lexResponseSchema';
import { appointmentDataIn } from '../support/appointmentStrings';
import { medicationDataIn, patientDataIn } from '../support/patientStrings';

const fixtures = loadFixtures();
const SCENARIO_PHONES = ALL_SCENARIOS.map((scenario) => scenario.callerNumber);

/** Locale, bot and intent of a fixture's event, as written in the file. */
function routeOf(event: Record<string, unknown>): { locale: string; bot: string; intent: string } {
  const typed = event as { bot?: { name?: string; localeId?: string }; sessionState?: { intent?: { name?: string } } };
  return { locale: typed.bot?.localeId ?? '', bot: typed.bot?.name ?? '', intent: typed.sessionState?.intent?.name ?? '' };
}

/** `es_US PatientAuth/VerifyIdentity`: a route in one locale. */
function routeKey({ locale, bot, intent }: { locale: string; bot: string; intent: string }): string {
  return `${locale} ${bot}/${intent}`;
}

describe('Lex V2 event fixtures replayed through the real handler and the Epic sandbox', () => {
  /** One runtime per search strategy: a fixture is answered by the deployment it is written for. */
  const runtimes = new Map<PatientSearchStrategy, LocalRuntime>();
  let runtime: LocalRuntime;
  const medicationNames = new Map<string, string[]>();
  let finishCapture: () => void = () => undefined;
  let captured: Promise<string> = Promise.resolve('');

  beforeAll(async () => {
    // Everything the handler logs during the whole replay is kept for the last test.
    logger.setLogLevel('DEBUG');
    captured = captureOutput(() => new Promise<void>((resolve) => (finishCapture = resolve)));
    // A short HTTP timeout keeps the hung-Epic fixture quick; loopback answers in milliseconds.
    for (const strategy of PATIENT_SEARCH_STRATEGIES) {
      runtimes.set(strategy, await startLocalRuntime({ env: { EPIC_HTTP_TIMEOUT_MS: '2000', EPIC_PATIENT_SEARCH: strategy } }));
    }
    runtime = runtimes.get(DEFAULT_PATIENT_SEARCH_STRATEGY) as LocalRuntime;
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      medicationNames.set(name, (await runtime.epic.activeMedications(scenario.patientId)).map((item) => item.name));
    }
  });

  afterAll(async () => {
    finishCapture();
    logger.setLogLevel('INFO');
    for (const started of runtimes.values()) await started.close();
  });

  it('has at least 32 fixtures, covering every intent the handler routes in both bots, in every locale', () => {
    // Prepare
    const routed = LOCALE_IDS.flatMap((locale) =>
      Object.entries(ROUTES).flatMap(([bot, intents]) => Object.keys(intents).map((intent) => routeKey({ locale, bot, intent }))),
    );
    // Act
    const covered = new Set(fixtures.map(({ event }) => routeKey(routeOf(event))));
    // Assess
    expect(fixtures.length).toBeGreaterThanOrEqual(32);
    expect(routed.filter((route) => !covered.has(route))).toEqual([]);
    expect(Object.keys(ROUTES).sort()).toEqual(Object.values(BOT_NAMES).sort());
  });

  it('names each es_US fixture es-auth-… or es-services-… after its bot, and only those', () => {
    // Prepare
    const prefixes: Record<string, string> = { [BOT_NAMES.patientAuth]: 'es-auth-', [BOT_NAMES.patientServices]: 'es-services-' };
    // Act
    const misnamed = fixtures.filter(({ file, event }) => {
      const { locale, bot } = routeOf(event);
      const spanish = locale === ES_LOCALE_ID;
      return spanish ? !file.startsWith(prefixes[bot] ?? 'es-services-') : file.startsWith('es-');
    });
    // Assess
    expect(fixtures.filter(({ event }) => routeOf(event).locale === ES_LOCALE_ID).length).toBeGreaterThanOrEqual(30);
    expect(misnamed.map(({ file }) => file)).toEqual([]);
  });

  it('finds English in a Spanish answer when it is there, but not in the es_US catalog or the clinic\'s names and places (the check is not vacuous)', () => {
    // Act
    const inEnglish = englishWordsIn(CATALOGS.en_US.menu.goodbye);
    const leftOver = englishWordsIn('Su próxima cita es el Saturday, December 12, en Cardiology.');
    const inSpanish = englishWordsIn(`${CATALOGS[ES_LOCALE_ID].menu.goodbye} Con Dr. Priya Raman, en Cardiology, en Maple Street Medical Center, 41 Maple Street, Suite 300, Madison.`);
    // Epic's appointment instructions are English a Spanish caller hears only after choosing it.
    const instructions = englishWordsIn('Instrucciones: Please arrive 15 minutes early and bring your medication list.');
    // Assess
    expect(inEnglish).toEqual(['thank', 'you', 'for', 'calling', 'take', 'care', 'goodbye']);
    expect(leftOver).toEqual(['saturday', 'december']);
    expect(inSpanish).toEqual([]);
    expect(instructions).toEqual(['please', 'minutes', 'and', 'your', 'medication']);
  });

  for (const fixture of fixtures) {
    it(`${fixture.file}: ${fixture.description}`, async () => {
      // Prepare
      const runtime = runtimes.get(fixtureStrategy(fixture.setup)) as LocalRuntime;
      const event = await resolveEvent(fixture.event, runtime);
      const expected = fixtureExpectSchema.parse(await resolvePlaceholders(fixture.expected, runtime, String(event.sessionId)));
      await forgetFailures(runtime, [...SCENARIO_PHONES, callerNumberOf(event)]);
      await applySetup(runtime, fixture.setup, event);
      runtime.sandbox.resetStats();
      const auditBefore = runtime.audit.events.length;
      const textsBefore = runtime.texts.sent.length;

      // Act
      let raw: unknown;
      try {
        raw = await runtime.handler(event);
      } finally {
        clearFaults(runtime);
      }

      // Assess
      const response = expectValidLexResponse(raw);
      const effects = {
        epicRequests: runtime.sandbox.stats.fhirRequests,
        auditEvents: runtime.audit.events.length - auditBefore,
        texts: runtime.texts.sent.slice(textsBefore).map((text) => text.body),
      };
      checkExpectations(expected, response, effects, (name) => {
        const names = medicationNames.get(name);
        if (!names) throw new Error(`noMedicationsOf names an unknown scenario "${name}"`);
        return names;
      });
      if (routeOf(fixture.event).locale === ES_LOCALE_ID) {
        // What the caller chose to hear in English is marked so in the SSML (`<lang xml:lang="en-US">`): allowed.
        const spoken = (response.messages ?? []).map((item) => ({ ...item, content: item.content.replace(/<lang xml:lang="en-US">[\s\S]*?<\/lang>/g, ' ') }));
        const text = responseText({ ...response, messages: spoken });
        expect(englishWordsIn([text, ...effects.texts].join('\n'), expected.englishAllowed), 'English in a Spanish answer').toEqual([]);
      } else {
        expect(expected.englishAllowed, 'englishAllowed is for es_US fixtures').toBeUndefined();
      }
    });
  }

  it('logs no name, birth date (English or Spanish forms), phone number, drug name or medication order id of any synthetic patient, nor any appointment detail, across the whole replay of both locales', async () => {
    // Prepare: the fixtures above ran with the logger at DEBUG while output was captured.
    // Act
    finishCapture();
    const output = await captured;
    // Assess
    expect(output.match(/"event":"lex\.turn"/g)?.length ?? 0).toBeGreaterThanOrEqual(fixtures.length);
    expect(patientDataIn(output)).toEqual([]);
    expect(appointmentDataIn(output)).toEqual([]);
    // The refill fixtures choose, confirm and send medications by name: none of it reaches a log line.
    expect(medicationDataIn(output)).toEqual([]);
  });
});
