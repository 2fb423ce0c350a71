/**
 * The turn's deadline reaches Epic: when it passes, the identity check stops where it is. The caller
 * has been offered a person, so nothing may happen afterwards in their name: no lockout attempt left
 * counted, no session token, no `authenticate / success` in the audit trail, no more Epic requests.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LexV2Result } from 'aws-lambda';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOT_NAMES, INTENTS, IVR_NEXT, SESSION_ATTRIBUTES, SLOTS } from '../../contract';
import { createHandler } from '../../fulfillment/dialog/codeHook';
import type { PatientMatch } from '../../fulfillment/epic';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { callerLockoutKey, forgetFailures } from '../../sandbox/fixtures/setup';
import { useLocalRuntime } from '../support/localRuntime';
import { expectValidLexResponse } from '../support/lexResponseSchema';

const CALLER = SCENARIOS.eleanor;
/** Epic as the issue saw it: every answer takes 3.5 s, and the first is a 503 asking for 2 s. */
const EPIC_LATENCY_MS = 3500;
const RETRY_AFTER_SECONDS = 2;
/** Short, so the test takes seconds; the production deadline is 10 s. */
const DEADLINE_MS = 1000;
const LAMBDA = { getRemainingTimeInMillis: () => 30_000 };

/** The fulfillment turn of VerifyIdentity with the caller's right answers, in a fresh Lex session. */
function verifyEvent(): Record<string, unknown> {
  const slot = (value: string) => ({ shape: 'Scalar', value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } });
  const intent = {
    name: INTENTS.verifyIdentity,
    slots: {
      [SLOTS.firstName]: slot(CALLER.given),
      [SLOTS.lastName]: slot(CALLER.family),
      [SLOTS.birthDate]: slot(CALLER.birthDate),
      [SLOTS.gender]: slot(CALLER.gender),
    },
    state: 'InProgress',
    confirmationState: 'None',
  };
  return {
    messageVersion: '1.0',
    invocationSource: 'FulfillmentCodeHook',
    inputMode: 'Speech',
    responseContentType: 'audio/pcm',
    sessionId: randomUUID(),
    inputTranscript: CALLER.gender,
    bot: { id: 'QJ4TZ8WV1K', name: BOT_NAMES.patientAuth, localeId: 'en_US', version: '3', aliasId: 'LIVEAUTH01', aliasName: 'live' },
    interpretations: [{ intent, interpretationSource: 'Lex' }],
    requestAttributes: { 'x-amz-lex:accept-content-types': 'PlainText,SSML' },
    sessionState: { sessionAttributes: { [SESSION_ATTRIBUTES.callerNumber]: CALLER.callerNumber }, intent },
  };
}

const attributesOf = (result: LexV2Result): Record<string, string> => result.sessionState.sessionAttributes ?? {};
const spokenOf = (result: LexV2Result): string => (result.messages ?? []).map((message) => ('content' in message ? message.content : '')).join(' ');

describe('the turn deadline', () => {
  const runtime = useLocalRuntime();
  let lockoutKey: string;

  beforeAll(() => {
    lockoutKey = callerLockoutKey(runtime, CALLER.callerNumber) as string;
  });
  beforeEach(async () => {
    await forgetFailures(runtime, [CALLER.callerNumber]);
    // Two earlier failures: an attempt still counted when the caller is offered a person would lock the number.
    await runtime.deps.lockout.recordFailure(lockoutKey);
    await runtime.deps.lockout.recordFailure(lockoutKey);
  });
  afterEach(() => {
    runtime.sandbox.setFaults({});
    vi.restoreAllMocks();
  });

  /** The sessions (the real service, its `issue` watched) and audit events of one event's Lex session. */
  function watch(event: Record<string, unknown>) {
    const issue = vi.spyOn(runtime.deps.sessions, 'issue');
    const successes = () =>
      runtime.audit.events.filter((entry) => entry.sessionId === event['sessionId'] && entry.action === 'authenticate' && entry.outcome === 'success');
    return { issue, successes };
  }

  it('stops a slow, overloaded Epic lookup at the deadline: attempt given back, no token, no success audited, no more requests', async () => {
    // Prepare: Epic slow (3.5 s per answer) and overloaded (503, Retry-After: 2)
    const handler = createHandler(async () => runtime.deps, { deadlineMs: DEADLINE_MS });
    const event = verifyEvent();
    const { issue, successes } = watch(event);
    await runtime.epic.tokens.getToken();
    runtime.sandbox.setFaults({ fhirLatencyMs: EPIC_LATENCY_MS });
    runtime.sandbox.failNextFhir(1, 503, RETRY_AFTER_SECONDS);
    const started = performance.now();

    // Act
    const result = await handler(event, LAMBDA);
    const answeredAfterMs = performance.now() - started;
    const lockedWhenAnswered = await runtime.deps.lockout.isLocked(lockoutKey);
    const requestsWhenAnswered = { fhir: runtime.sandbox.stats.fhirRequests, token: runtime.sandbox.stats.tokenRequests };
    // Epic recovers once the caller has been offered a person: a step still running would now succeed.
    runtime.sandbox.setFaults({});
    await sleep(EPIC_LATENCY_MS + RETRY_AFTER_SECONDS * 1000 + 1500 - answeredAfterMs);

    // Assess: the caller hears the apology and the offer of a person, in time
    expectValidLexResponse(result);
    expect(answeredAfterMs).toBeLessThan(DEADLINE_MS + 800);
    expect(spokenOf(result)).toContain('something went wrong on our side');
    expect(spokenOf(result)).toContain('connect you with someone who can help');
    expect(attributesOf(result)[SESSION_ATTRIBUTES.ivrNext]).toBe(IVR_NEXT.transfer);
    expect(attributesOf(result)[SESSION_ATTRIBUTES.sessionToken]).toBeUndefined();
    // the attempt was given back before the answer: the two earlier failures alone do not lock
    expect(lockedWhenAnswered).toBe(false);
    // and the step did nothing more afterwards
    expect(issue).not.toHaveBeenCalled();
    expect(successes()).toEqual([]);
    expect({ fhir: runtime.sandbox.stats.fhirRequests, token: runtime.sandbox.stats.tokenRequests }).toEqual(requestsWhenAnswered);
    expect(await runtime.deps.lockout.isLocked(lockoutKey)).toBe(false);
  });

  it('gives the attempt back and issues nothing when Epic answers a match just after the deadline', async () => {
    // Prepare: an Epic port that ignores the signal and finds the caller 150 ms in, past a 50 ms deadline
    const match: PatientMatch = { kind: 'matched', patientId: 'late-match', givenName: undefined };
    const lateEpic = { ...runtime.deps.epic, findPatient: () => sleep(150).then(() => match) };
    const handler = createHandler(async () => ({ ...runtime.deps, epic: lateEpic }), { deadlineMs: 50 });
    const event = verifyEvent();
    const { issue, successes } = watch(event);

    // Act
    const result = await handler(event, LAMBDA);
    await sleep(300);

    // Assess
    expect(attributesOf(result)[SESSION_ATTRIBUTES.ivrNext]).toBe(IVR_NEXT.transfer);
    expect(attributesOf(result)[SESSION_ATTRIBUTES.sessionToken]).toBeUndefined();
    expect(spokenOf(result)).toContain('connect you with someone who can help');
    expect(await runtime.deps.lockout.isLocked(lockoutKey)).toBe(false);
    expect(issue).not.toHaveBeenCalled();
    expect(successes()).toEqual([]);
  });
});
