/**
 * Emergencies said in Spanish (issue 18 item 6): every Spanish phrase of the red-flag rules, and
 * "emergencia" in so many words, get the 911 advice in Spanish and the transfer, on a PatientServices
 * turn and on a PatientAuth turn, whatever intent Lex heard.
 */
import { randomUUID } from 'node:crypto';
import type { LexV2Result } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { BOT_NAMES, ES_LOCALE_ID, INTENTS, IVR_NEXT, SESSION_ATTRIBUTES } from '../../contract';
import { RED_FLAG_RULES } from '../../fulfillment/notes/redFlags';
import { ES_US } from '../../prompts';
import { expectValidLexResponse } from '../support/lexResponseSchema';
import { useLocalRuntime } from '../support/localRuntime';
import { servicesEvent } from '../support/servicesEvent';

/** The rules' Spanish examples: the ones with a Spanish word in them. */
const SPANISH_EXAMPLES = RED_FLAG_RULES.flatMap((rule) => rule.examples).filter((example) =>
  /[áéíóúñ]|\b(?:tengo|tuvo|estoy|esta|creo|quiero|me|mi|no puedo|he pensado|sangrando|desmayando|despierta)\b/i.test(example),
);
const ISSUE_18_ITEM_6 = ['dolor de pecho', 'no puedo respirar', 'me estoy desmayando', 'emergencia', 'sangrado', 'quiero hacerme daño'];

const spoken = (result: LexV2Result): string => (result.messages ?? []).map((message) => ('content' in message ? (message.content ?? '') : '')).join(' ');

/** The same words on a PatientAuth turn, while the birth date is asked. */
function authEvent(sessionId: string, transcript: string): Record<string, unknown> {
  const intent = { name: INTENTS.verifyIdentity, slots: { BirthDate: null, Gender: null }, state: 'InProgress', confirmationState: 'None' };
  const event = servicesEvent({ intent: INTENTS.fallback, sessionId, attributes: { [SESSION_ATTRIBUTES.callerNumber]: '+16085550100' }, transcript, localeId: ES_LOCALE_ID });
  return {
    ...event,
    invocationSource: 'DialogCodeHook',
    bot: { ...(event.bot as object), name: BOT_NAMES.patientAuth },
    interpretations: [{ intent, interpretationSource: 'Lex' }],
    sessionState: { sessionAttributes: { [SESSION_ATTRIBUTES.callerNumber]: '+16085550100' }, intent },
  };
}

describe('emergencies said in Spanish', () => {
  const runtime = useLocalRuntime();

  it('finds Spanish examples in every red-flag rule', () => {
    expect(SPANISH_EXAMPLES.length).toBeGreaterThanOrEqual(RED_FLAG_RULES.length);
  });

  it.each([...new Set([...ISSUE_18_ITEM_6, ...SPANISH_EXAMPLES])])('"%s" gets the 911 advice in Spanish and a person, in both bots', async (said) => {
    for (const event of [
      servicesEvent({ intent: INTENTS.fallback, sessionId: randomUUID(), attributes: {}, transcript: said, localeId: ES_LOCALE_ID }),
      authEvent(randomUUID(), said),
    ]) {
      // Act
      const result = expectValidLexResponse(await runtime.handler(event)) as LexV2Result;
      // Assess
      expect(result.sessionState.dialogAction?.type).toBe('Close');
      expect(result.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.ivrNext]).toBe(IVR_NEXT.transfer);
      expect(result.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.emergencyFlag]).toBe('true');
      expect(spoken(result)).toContain(ES_US.emergency.advice);
    }
  });

  it('does not take "no es una emergencia" for one', async () => {
    // Act
    const result = expectValidLexResponse(
      await runtime.handler(servicesEvent({ intent: INTENTS.help, sessionId: randomUUID(), attributes: {}, transcript: 'no es una emergencia, tengo una pregunta', localeId: ES_LOCALE_ID })),
    ) as LexV2Result;
    // Assess
    expect(result.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.emergencyFlag]).toBeUndefined();
    expect(spoken(result)).not.toContain(ES_US.emergency.advice);
  });
});
