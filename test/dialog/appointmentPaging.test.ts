/**
 * The appointment list through the real handler, over several turns: "more" and "repeat" belong to
 * the list the caller heard last, long lists stay within the sealed attribute's bound and say when
 * the phone cannot read them all, and a change after a long list goes to scheduling with the right id.
 */
import { randomUUID } from 'node:crypto';
import type { LexV2Result } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ACTIVE_LISTS, ES_LOCALE_ID, INTENTS, IVR_NEXT, SESSION_ATTRIBUTES } from '../../contract';
import { MAX_KEPT_APPOINTMENTS } from '../../fulfillment/dialog/appointments';
import { createHandler } from '../../fulfillment/dialog/codeHook';
import { sealTextOffer } from '../../fulfillment/dialog/textOffer';
import { DEFAULT_MAX_SEALED_LENGTH } from '../../fulfillment/session';
import { CATALOGS, plainText } from '../../prompts';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { expectValidLexResponse } from '../support/lexResponseSchema';
import { servicesEvent as builtEvent, type ServicesTurn } from '../support/servicesEvent';
import { useLocalRuntime } from '../support/localRuntime';
import { longVisit as visit } from '../support/longLists';

const servicesEvent = (intent: string, sessionId: string, attributes: Record<string, string>, transcript = TRANSCRIPTS[intent] ?? intent) =>
  builtEvent({ intent, sessionId, attributes, transcript });

const TRANSCRIPTS: Record<string, string> = {
  [INTENTS.getAppointments]: 'my appointments',
  [INTENTS.getMedications]: 'my medications',
  [INTENTS.moreItems]: 'more',
  [INTENTS.repeatThat]: 'repeat',
};


const spoken = (result: LexV2Result): string => (result.messages ?? []).map((message) => ('content' in message ? (message.content ?? '') : '')).join(' ');

