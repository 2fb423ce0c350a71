/**
 * Both lists in one call: a caller with a long medication list and a long schedule hears both, and
 * every answer's session attributes (both sealed lists, the session token, a text offer) stay within
 * what Lex accepts. Each list at its own bound would not fit beside the other, so the second one read
 * keeps fewer items and says so.
 */
import { randomUUID } from 'node:crypto';
import type { LexV2Result } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ES_LOCALE_ID, INTENTS, LOCALE_ID, SESSION_ATTRIBUTES, type LocaleId } from '../../contract';
import { MAX_APPOINTMENT_PAGER_JSON_BYTES } from '../../fulfillment/dialog/appointments';
import { createHandler } from '../../fulfillment/dialog/codeHook';
import { MAX_PAGER_JSON_BYTES } from '../../fulfillment/dialog/medicationPager';
import { LATER_ATTRIBUTES_BYTES, SEALED_OVERHEAD } from '../../fulfillment/dialog/sealedList';
import { sealTextOffer } from '../../fulfillment/dialog/textOffer';
import type { MedicationList } from '../../fulfillment/epic';
import { MAX_SESSION_ATTRIBUTES_BYTES } from '../../fulfillment/lex/response';
import { parseSessionKey, generateSessionKey, SessionTokenService } from '../../fulfillment/session';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { expectValidLexResponse } from '../support/lexResponseSchema';
import { useLocalRuntime } from '../support/localRuntime';
import { longEnglishOnlyMedication, longVisit } from '../support/longLists';
import { servicesEvent } from '../support/servicesEvent';

const spoken = (result: LexV2Result): string => (result.messages ?? []).map((message) => ('content' in message ? (message.content ?? '') : '')).join(' ');

/** Bytes of the attributes as the response's JSON carries them. */
const attributeBytes = (result: LexV2Result): number => Buffer.byteLength(JSON.stringify(result.sessionState.sessionAttributes ?? {}));

describe('both lists in one call', () => {
  const runtime = useLocalRuntime();
  const medications: MedicationList = Array.from({ length: 40 }, (_, index) => longEnglishOnlyMedication(index + 1));
  const schedule = Array.from({ length: 40 }, (_, index) => longVisit(index + 1));

  it('would not fit with both lists at their own bounds, which is why the second one gets less room', async () => {
    // Prepare
    const sessions = new SessionTokenService({ key: parseSessionKey(generateSessionKey()) });
    const padded = (bytes: number) => ({ pad: 'x'.repeat(bytes - 10) });
    // Act
    const medicationsSealed = await sessions.sealJson(padded(MAX_PAGER_JSON_BYTES), { sessionId: randomUUID() }, 'medication-pager');
    const appointmentsSealed = await sessions.sealJson(padded(MAX_APPOINTMENT_PAGER_JSON_BYTES), { sessionId: randomUUID() }, 'appointment-pager');
    // Assess: the estimate `listJsonRoom` makes of a sealed length is never short of the real one.
    for (const [sealed, json] of [[medicationsSealed, MAX_PAGER_JSON_BYTES], [appointmentsSealed, MAX_APPOINTMENT_PAGER_JSON_BYTES]] as const) {
      expect(sealed.length).toBeLessThanOrEqual(Math.ceil((json * 4) / 3) + SEALED_OVERHEAD);
    }
    expect(medicationsSealed.length + appointmentsSealed.length).toBeGreaterThan(MAX_SESSION_ATTRIBUTES_BYTES);
  });

  it('keeps room for the longest text offer a turn may seal after its list (a 200-character address of accented letters)', async () => {
    // Prepare
    const sessions = new SessionTokenService({ key: parseSessionKey(generateSessionKey()) });
    // Act
    const offer = await sealTextOffer({ sessions }, { patientId: 'p'.repeat(64), sessionId: randomUUID() }, { kind: 'appointment', startsAt: '2030-01-08T15:00:00.000Z', addressLine: 'é'.repeat(200) }, true);
    // Assess: the offer's entry and the page markers (activeList, the page, englishChoice) fit the room kept.
    const markers = JSON.stringify({ [SESSION_ATTRIBUTES.activeList]: 'appointments', [SESSION_ATTRIBUTES.appointmentPage]: '18', [SESSION_ATTRIBUTES.englishChoice]: '18' }).length;
    expect(JSON.stringify({ [SESSION_ATTRIBUTES.textOffer]: offer }).length + markers).toBeLessThanOrEqual(LATER_ATTRIBUTES_BYTES);
  });

  for (const locale of [LOCALE_ID, ES_LOCALE_ID] as LocaleId[]) {
    for (const order of [['medications', 'appointments'], ['appointments', 'medications']] as const) {
      it(`${locale}: ${order.join(' then ')}, each answer within Lex's session-attribute limit, the second list saying the phone reads only part of it`, async () => {
        // Prepare: a caller whose number takes texts, so the appointment page carries a sealed text offer too.
        const handler = createHandler(async () => ({
          ...runtime.deps,
          epic: { ...runtime.deps.epic, activeMedications: async () => medications, upcomingAppointments: async () => schedule },
        }));
        const sessionId = randomUUID();
        const token = await runtime.deps.sessions.issue({ patientId: 'pat-both-lists' }, { sessionId });
        let attributes: Record<string, string> = { [SESSION_ATTRIBUTES.sessionToken]: token, [SESSION_ATTRIBUTES.callerNumber]: SCENARIOS.eleanor.callerNumber };
        const intents = { medications: INTENTS.getMedications, appointments: INTENTS.getAppointments };
        const results: LexV2Result[] = [];
        // Act: both lists, then "more" through the second (bounded), then "repeat".
        for (const intent of [intents[order[0]], intents[order[1]], ...Array.from({ length: 12 }, () => INTENTS.moreItems), INTENTS.repeatThat]) {
          const result = await handler(servicesEvent({ intent, sessionId, attributes, transcript: intent, localeId: locale }));
          expectValidLexResponse(result);
          attributes = result.sessionState.sessionAttributes ?? {};
          results.push(result);
        }
        // Assess
        for (const result of results) expect(attributeBytes(result)).toBeLessThanOrEqual(MAX_SESSION_ATTRIBUTES_BYTES);
        expect(attributes[SESSION_ATTRIBUTES.medicationPager]).toBeDefined();
        expect(attributes[SESSION_ATTRIBUTES.appointmentPager]).toBeDefined();
        const partial = locale === LOCALE_ID ? 'I can read on the phone' : 'que puedo leerle por teléfono';
        expect(results.some((result) => spoken(result).includes(partial))).toBe(true);
      });
    }
  }
});
