/**
 * The sandbox's Appointment search, as Epic's `Appointment.Search (Appointments) (R4)`: a patient is
 * required, `date` takes FHIR prefixes, `service-category` tells visits from surgeries, `_include`
 * brings practitioners and locations (or is refused, as some Epics do), and faults apply as to every
 * FHIR request. The schedule is made relative to now, so it never goes stale.
 */
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxSchedule, UPCOMING_APPOINTMENT_COUNTS } from '../../sandbox/data/appointments';
import { loadSandboxResources } from '../../sandbox/data/load';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import type { Sandbox } from '../../sandbox/server';
import { entryIds as ids, fhirGet as get, startWithToken } from '../support/sandboxFixtures';

const NOW = new Date();
const RESOURCES = [...loadSandboxResources(), ...sandboxSchedule(NOW)];
const ELEANOR = SCENARIOS.eleanor.patientId;

describe('sandbox Appointment search', () => {
  let sandbox: Sandbox;
  let refusing: Sandbox;
  let token: string;
  let refusingToken: string;
  let r4: string;

  beforeAll(async () => {
    ({ sandbox, token, r4 } = await startWithToken({ resources: RESOURCES }));
    ({ sandbox: refusing, token: refusingToken } = await startWithToken({ resources: RESOURCES, refuseInclude: true }));
  });
  afterAll(async () => {
    await sandbox?.close();
    await refusing?.close();
  });

  const upcoming = (patient: string, extra = '') =>
    `${r4}/Appointment?patient=${patient}&service-category=appointment&date=ge${encodeURIComponent(NOW.toISOString())}${extra}`;

  it('answers 400 to a search without a patient, as Epic does', async () => {
    // Act
    const response = await get<OperationOutcome>(`${r4}/Appointment?service-category=appointment`, token);
    // Assess
    expect(response.status).toBe(400);
    expect(response.body.resourceType).toBe('OperationOutcome');
  });

  it('finds the visits from now on, soonest first, without past ones or surgeries; statuses are left to the client', async () => {
    // Act
    const response = await get(upcoming(ELEANOR), token);
    // Assess
    expect(ids(response.body)).toEqual(['appt-eleanor-today', 'appt-eleanor-cancelled', 'appt-eleanor-proposed', 'appt-eleanor-cardiology', 'appt-eleanor-video', 'appt-eleanor-pending']);
  });

  it('filters by status when asked, and finds surgeries under their own category', async () => {
    // Act
    const booked = await get(upcoming(ELEANOR, '&status=booked,arrived,pending'), token);
    const surgeries = await get(`${r4}/Appointment?patient=${ELEANOR}&service-category=surgery`, token);
    // Assess
    expect(ids(booked.body)).toHaveLength(UPCOMING_APPOINTMENT_COUNTS.eleanor);
    expect(ids(surgeries.body)).toEqual(['appt-eleanor-surgery']);
  });

  it('reads a date range from two date parameters, and refuses a malformed date or category', async () => {
    // Prepare
    const day = (offset: number) => new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate() + offset)).toISOString().slice(0, 10);
    // Act
    const week = await get(`${r4}/Appointment?patient=${SCENARIOS.harold.patientId}&date=ge${day(0)}&date=lt${day(10)}&status=booked`, token);
    const badDate = await get<OperationOutcome>(`${r4}/Appointment?patient=${ELEANOR}&date=after-lunch`, token);
    const badCategory = await get<OperationOutcome>(`${r4}/Appointment?patient=${ELEANOR}&service-category=lunch`, token);
    // Assess
    expect(ids(week.body)).toEqual(['appt-harold-1', 'appt-harold-2']);
    expect([badDate.status, badCategory.status]).toEqual([400, 400]);
  });

  it('includes the practitioners and locations of the page, each once', async () => {
    // Act
    const response = await get<Bundle>(upcoming(ELEANOR, '&_include=Appointment:practitioner&_include=Appointment:location'), token);
    // Assess
    expect(ids(response.body, 'include').sort()).toEqual(['loc-lakeside', 'loc-maple', 'loc-video', 'prac-daniel-okafor', 'prac-maria-lindgren', 'prac-priya-raman', 'prac-wei-chen']);
  });

  it('answers nothing for a patient with no appointment from now on', async () => {
    // Act
    const response = await get(upcoming(SCENARIOS.ruth.patientId), token);
    // Assess
    expect(ids(response.body)).toEqual([]);
  });

  it('refuses _include with 400 when started with refuseInclude, and still serves the search without it', async () => {
    // Act
    const refused = await get<OperationOutcome>(`${refusing.fhirR4BaseUrl}/Appointment?patient=${ELEANOR}&_include=Appointment:practitioner`, refusingToken);
    const plain = await get(`${refusing.fhirR4BaseUrl}/Appointment?patient=${ELEANOR}&service-category=appointment`, refusingToken);
    // Assess
    expect(refused.status).toBe(400);
    expect(plain.status).toBe(200);
  });

  it('fails an appointment search with an injected 503, as any FHIR request', async () => {
    // Prepare
    sandbox.failNextFhir(1, 503);
    // Act
    const failed = await get<OperationOutcome>(upcoming(ELEANOR), token);
    const next = await get(upcoming(ELEANOR), token);
    // Assess
    expect(failed.status).toBe(503);
    expect(next.status).toBe(200);
  });
});
