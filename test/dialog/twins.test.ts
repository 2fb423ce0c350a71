/**
 * Issue 13 item 3: with the telecom search, twins who share a phone were told apart by sex alone
 * (and twins of one sex could not verify at all). Now, when charts on the calling number share the
 * birth date, PatientAuth asks for the first name, spelled, and matches it exactly; sex is still
 * checked. Lex V2 events through the real handler, against the sandbox's twins.
 */
import { randomUUID } from 'node:crypto';
import type { LexV2Result } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUTH_RESULTS, BOT_NAMES, INTENTS, SESSION_ATTRIBUTES, SLOTS } from '../../contract';
import { EN_US } from '../../prompts';
import { SCENARIOS, type SandboxPatientScenario } from '../../sandbox/data/scenarios';
import { callerLockoutKey, forgetFailures } from '../../sandbox/fixtures/setup';
import { useLocalRuntime } from '../support/localRuntime';
import { expectValidLexResponse, responseText } from '../support/lexResponseSchema';

const { ingrid, astrid, tobias, annika, harold } = SCENARIOS;

type Answers = { birthDate?: string; gender?: string; firstName?: string | null };

/** A PatientAuth event of one Lex session, as Connect's Lex block sends it. */
function authEvent(
  caller: SandboxPatientScenario,
  sessionId: string,
  source: 'DialogCodeHook' | 'FulfillmentCodeHook',
  answers: Answers,
  options: { slotToElicit?: string; attributes?: Record<string, string> } = {},
): Record<string, unknown> {
  const slot = (value: string | undefined | null) => (value ? { shape: 'Scalar', value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } } : null);
  const slots = {
    [SLOTS.birthDate]: slot(answers.birthDate ?? caller.birthDate),
    [SLOTS.gender]: slot(answers.gender ?? caller.gender),
    ...(answers.firstName === undefined ? {} : { [SLOTS.firstName]: slot(answers.firstName) }),
  };
  const intent = { name: INTENTS.verifyIdentity, slots, state: 'InProgress', confirmationState: 'None' };
  return {
    messageVersion: '1.0',
    invocationSource: source,
    inputMode: 'Speech',
    responseContentType: 'audio/pcm',
    sessionId,
    inputTranscript: answers.firstName ?? caller.gender,
    bot: { id: 'QJ4TZ8WV1K', name: BOT_NAMES.patientAuth, localeId: 'en_US', version: '3', aliasId: 'LIVEAUTH01', aliasName: 'live' },
    interpretations: [{ intent, interpretationSource: 'Lex' }],
    requestAttributes: { 'x-amz-lex:accept-content-types': 'PlainText,SSML' },
    sessionState: {
      sessionAttributes: { [SESSION_ATTRIBUTES.callerNumber]: caller.callerNumber, ...options.attributes },
      intent,
      ...(options.slotToElicit ? { dialogAction: { type: 'ElicitSlot', slotToElicit: options.slotToElicit } } : {}),
    },
  };
}

const attributesOf = (result: LexV2Result): Record<string, string> => result.sessionState.sessionAttributes ?? {};
const spokenOf = (result: LexV2Result): string => responseText(expectValidLexResponse(result));

