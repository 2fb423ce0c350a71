/**
 * Identity checks through the real handler against the Epic sandbox: the lockout under concurrent
 * calls, what a success does to the failure count, keyed birth dates, and the per-turn deadline.
 */
import { randomUUID } from 'node:crypto';
import type { LexV2Result } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_RESULTS, BOT_NAMES, INTENTS, SESSION_ATTRIBUTES, SLOTS } from '../../contract';
import { createHandler } from '../../fulfillment/dialog/codeHook';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { callerLockoutKey, forgetFailures } from '../../sandbox/fixtures/setup';
import { useLocalRuntime } from '../support/localRuntime';
import { expectValidLexResponse, responseText } from '../support/lexResponseSchema';
import { EN_US } from '../../prompts';

const CALLER = SCENARIOS.eleanor;
const WRONG_BIRTH_DATE = '1950-01-01';

type SlotValue = { originalValue: string; interpretedValue?: string; resolvedValues: string[] };

/** A Lex V2 PatientAuth event, as Connect's Lex block sends it. */
function authEvent(options: {
  source: 'DialogCodeHook' | 'FulfillmentCodeHook';
  intent?: string;
  transcript: string;
  slots?: Record<string, SlotValue | null>;
  slotToElicit?: string;
  inputMode?: 'Speech' | 'DTMF';
}): Record<string, unknown> {
  const slots = Object.fromEntries(
    Object.entries(options.slots ?? { [SLOTS.firstName]: null, [SLOTS.lastName]: null, [SLOTS.birthDate]: null, [SLOTS.gender]: null }).map(([name, value]) => [name, value ? { shape: 'Scalar', value } : null]),
  );
  const intent = { name: options.intent ?? INTENTS.verifyIdentity, slots, state: 'InProgress', confirmationState: 'None' };
  return {
    messageVersion: '1.0',
    invocationSource: options.source,
    inputMode: options.inputMode ?? 'Speech',
    responseContentType: 'audio/pcm',
    sessionId: randomUUID(),
    inputTranscript: options.transcript,
    bot: { id: 'QJ4TZ8WV1K', name: BOT_NAMES.patientAuth, localeId: 'en_US', version: '3', aliasId: 'LIVEAUTH01', aliasName: 'live' },
    interpretations: [{ intent, interpretationSource: 'Lex' }],
    requestAttributes: { 'x-amz-lex:accept-content-types': 'PlainText,SSML' },
    sessionState: {
      sessionAttributes: { [SESSION_ATTRIBUTES.callerNumber]: CALLER.callerNumber },
      intent,
      ...(options.slotToElicit ? { dialogAction: { type: 'ElicitSlot', slotToElicit: options.slotToElicit } } : {}),
    },
  };
}

/** The fulfillment turn with every answer the default (name) strategy asks for given. */
function answered(birthDate: string): Record<string, unknown> {
  return authEvent({
    source: 'FulfillmentCodeHook',
    transcript: CALLER.gender,
    slots: {
      [SLOTS.firstName]: { originalValue: CALLER.given, interpretedValue: CALLER.given, resolvedValues: [CALLER.given] },
      [SLOTS.lastName]: { originalValue: CALLER.family, interpretedValue: CALLER.family, resolvedValues: [CALLER.family] },
      [SLOTS.birthDate]: { originalValue: birthDate, interpretedValue: birthDate, resolvedValues: [birthDate] },
      [SLOTS.gender]: { originalValue: CALLER.gender, interpretedValue: CALLER.gender, resolvedValues: [CALLER.gender] },
    },
  });
}

const attributesOf = (result: LexV2Result): Record<string, string> => result.sessionState.sessionAttributes ?? {};