describe('appointment paging', () => {
  const runtime = useLocalRuntime();

  it('sends more and repeat to the list heard last: appointments, then medications, then appointments again', async () => {
    // Prepare
    const sessionId = randomUUID();
    const token = await runtime.deps.sessions.issue({ patientId: SCENARIOS.eleanor.patientId }, { sessionId });
    let attributes: Record<string, string> = { [SESSION_ATTRIBUTES.sessionToken]: token };
    const say = async (intent: string): Promise<string> => {
      const result = await runtime.handler(servicesEvent(intent, sessionId, attributes));
      expectValidLexResponse(result);
      attributes = result.sessionState.sessionAttributes ?? {};
      return spoken(result);
    };
    // Act
    await say(INTENTS.getAppointments);
    const moreAppointments = await say(INTENTS.moreItems);
    await say(INTENTS.getMedications);
    const repeatMedications = await say(INTENTS.repeatThat);
    const listAfterMedications = attributes[SESSION_ATTRIBUTES.activeList];
    const appointmentsAgain = await say(INTENTS.getAppointments);
    const repeatAppointments = await say(INTENTS.repeatThat);
    // Assess
    expect(moreAppointments).toContain("That's all of your upcoming appointments.");
    expect(repeatMedications).toContain('active medications on file');
    expect(listAfterMedications).toBe(ACTIVE_LISTS.medications);
    expect(appointmentsAgain).toContain('Your next appointment is');
    expect(repeatAppointments).toBe(appointmentsAgain);
    expect(attributes[SESSION_ATTRIBUTES.activeList]).toBe(ACTIVE_LISTS.appointments);
  });

  it('keeps a long list within the sealed bound, says when the phone cannot read it all, and hands the chosen one to scheduling', async () => {
    // Prepare
    const list = Array.from({ length: 40 }, (_, index) => visit(index + 1));
    let lookups = 0;
    const handler = createHandler(async () => ({
      ...runtime.deps,
      epic: { ...runtime.deps.epic, upcomingAppointments: async () => ((lookups += 1), list) },
    }));
    const sessionId = randomUUID();
    const token = await runtime.deps.sessions.issue({ patientId: 'pat-long-schedule' }, { sessionId });
    let attributes: Record<string, string> = { [SESSION_ATTRIBUTES.sessionToken]: token };
    const heard: string[] = [];
    // Act: the list, then "more" until the end (bounded).
    let intent: string = INTENTS.getAppointments;
    for (let turn = 0; turn < MAX_KEPT_APPOINTMENTS + 2; turn += 1) {
      const result = await handler(servicesEvent(intent, sessionId, attributes));
      expectValidLexResponse(result);
      attributes = result.sessionState.sessionAttributes ?? {};
      heard.push(spoken(result));
      if (!spoken(result).includes('say more')) break;
      intent = INTENTS.moreItems;
    }
    const change = await handler(servicesEvent(INTENTS.changeAppointment, sessionId, attributes, 'change the second one'));
    // Assess
    expect(lookups).toBe(1);
    expect(heard[0]).toContain('You have 40 upcoming appointments.');
    expect(heard.at(-1)).toContain('I can read on the phone; you have more.');
    // An English call keeps no instructions apart: as many visits as the bound always held.
    expect(heard.at(-1)).toContain(plainText(CATALOGS.en_US.appointments.endPartial(6)));
    expect(String(attributes[SESSION_ATTRIBUTES.appointmentPager]).length).toBeLessThanOrEqual(DEFAULT_MAX_SEALED_LENGTH);
    expect(change.sessionState.sessionAttributes).toMatchObject({ [SESSION_ATTRIBUTES.ivrNext]: IVR_NEXT.scheduling, [SESSION_ATTRIBUTES.appointmentId]: 'appt-long-2' });
  });
  it('in Spanish, says the next visit\'s instructions are only in English, asks English or a person, and says the text offer after the English', async () => {
    // Prepare: one visit, with instructions (Epic's English free text), to a caller whose number takes texts.
    const only = { ...visit(1), instructions: 'Fast for 12 hours before your blood draw.' };
    const handler = createHandler(async () => ({ ...runtime.deps, epic: { ...runtime.deps.epic, upcomingAppointments: async () => [only] } }));
    const sessionId = randomUUID();
    const token = await runtime.deps.sessions.issue({ patientId: 'pat-fasting' }, { sessionId });
    let attributes: Record<string, string> = { [SESSION_ATTRIBUTES.sessionToken]: token, [SESSION_ATTRIBUTES.callerNumber]: SCENARIOS.eleanor.callerNumber };
    const say = async (turn: Pick<ServicesTurn, 'intent' | 'transcript'>, localeId: string): Promise<string> => {
      const result = await handler(builtEvent({ ...turn, sessionId, attributes, localeId }));
      expectValidLexResponse(result);
      attributes = result.sessionState.sessionAttributes ?? {};
      return spoken(result);
    };
    const es = CATALOGS.es_US;
    // Act
    const page = await say({ intent: INTENTS.getAppointments, transcript: 'mis citas' }, ES_LOCALE_ID);
    const choiceAsked = attributes[SESSION_ATTRIBUTES.englishChoice];
    const english = await say({ intent: INTENTS.fallback, transcript: 'inglés' }, ES_LOCALE_ID);
    // Assess
    expect(page).toContain(es.appointments.instructionsInEnglish);
    expect(page).toContain(plainText(es.englishChoice.hearInEnglishOrPerson));
    expect(page).not.toContain('Fast for 12 hours');
    expect(page).not.toContain(es.texts.offer);
    expect(choiceAsked).toBe('0');
    expect(english).toContain(es.englishChoice.englishFollows);
    // When it starts, then the instructions, in English (2030-01-08 15:00 UTC, in the clinic's zone).
    expect(english).toMatch(/Tuesday, January 8, at \d{1,2}(:\d\d)? [AP]M\. Instructions: Fast for 12 hours before your blood draw\./);
    expect(english).not.toContain('Dr. Provider Number 1');
    expect(english.indexOf(es.texts.offer)).toBeGreaterThan(english.indexOf('Fast for 12 hours'));
    expect(attributes[SESSION_ATTRIBUTES.textOffer]).toBeDefined();
    expect(attributes[SESSION_ATTRIBUTES.englishChoice]).toBeUndefined();
  });

  it('in Spanish, keeps the visit\'s text offer when the caller lets the English question pass: "más", then "mándeme un texto" asks to send it', async () => {
    // Prepare: a leftover offer of another kind, as after a filed request, which the page must replace.
    const only = { ...visit(1), instructions: 'Fast for 12 hours before your blood draw.' };
    const handler = createHandler(async () => ({ ...runtime.deps, epic: { ...runtime.deps.epic, upcomingAppointments: async () => [only] } }));
    const sessionId = randomUUID();
    const claims = { patientId: 'pat-fasting', sessionId };
    const token = await runtime.deps.sessions.issue({ patientId: claims.patientId }, { sessionId });
    let attributes: Record<string, string> = {
      [SESSION_ATTRIBUTES.sessionToken]: token,
      [SESSION_ATTRIBUTES.callerNumber]: SCENARIOS.eleanor.callerNumber,
      [SESSION_ATTRIBUTES.textOffer]: await sealTextOffer(runtime.deps, claims, { kind: 'requestReceived' }),
    };
    const say = async (intent: string, transcript: string): Promise<string> => {
      const result = await handler(builtEvent({ intent, transcript, sessionId, attributes, localeId: ES_LOCALE_ID }));
      expectValidLexResponse(result);
      attributes = result.sessionState.sessionAttributes ?? {};
      return spoken(result);
    };
    // Act
    await say(INTENTS.getAppointments, 'mis citas');
    const more = await say(INTENTS.moreItems, 'más');
    const textMe = await say(INTENTS.textDetails, 'mándeme un texto');
    // Assess
    expect(more).toContain(CATALOGS.es_US.menu.noMoreItems);
    expect(textMe).toContain(CATALOGS.es_US.texts.askAppointment(SCENARIOS.eleanor.callerNumber.slice(-4)));
    expect(attributes[SESSION_ATTRIBUTES.textConfirm]).toBeDefined();
  });

  it('in English, reads the instructions as written and offers the text on the same turn, with no choice to make', async () => {
    // Prepare
    const only = { ...visit(1), instructions: 'Fast for 12 hours before your blood draw.' };
    const handler = createHandler(async () => ({ ...runtime.deps, epic: { ...runtime.deps.epic, upcomingAppointments: async () => [only] } }));
    const sessionId = randomUUID();
    const token = await runtime.deps.sessions.issue({ patientId: 'pat-fasting' }, { sessionId });
    const attributes = { [SESSION_ATTRIBUTES.sessionToken]: token, [SESSION_ATTRIBUTES.callerNumber]: SCENARIOS.eleanor.callerNumber };
    // Act
    const result = await handler(servicesEvent(INTENTS.getAppointments, sessionId, attributes));
    // Assess
    expectValidLexResponse(result);
    expect(spoken(result)).toContain('Instructions: Fast for 12 hours before your blood draw.');
    expect(spoken(result)).toContain(CATALOGS.en_US.texts.offer);
    expect(result.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.englishChoice]).toBeUndefined();
  });
});