describe('twins on one phone (telecom strategy)', () => {
  const runtime = useLocalRuntime({ env: { EPIC_PATIENT_SEARCH: 'telecom' } });

  beforeEach(async () => {
    await forgetFailures(runtime, [ingrid.callerNumber, tobias.callerNumber, harold.callerNumber]);
  });

  /** The chart a session token names. */
  async function patientOf(result: LexV2Result, sessionId: string): Promise<string> {
    const token = attributesOf(result)[SESSION_ATTRIBUTES.sessionToken] as string;
    return (await runtime.deps.sessions.verify(token, { sessionId })).patientId;
  }

  it('asks a twin for her first name, spelled, without counting a failure, then verifies her by it', async () => {
    // Prepare: two earlier failures from the number; a third would lock it
    const sessionId = randomUUID();
    const key = callerLockoutKey(runtime, ingrid.callerNumber) as string;
    await runtime.deps.lockout.recordFailure(key);
    await runtime.deps.lockout.recordFailure(key);
    // Act: birth date and sex fit both Brekke twins
    const asked = await runtime.handler(authEvent(ingrid, sessionId, 'FulfillmentCodeHook', {}));
    const ready = await runtime.handler(authEvent(ingrid, sessionId, 'DialogCodeHook', { firstName: 'ingrid' }, { slotToElicit: SLOTS.firstName }));
    const verified = await runtime.handler(authEvent(ingrid, sessionId, 'FulfillmentCodeHook', { firstName: 'ingrid' }));
    // Assess
    expect(asked.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: SLOTS.firstName, slotElicitationStyle: 'SpellByLetter' });
    expect(spokenOf(asked)).toBe(`${EN_US.verification.firstNameToo} ${EN_US.spellNameAsk('first')}`);
    expect(attributesOf(asked)).not.toHaveProperty(SESSION_ATTRIBUTES.authAttempts);
    expect(attributesOf(asked)).not.toHaveProperty(SESSION_ATTRIBUTES.sessionToken);
    expect(asked.sessionState.intent?.slots?.[SLOTS.birthDate]).not.toBeNull();
    expect(ready.sessionState.dialogAction?.type).toBe('Delegate');
    expect(attributesOf(verified)[SESSION_ATTRIBUTES.authResult]).toBe(AUTH_RESULTS.ok);
    expect(spokenOf(verified)).toContain(`Thank you, ${ingrid.given}.`);
    expect(await patientOf(verified, sessionId)).toBe(ingrid.patientId);
    expect(await runtime.deps.lockout.isLocked(key)).toBe(false);
  });

  it('tells the other twin apart by her first name alone', async () => {
    // Prepare
    const sessionId = randomUUID();
    // Act
    const verified = await runtime.handler(authEvent(astrid, sessionId, 'FulfillmentCodeHook', { firstName: 'astrid' }));
    // Assess
    expect(attributesOf(verified)[SESSION_ATTRIBUTES.authResult]).toBe(AUTH_RESULTS.ok);
    expect(await patientOf(verified, sessionId)).toBe(astrid.patientId);
  });

  it('asks again to spell a first name Lex could not make out', async () => {
    // Act
    const result = await runtime.handler(authEvent(ingrid, randomUUID(), 'DialogCodeHook', { firstName: null }, { slotToElicit: SLOTS.firstName }));
    // Assess
    expect(result.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: SLOTS.firstName, slotElicitationStyle: 'SpellByLetter' });
    expect(spokenOf(result)).toBe(EN_US.spellNameAgain('first'));
  });

  it('counts a first name that is neither twin\'s as a failed attempt, with the neutral retry', async () => {
    // Act
    const result = await runtime.handler(authEvent(ingrid, randomUUID(), 'FulfillmentCodeHook', { firstName: 'inga' }));
    // Assess
    expect(attributesOf(result)[SESSION_ATTRIBUTES.authAttempts]).toBe('1');
    expect(attributesOf(result)).not.toHaveProperty(SESSION_ATTRIBUTES.sessionToken);
    expect(result.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: SLOTS.birthDate });
    expect(spokenOf(result)).toContain(EN_US.verification.notConfirmed);
    for (const slot of [SLOTS.firstName, SLOTS.birthDate, SLOTS.gender]) expect(result.sessionState.intent?.slots?.[slot], slot).toBeNull();
  });

  it('asks the first name of twins of different sex too, rather than telling them apart by sex alone', async () => {
    // Act
    const result = await runtime.handler(authEvent(tobias, randomUUID(), 'FulfillmentCodeHook', {}));
    // Assess
    expect(result.sessionState.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: SLOTS.firstName });
    expect(attributesOf(result)).not.toHaveProperty(SESSION_ATTRIBUTES.sessionToken);
  });

  it('still checks the sex: the sister\'s first name said with the brother\'s sex is no match', async () => {
    // Act
    const result = await runtime.handler(authEvent(tobias, randomUUID(), 'FulfillmentCodeHook', { firstName: annika.given }));
    // Assess
    expect(attributesOf(result)[SESSION_ATTRIBUTES.authAttempts]).toBe('1');
    expect(attributesOf(result)).not.toHaveProperty(SESSION_ATTRIBUTES.sessionToken);
  });

  it('asks no first name in a household whose members were born on different days', async () => {
    // Act
    const result = await runtime.handler(authEvent(harold, randomUUID(), 'FulfillmentCodeHook', {}));
    // Assess
    expect(attributesOf(result)[SESSION_ATTRIBUTES.authResult]).toBe(AUTH_RESULTS.ok);
  });
});
