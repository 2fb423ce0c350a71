/**
 * Fuzzing the handler with mutated fixture events: dropped fields, wrong types, huge and odd
 * strings, null slots, unknown names, garbage tokens, arrays for objects, other locales. Seeded and
 * bounded by count (not by time), so a failure names the seed and iteration that reproduce it. The
 * bases are every fixture, the es_US ones included, and the locale mutation speaks English events
 * in Spanish (and in locales no catalog has), so the same assertions hold over both bots' locales.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ES_LOCALE_ID, SESSION_ATTRIBUTES } from '../../contract';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { resolveEvent } from '../../sandbox/fixtures/placeholders';
import { startLocalRuntime, type LocalRuntime } from '../../sandbox/localRuntime';
import { forbiddenAppointmentStrings } from '../support/appointmentStrings';
import { Dice, mulberry32, mutate } from '../support/lexFuzz';
import { loadFixtures, medicationWords } from '../support/lexFixtures';
import { expectValidLexResponse, responseText } from '../support/lexResponseSchema';

const SEED = 0x1e5c0de;
const MUTATIONS_TOTAL = 400;
/**
 * What only a medication or appointment answer says, in every locale: the counts ("You have 4
 * active medications on file.", "Tiene 4 citas programadas.") and the end of a list. The help
 * lines ("I can read your active medications", "Puedo leerle sus medicamentos") name no data.
 */
const DATA_PHRASES: Readonly<Record<'medications' | 'appointments', readonly string[]>> = {
  medications: ['active medications on file', 'medicamentos activos en su expediente', 'medicamento activo en su expediente'],
  appointments: ['upcoming appointment', 'citas programadas', 'cita programada'],
};

type Json = Record<string, unknown>;

function stringAt(value: unknown, ...path: string[]): string | undefined {
  let node = value;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Json)[key] : undefined;
  return typeof node === 'string' ? node : undefined;
}

describe('Lex handler under fuzzed events', () => {
  let runtime: LocalRuntime;
  let bases: Json[] = [];
  let tokens: string[] = [];
  let medicationVocabulary: string[] = [];
  const appointmentVocabulary = forbiddenAppointmentStrings().filter((form) => !form.startsWith('appt-')).map((form) => form.toLowerCase());

  beforeAll(async () => {
    runtime = await startLocalRuntime({ env: { EPIC_HTTP_TIMEOUT_MS: '2000' } });
    bases = [];
    for (const fixture of loadFixtures()) bases.push(await resolveEvent(fixture.event, runtime));
    // Real sealed values to misuse: tokens and pagers of the fixtures, each valid only where it was made.
    tokens = bases.flatMap((event) =>
      [SESSION_ATTRIBUTES.sessionToken, SESSION_ATTRIBUTES.medicationPager].map((name) => stringAt(event, 'sessionState', 'sessionAttributes', name) ?? ''),
    ).filter(Boolean);
    const names: string[] = [];
    for (const scenario of Object.values(SCENARIOS)) names.push(...(await runtime.epic.activeMedications(scenario.patientId)).map((item) => item.name));
    medicationVocabulary = [...new Set(medicationWords(names))];
  });

  afterAll(async () => {
    await runtime?.close();
  });

  /** Whether the event carries a session token the handler must accept for its session. */
  async function carriesValidToken(event: Json): Promise<boolean> {
    const token = stringAt(event, 'sessionState', 'sessionAttributes', SESSION_ATTRIBUTES.sessionToken);
    const sessionId = stringAt(event, 'sessionId');
    if (!token || !sessionId) return false;
    return runtime.deps.sessions.verify(token, { sessionId }).then(
      () => true,
      () => false,
    );
  }

  it('mulberry32 is deterministic for a seed and spreads over [0, 1)', () => {
    // Prepare
    const first = mulberry32(SEED);
    const second = mulberry32(SEED);
    // Act
    const a = Array.from({ length: 1000 }, () => first());
    const b = Array.from({ length: 1000 }, () => second());
    // Assess
    expect(a).toEqual(b);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
    expect(a.filter((value) => value < 0.5).length).toBeGreaterThan(400);
  });

  it(`never throws, always answers a valid Lex V2 response and never reads medications or appointments without a valid token, in either locale (${MUTATIONS_TOTAL} mutations)`, async () => {
    // Prepare
    const dice = new Dice(SEED);
    const failures: string[] = [];
    let withoutToken = 0;
    let spanish = 0;

    for (let iteration = 0; iteration < MUTATIONS_TOTAL; iteration += 1) {
      const base = dice.pick(bases);
      const { event, labels } = mutate(base, dice, { tokens });
      const where = `seed ${SEED}, iteration ${iteration} (${labels.join('; ')})`;
      const validToken = await carriesValidToken(event);
      const pagerSent = stringAt(event, 'sessionState', 'sessionAttributes', SESSION_ATTRIBUTES.medicationPager);
      const appointmentPagerSent = stringAt(event, 'sessionState', 'sessionAttributes', SESSION_ATTRIBUTES.appointmentPager);
      if (stringAt(event, 'bot', 'localeId') === ES_LOCALE_ID) spanish += 1;

      // Act
      let raw: unknown;
      try {
        raw = await runtime.handler(event);
      } catch (error) {
        failures.push(`${where}: threw ${error instanceof Error ? error.name : String(error)}`);
        continue;
      }

      // Assess
      let text = '';
      try {
        const response = expectValidLexResponse(raw);
        text = responseText(response).toLowerCase();
        const pagerBack = response.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.medicationPager];
        if (!validToken) {
          withoutToken += 1;
          const named = medicationVocabulary.filter((word) => text.includes(word));
          if (named.length || DATA_PHRASES.medications.some((phrase) => text.includes(phrase))) failures.push(`${where}: medication data without a valid token (${named.join(', ')})`);
          if (pagerBack !== undefined && pagerBack !== pagerSent) failures.push(`${where}: a new medication list was sealed without a valid token`);
          const visits = appointmentVocabulary.filter((word) => text.includes(word));
          if (visits.length || DATA_PHRASES.appointments.some((phrase) => text.includes(phrase))) failures.push(`${where}: appointment data without a valid token (${visits.length} details)`);
          const appointmentPagerBack = response.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.appointmentPager];
          if (appointmentPagerBack !== undefined && appointmentPagerBack !== appointmentPagerSent) failures.push(`${where}: a new appointment list was sealed without a valid token`);
        }
      } catch (error) {
        failures.push(`${where}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }

    expect(failures).toEqual([]);
    expect(withoutToken).toBeGreaterThan(MUTATIONS_TOTAL / 4);
    // es_US events: the es_US fixtures (a quarter of the bases) and English ones moved by the locale mutation.
    expect(spanish).toBeGreaterThan(MUTATIONS_TOTAL / 5);
  });
});