describe('identity checks', () => {
  const runtime = useLocalRuntime();
  let lockoutKey: string;

  beforeAll(() => {
    lockoutKey = callerLockoutKey(runtime, CALLER.callerNumber) as string;
  });

  beforeEach(async () => {
    await forgetFailures(runtime, [CALLER.callerNumber]);
  });

  it('lets at most three of five simultaneous attempts from one number reach Epic', async () => {
    // Prepare
    const before = runtime.sandbox.stats.fhirRequestsByType['Patient'] ?? 0;
    // Act: five calls from the same number answer wrongly at the same moment
    const results = await Promise.all(Array.from({ length: 5 }, () => runtime.handler(answered(WRONG_BIRTH_DATE))));
    // Assess
    const searches = (runtime.sandbox.stats.fhirRequestsByType['Patient'] ?? 0) - before;
    expect(searches).toBe(3);
    expect(results.filter((result) => attributesOf(result)[SESSION_ATTRIBUTES.authResult] === AUTH_RESULTS.locked)).toHaveLength(3);
    expect(await runtime.deps.lockout.isLocked(lockoutKey)).toBe(true);
  });

  it('refuses a correct answer from a number that is locked, without asking Epic', async () => {
    // Prepare
    for (let i = 0; i < 3; i += 1) await runtime.handler(answered(WRONG_BIRTH_DATE));
    const before = runtime.sandbox.stats.fhirRequests;
    // Act
    const result = await runtime.handler(answered(CALLER.birthDate));
    // Assess
    expect(attributesOf(result)[SESSION_ATTRIBUTES.authResult]).toBe(AUTH_RESULTS.locked);
    expect(attributesOf(result)[SESSION_ATTRIBUTES.sessionToken]).toBeUndefined();
    expect(runtime.sandbox.stats.fhirRequests).toBe(before);
  });

  it('keeps earlier failures of the number after a success: the next failure locks', async () => {
    // Prepare: two failures (another caller on the same line, say)
    await runtime.handler(answered(WRONG_BIRTH_DATE));
    await runtime.handler(answered(WRONG_BIRTH_DATE));
    // Act
    const success = await runtime.handler(answered(CALLER.birthDate));
    const next = await runtime.handler(answered(WRONG_BIRTH_DATE));
    // Assess
    expect(attributesOf(success)[SESSION_ATTRIBUTES.authResult]).toBe(AUTH_RESULTS.ok);
    expect(attributesOf(next)[SESSION_ATTRIBUTES.authResult]).toBe(AUTH_RESULTS.locked);
  });

  it('does not count an attempt Epic could not answer', async () => {
    // Prepare
    runtime.sandbox.failNextFhir(3, 503);
    // Act
    const unavailable = await runtime.handler(answered(CALLER.birthDate));
    // Assess: three more wrong answers are still needed to lock
    expect(attributesOf(unavailable)[SESSION_ATTRIBUTES.authResult]).toBe(AUTH_RESULTS.failed);
    await runtime.handler(answered(WRONG_BIRTH_DATE));
    await runtime.handler(answered(WRONG_BIRTH_DATE));
    expect(await runtime.deps.lockout.isLocked(lockoutKey)).toBe(false);
  });

  it('returns a keyed birth date with the ISO value Lex needs in the slot', async () => {
    // Prepare: eight keys while Lex asks for the birth date
    const event = authEvent({ source: 'DialogCodeHook', transcript: '03141948', slotToElicit: SLOTS.birthDate, inputMode: 'DTMF' });
    // Act
    const result = await runtime.handler(event);
    // Assess
    expectValidLexResponse(result);
    expect(result.sessionState.intent?.slots?.[SLOTS.birthDate]?.value).toEqual({ originalValue: '03141948', interpretedValue: '1948-03-14', resolvedValues: ['1948-03-14'] });
  });

  it('takes eight keys pressed before any answer as the birth date, not as a misunderstanding', async () => {
    // Prepare: the keys matched no utterance, so Lex chose FallbackIntent
    const event = authEvent({ source: 'FulfillmentCodeHook', intent: INTENTS.fallback, transcript: '0314 1948#', slots: {}, inputMode: 'DTMF' });
    // Act
    const result = await runtime.handler(event);
    // Assess: the answer moves on, in VerifyIdentity, to the names (the default strategy's next question)
    expectValidLexResponse(result);
    expect(result.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: SLOTS.firstName, slotElicitationStyle: 'SpellByLetter' });
    expect(result.sessionState.intent?.name).toBe(INTENTS.verifyIdentity);
    expect(result.sessionState.intent?.slots?.[SLOTS.birthDate]?.value?.interpretedValue).toBe('1948-03-14');
    expect(attributesOf(result)[SESSION_ATTRIBUTES.fallbackCount]).toBeUndefined();
  });

  it('answers with an apology and the offer of a person when a turn runs past its deadline', async () => {
    // Prepare: Epic that never answers, and a short deadline
    const hung = createHandler(async () => ({ ...runtime.deps, epic: { ...runtime.deps.epic, findPatient: () => new Promise(() => undefined) } }), {
      deadlineMs: 50,
    });
    // Act
    const result = await hung(answered(CALLER.birthDate), { getRemainingTimeInMillis: () => 30_000 });
    // Assess
    expectValidLexResponse(result);
    expect(result.sessionState.dialogAction?.type).toBe('Close');
    expect(attributesOf(result)[SESSION_ATTRIBUTES.ivrNext]).toBe('transfer');
    expect(attributesOf(result)[SESSION_ATTRIBUTES.sessionToken]).toBeUndefined();
  });

  it('keeps back time for the answer when the Lambda has less left than the deadline', async () => {
    // Prepare
    const hung = createHandler(async () => ({ ...runtime.deps, epic: { ...runtime.deps.epic, findPatient: () => new Promise(() => undefined) } }));
    // Act: 600 ms left in the invocation, the default deadline is 10 s
    const result = await hung(answered(CALLER.birthDate), { getRemainingTimeInMillis: () => 600 });
    // Assess
    expect(attributesOf(result)[SESSION_ATTRIBUTES.ivrNext]).toBe('transfer');
  });
});

