/**
 * The FHIR error family: a timeout and an unreachable server are `FhirError`s, and that changes
 * nothing a caller hears, nothing the client retries and no log line.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LexV2Result } from 'aws-lambda';
import type { Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_NAMES, INTENTS, SESSION_ATTRIBUTES } from '../../contract';
import { createHandler } from '../../fulfillment/dialog/codeHook';
import {
  answeredStatus,
  EpicError,
  FhirClient,
  FhirError,
  FhirNetworkError,
  FhirTimeoutError,
  FhirUnavailableError,
  type FhirRequestEvent,
} from '../../fulfillment/epic';
import { logger } from '../../fulfillment/runtime/logger';
import { epicCheck } from '../../scripts/epic-check';
import { useLocalRuntime } from '../support/localRuntime';
import { capture } from '../scripts/support';
import { InstantSleepClock, startEpicHarness, type EpicHarness } from '../support/epicHarness';

const PATIENT: Patient = { resourceType: 'Patient', id: 'pat-errors', name: [{ family: 'Errors' }], birthDate: '1950-01-01' };

describe('FHIR error family', () => {
  it('makes a timeout and an unreachable server FhirErrors with no status, keeping their names and causes', () => {
    // Prepare
    const cause = new Error('ECONNREFUSED');
    // Act
    const timeout = new FhirTimeoutError(300, { cause });
    const network = new FhirNetworkError('FHIR server unreachable (ECONNREFUSED)', { cause });
    // Assess
    for (const error of [timeout, network]) {
      expect(error).toBeInstanceOf(FhirError);
      expect(error).toBeInstanceOf(EpicError);
      expect(error.status).toBe(0);
      expect(error.issues).toEqual([]);
      expect(error.cause).toBe(cause);
    }
    expect([timeout.name, network.name]).toEqual(['FhirTimeoutError', 'FhirNetworkError']);
    expect(timeout.timeoutMs).toBe(300);
    expect(timeout.message).toBe('FHIR request timed out after 300 ms');
  });

  it('reports a status only for an answer the server gave', () => {
    expect(answeredStatus(new FhirUnavailableError('503', 503))).toBe(503);
    expect(answeredStatus(new FhirError('404', 404))).toBe(404);
    expect(answeredStatus(new FhirTimeoutError(300))).toBeUndefined();
    expect(answeredStatus(new FhirNetworkError('unreachable'))).toBeUndefined();
    expect(answeredStatus(new Error('other'))).toBeUndefined();
  });
});

describe('FHIR errors against the sandbox', () => {
  let harness: EpicHarness;
  let scratch: string;

  beforeAll(async () => {
    logger.setLogLevel('CRITICAL');
    harness = await startEpicHarness({ resources: [PATIENT] });
    scratch = mkdtempSync(join(tmpdir(), 'fhir-errors-'));
    writeFileSync(join(scratch, 'key.pem'), harness.identity.privatePem);
  });
  afterAll(async () => {
    logger.setLogLevel('INFO');
    await harness.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('never retries a timeout: one attempt, no answer', async () => {
    // Prepare
    const events: FhirRequestEvent[] = [];
    const clock = new InstantSleepClock();
    const fhir = new FhirClient({ baseUrl: harness.sandbox.fhirR4BaseUrl, tokens: harness.gateway().tokens, clock, timeoutMs: 300, onRequest: (event) => events.push(event) });
    await fhir.capabilities();
    events.length = 0;
    harness.sandbox.setFaults({ hangFhir: true });
    // Act
    const read = fhir.read<Patient>('Patient', PATIENT.id as string);
    // Assess
    await expect(read).rejects.toBeInstanceOf(FhirTimeoutError);
    harness.sandbox.setFaults({});
    expect(events.map((event) => [event.interaction, event.status, event.attempt])).toEqual([['read', 0, 1]]);
    expect(clock.slept).toEqual([]);
  });

  it('never retries an unreachable server', async () => {
    // Prepare: nothing listens on port 1.
    const events: FhirRequestEvent[] = [];
    const fhir = new FhirClient({ baseUrl: 'http://127.0.0.1:1/api/FHIR/R4', tokens: harness.gateway().tokens, clock: new InstantSleepClock(), onRequest: (event) => events.push(event) });
    // Act / Assess
    await expect(fhir.read<Patient>('Patient', 'x')).rejects.toBeInstanceOf(FhirNetworkError);
    expect(events).toHaveLength(1);
  });

  it('logs the gateway failure of a timeout without a status, and of a 503 with one', async () => {
    // Prepare
    const lines: Record<string, unknown>[] = [];
    const record = (_message: string, extra: Record<string, unknown>) => void lines.push(extra);
    const gateway = harness.gateway({ EPIC_HTTP_TIMEOUT_MS: '300', EPIC_MAX_RETRIES: '0' }, { logger: { debug: () => undefined, info: record, warn: record } });
    await gateway.activeMedications(PATIENT.id as string);
    lines.length = 0;
    // Act
    harness.sandbox.setFaults({ hangFhir: true });
    await gateway.activeMedications(PATIENT.id as string).catch(() => undefined);
    harness.sandbox.setFaults({});
    harness.sandbox.failNextFhir(1, 503);
    await gateway.activeMedications(PATIENT.id as string).catch(() => undefined);
    // Assess
    const failures = lines.filter((line) => line.outcome === 'error').map(({ durationMs: _ignored, ...line }) => line);
    expect(failures).toEqual([
      { event: 'epic.activeMedications', outcome: 'error', errorName: 'FhirTimeoutError' },
      { event: 'epic.activeMedications', outcome: 'error', errorName: 'FhirUnavailableError', status: 503 },
    ]);
  });

  it('has epic-check explain an unreachable FHIR base as unreachable, not as a wrong base URL', async () => {
    // Act
    const failure = epicCheck(
      ['--token-url', harness.sandbox.tokenUrl, '--fhir-base', 'http://127.0.0.1:1/api/FHIR/R4', '--client-id', harness.clientId, '--pem', join(scratch, 'key.pem'), '--timeout-ms', '1000'],
      capture(),
    );
    // Assess
    await expect(failure).rejects.toThrow(/FHIR server unreachable[\s\S]*meaning: the FHIR base URL is unreachable from here/);
  });
});

describe('what the caller hears when Epic fails', () => {
  const runtime = useLocalRuntime();

  const spoken = (result: LexV2Result): string => (result.messages ?? []).map((message) => ('content' in message ? (message.content ?? '') : '')).join(' ');
  // The sentences themselves, not the catalog's keys: the test pins what is heard.
  const SLOW = 'your records are taking too long to load';
  const UNAVAILABLE = "I can't reach your medical records right now";

  /** The medication list of a verified caller, with Epic failing with `error`. */
  async function medicationsFailingWith(error: Error): Promise<string> {
    const handler = createHandler(async () => ({
      ...runtime.deps,
      epic: {
        findPatient: () => Promise.reject(error),
        activeMedications: () => Promise.reject(error),
        upcomingAppointments: () => Promise.reject(error),
      },
    }));
    const sessionId = randomUUID();
    const token = await runtime.deps.sessions.issue({ patientId: 'pat-errors' }, { sessionId });
    const intent = { name: INTENTS.getMedications, slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' };
    const event = {
      messageVersion: '1.0',
      invocationSource: 'FulfillmentCodeHook',
      inputMode: 'Text',
      responseContentType: 'text/plain; charset=utf-8',
      sessionId,
      inputTranscript: 'my medications',
      bot: { id: 'SRV1234567', name: BOT_NAMES.patientServices, localeId: 'en_US', version: '3', aliasId: 'LIVESRV001', aliasName: 'live' },
      interpretations: [{ intent, interpretationSource: 'Lex' }],
      requestAttributes: { 'x-amz-lex:accept-content-types': 'PlainText' },
      sessionState: { sessionAttributes: { [SESSION_ATTRIBUTES.sessionToken]: token }, intent },
    };
    return spoken(await handler(event as never));
  }

  it.each([
    ['a timeout', new FhirTimeoutError(300), SLOW, UNAVAILABLE],
    ['an unreachable server', new FhirNetworkError('FHIR server unreachable'), UNAVAILABLE, SLOW],
    ['a 503 after the retries', new FhirUnavailableError('503', 503), UNAVAILABLE, SLOW],
    ['a refused request', new FhirError('400', 400), UNAVAILABLE, SLOW],
  ])('tells the caller about %s as before', async (_case, error, heardSentence, otherSentence) => {
    // Act
    const heard = await medicationsFailingWith(error);
    // Assess
    expect(heard).toContain(heardSentence);
    expect(heard).not.toContain(otherSentence);
  });
});
