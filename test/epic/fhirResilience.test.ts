import type { DocumentReference, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import {
  FhirAuthError,
  FhirClient,
  FhirError,
  FhirResponseError,
  FhirTimeoutError,
  FhirUnavailableError,
  type FhirRequestEvent,
} from '../../fulfillment/epic';
import { InstantSleepClock, useEpicHarness } from '../support/epicHarness';

const PATIENT: Patient = {
  resourceType: 'Patient',
  id: 'pat-resilience',
  name: [{ use: 'official', given: ['Test'], family: 'Resilience' }],
  gender: 'female',
  birthDate: '1950-01-01',
  telecom: [{ system: 'phone', value: '608-555-0199' }],
};

describe('FHIR client resilience', () => {
  const harness = useEpicHarness({ resources: [PATIENT] });

  /** A client with instant retries whose every attempt is recorded. */
  function client(options: { timeoutMs?: number } = {}) {
    const clock = new InstantSleepClock();
    const events: FhirRequestEvent[] = [];
    const gateway = harness.gateway();
    const fhir = new FhirClient({
      baseUrl: harness.sandbox.fhirR4BaseUrl,
      tokens: gateway.tokens,
      clock,
      random: () => 0.5,
      timeoutMs: options.timeoutMs ?? 2000,
      onRequest: (event) => events.push(event),
    });
    return { fhir, clock, events };
  }

  it('fetches a new token and retries exactly once after a 401', async () => {
    // Prepare
    const { fhir } = client();
    await fhir.read<Patient>('Patient', PATIENT.id as string);
    harness.sandbox.revokeAllTokens();
    harness.sandbox.resetStats();
    // Act
    const patient = await fhir.read<Patient>('Patient', PATIENT.id as string);
    // Assess
    expect(patient.id).toBe(PATIENT.id);
    expect(harness.sandbox.stats.fhirRequests).toBe(2);
    expect(harness.sandbox.stats.tokenRequests).toBe(1);
  });

  it('stops after one refresh when the server keeps answering 401', async () => {
    const { fhir } = client();
    // Exactly two: the first answer and the one after the refresh; a third would show a second refresh.
    harness.sandbox.failNextFhir(2, 401);
    await expect(fhir.read<Patient>('Patient', PATIENT.id as string)).rejects.toBeInstanceOf(FhirAuthError);
    expect(harness.sandbox.stats.fhirRequests).toBe(2);
  });

  it('retries 503 with backoff and stops at the bound', async () => {
    // Prepare
    const { fhir, clock } = client();
    harness.sandbox.failNextFhir(3, 503);
    // Act
    const failure = fhir.read<Patient>('Patient', PATIENT.id as string);
    // Assess: 1 attempt + 2 retries, two waits.
    await expect(failure).rejects.toBeInstanceOf(FhirUnavailableError);
    await expect(failure).rejects.toMatchObject({ status: 503 });
    expect(harness.sandbox.stats.fhirRequests).toBe(3);
    expect(clock.slept).toHaveLength(2);
  });

  it.each([429, 502, 504])('retries a %i and then succeeds', async (status) => {
    const { fhir } = client();
    harness.sandbox.failNextFhir(1, status);
    await expect(fhir.read<Patient>('Patient', PATIENT.id as string)).resolves.toMatchObject({ id: PATIENT.id });
    expect(harness.sandbox.stats.fhirRequests).toBe(2);
  });

  it('waits at least as long as Retry-After asks', async () => {
    const { fhir, clock } = client();
    harness.sandbox.failNextFhir(1, 503, 1);
    await fhir.read<Patient>('Patient', PATIENT.id as string);
    expect(clock.slept).toEqual([1000]);
  });

  it('does not wait when Retry-After asks for longer than a caller can hold', async () => {
    const { fhir, clock } = client();
    harness.sandbox.failNextFhir(1, 503, 120);
    await expect(fhir.read<Patient>('Patient', PATIENT.id as string)).rejects.toBeInstanceOf(FhirUnavailableError);
    expect(clock.slept).toEqual([]);
    expect(harness.sandbox.stats.fhirRequests).toBe(1);
  });

  it('does not retry a client error and turns the OperationOutcome into a typed error', async () => {
    const { fhir } = client();
    const failure = fhir.read<Patient>('Patient', 'no-such-patient');
    await expect(failure).rejects.toBeInstanceOf(FhirError);
    const error = (await failure.catch((caught: unknown) => caught)) as FhirError;
    expect(error.status).toBe(404);
    expect(error.issues.length).toBeGreaterThan(0);
    expect(harness.sandbox.stats.fhirRequests).toBe(1);
  });

  it('never resends a non-conditional create after a 503: Epic does not deduplicate creates', async () => {
    const { fhir } = client();
    harness.sandbox.failNextFhir(1, 503);
    const note = {
      resourceType: 'DocumentReference' as const,
      status: 'current' as const,
      subject: { reference: `Patient/${PATIENT.id}` },
      content: [{ attachment: { contentType: 'text/plain', data: Buffer.from('note').toString('base64') } }],
    };
    await expect(fhir.create(note)).rejects.toBeInstanceOf(FhirUnavailableError);
    expect(harness.sandbox.stats.fhirRequests).toBe(1);
  });

  it('never resends a conditional create either, and If-None-Exist still finds the existing resource on a later call', async () => {
    // Prepare
    const { fhir } = client();
    const note: DocumentReference = {
      resourceType: 'DocumentReference',
      status: 'current',
      identifier: [{ system: 'urn:test:note', value: 'note-1' }],
      subject: { reference: `Patient/${PATIENT.id}` },
      content: [{ attachment: { contentType: 'text/plain', data: Buffer.from('note').toString('base64') } }],
    };
    const first = await fhir.create(note, { ifNoneExist: 'identifier=urn:test:note|note-1' });
    harness.sandbox.resetStats();
    harness.sandbox.failNextFhir(1, 503);
    // Act: a 503 is not retried (Epic may not honour If-None-Exist), the caller decides what next
    const failed = fhir.create(note, { ifNoneExist: 'identifier=urn:test:note|note-1' });
    // Assess
    await expect(failed).rejects.toBeInstanceOf(FhirUnavailableError);
    expect(harness.sandbox.stats.fhirRequests).toBe(1);
    const again = await fhir.create(note, { ifNoneExist: 'identifier=urn:test:note|note-1' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.resource.id).toBe(first.resource.id);
  });

  it('turns a hung server into a typed timeout within bounded time', async () => {
    const { fhir } = client({ timeoutMs: 300 });
    await fhir.capabilities(); // token and connection ready
    harness.sandbox.setFaults({ hangFhir: true });
    await expect(fhir.read<Patient>('Patient', PATIENT.id as string)).rejects.toBeInstanceOf(FhirTimeoutError);
  });

  it('never sends the token to a next link on another host', async () => {
    const { fhir } = client();
    const foreign = { resourceType: 'Bundle' as const, type: 'searchset' as const, link: [{ relation: 'next', url: 'https://elsewhere.example/fhir/Patient?page=2' }] };
    await expect(fhir.nextPage(foreign)).rejects.toBeInstanceOf(FhirResponseError);
    expect(harness.sandbox.stats.fhirRequests).toBe(0);
  });

  it('reports each attempt without URL or parameters', async () => {
    const { fhir, events } = client();
    harness.sandbox.failNextFhir(1, 503);
    await fhir.search<Patient>('Patient', { telecom: '6085550199', birthdate: '1950-01-01' });
    expect(events.map((event) => [event.interaction, event.resourceType, event.status, event.attempt])).toEqual([
      ['search', 'Patient', 503, 1],
      ['search', 'Patient', 200, 2],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/1950|6085550199/);
  });
});