describe('spoken names in the name strategy', () => {
  const runtime = useLocalRuntime();
  const named = (given: string, family: string) =>
    authEvent({
      source: 'FulfillmentCodeHook',
      transcript: family,
      slots: {
        [SLOTS.firstName]: { originalValue: given, interpretedValue: given, resolvedValues: [given] },
        [SLOTS.lastName]: { originalValue: family, interpretedValue: family, resolvedValues: [family] },
        [SLOTS.birthDate]: { originalValue: CALLER.birthDate, interpretedValue: CALLER.birthDate, resolvedValues: [CALLER.birthDate] },
        [SLOTS.gender]: { originalValue: CALLER.gender, interpretedValue: CALLER.gender, resolvedValues: [CALLER.gender] },
      },
    });
  const spokenOf = (result: LexV2Result): string => responseText(expectValidLexResponse(result));

  beforeEach(async () => {
    await forgetFailures(runtime, [CALLER.callerNumber]);
  });

  it('asks again for a blank name instead of saying the records cannot be reached', async () => {
    // Act
    const result = await runtime.handler(named('   ', CALLER.family as string));
    // Assess
    expectValidLexResponse(result);
    expect(result.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: SLOTS.firstName, slotElicitationStyle: 'SpellByLetter' });
    expect(spokenOf(result)).toContain('spell your first name');
    expect(spokenOf(result)).not.toContain("can't reach");
  });

  it('asks for a missing name itself, in the spell-by-letter style Lex takes only from the code hook', async () => {
    // Prepare: the birth date answered first (the flow asks for it), no name yet
    const event = authEvent({
      source: 'DialogCodeHook',
      transcript: 'March 14, 1948',
      slotToElicit: SLOTS.birthDate,
      slots: {
        [SLOTS.firstName]: null,
        [SLOTS.lastName]: null,
        [SLOTS.birthDate]: { originalValue: 'March 14, 1948', interpretedValue: CALLER.birthDate, resolvedValues: [CALLER.birthDate] },
        [SLOTS.gender]: null,
      },
    });
    // Act
    const result = await runtime.handler(event);
    // Assess
    expectValidLexResponse(result);
    expect(result.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: SLOTS.firstName, slotElicitationStyle: 'SpellByLetter' });
    expect(spokenOf(result)).toContain(EN_US.spellNameAsk('first'));
  });

  it('asks to spell a name again, slowly, when the spelled answer did not resolve', async () => {
    // Prepare: Lex asked for the last name and could not make a name of the answer
    const event = authEvent({
      source: 'DialogCodeHook',
      transcript: 'uh',
      slotToElicit: SLOTS.lastName,
      slots: {
        [SLOTS.firstName]: { originalValue: 'eleanor', interpretedValue: 'eleanor', resolvedValues: ['eleanor'] },
        [SLOTS.lastName]: null,
        [SLOTS.birthDate]: null,
        [SLOTS.gender]: null,
      },
    });
    // Act
    const result = await runtime.handler(event);
    // Assess
    expect(result.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: SLOTS.lastName, slotElicitationStyle: 'SpellByLetter' });
    expect(spokenOf(result)).toContain(EN_US.spellNameAgain('last'));
  });

  it('after a name that matches no chart, asks to spell the first name anew, never saying which answer was wrong', async () => {
    // Act: the right birth date, sex and family name, a first name the chart does not have
    const result = await runtime.handler(named('Elena', CALLER.family as string));
    // Assess
    expectValidLexResponse(result);
    expect(attributesOf(result)[SESSION_ATTRIBUTES.authAttempts]).toBe('1');
    expect(result.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: SLOTS.firstName, slotElicitationStyle: 'SpellByLetter' });
    expect(spokenOf(result)).toContain(EN_US.verification.notConfirmed);
    expect(spokenOf(result)).toContain(EN_US.spellNameAsk('first'));
    expect(spokenOf(result)).not.toMatch(/date of birth|name was|wrong/i);
    for (const slot of [SLOTS.firstName, SLOTS.lastName, SLOTS.birthDate, SLOTS.gender]) expect(result.sessionState.intent?.slots?.[slot] ?? null, slot).toBeNull();
  });

  it('asks again for a name holding a comma, and never asks Epic with it', async () => {
    // Prepare
    const before = runtime.sandbox.stats.fhirRequests;
    // Act
    const result = await runtime.handler(named(CALLER.given as string, `${CALLER.family as string},Halvorsen`));
    // Assess
    expect(result.sessionState.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: SLOTS.lastName });
    expect(runtime.sandbox.stats.fhirRequests).toBe(before);
  });

  it('does not verify initials', async () => {
    // Act
    const result = await runtime.handler(named('E', 'W'));
    // Assess: neutral, as every failed match is.
    expect(attributesOf(result)[SESSION_ATTRIBUTES.authResult]).not.toBe(AUTH_RESULTS.ok);
    expect(attributesOf(result)[SESSION_ATTRIBUTES.sessionToken]).toBeUndefined();
  });

  it('verifies the caller who says her names', async () => {
    // Act
    const result = await runtime.handler(named(CALLER.given as string, CALLER.family as string));
    // Assess
    expect(attributesOf(result)[SESSION_ATTRIBUTES.authResult]).toBe(AUTH_RESULTS.ok);
  });
});
