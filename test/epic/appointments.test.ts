/**
 * The appointment list through the gateway against the Epic-like sandbox: what is read out (statuses,
 * from now on, soonest first, names, places, video), in one request, and what happens when Epic
 * refuses the `_include` (names from `participant.actor.display`, the refusal paid once per container).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logger } from '../../fulfillment/runtime/logger';
import { sandboxSchedule, UPCOMING_APPOINTMENT_COUNTS } from '../../sandbox/data/appointments';
import { loadSandboxResources } from '../../sandbox/data/load';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';

describe('upcoming appointments from Epic', () => {
  let including: EpicHarness;
  let refusing: EpicHarness;

  beforeAll(async () => {
    logger.setLogLevel('CRITICAL');
    const resources = [...loadSandboxResources(), ...sandboxSchedule(new Date())];
    [including, refusing] = await Promise.all([startEpicHarness({ resources }), startEpicHarness({ resources, refuseInclude: true })]);
  });
  beforeEach(() => {
    including.sandbox.resetStats();
    refusing.sandbox.resetStats();
  });
  afterAll(async () => {
    logger.setLogLevel('INFO');
    await Promise.all([including?.close(), refusing?.close()]);
  });

  it('lists booked, arrived and pending visits from now on, soonest first, without cancelled, proposed, past or surgical ones', async () => {
    // Prepare
    const gateway = including.gateway();
    // Act
    const appointments = await gateway.upcomingAppointments(SCENARIOS.eleanor.patientId);
    // Assess
    expect(appointments.map((appointment) => appointment.id)).toEqual(['appt-eleanor-today', 'appt-eleanor-cardiology', 'appt-eleanor-video', 'appt-eleanor-pending']);
    expect(appointments).toHaveLength(UPCOMING_APPOINTMENT_COUNTS.eleanor);
    const starts = appointments.map((appointment) => Date.parse(appointment.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts.every((start) => start >= Date.now() - 60_000)).toBe(true);
  });

  it('names providers and places from the included resources, with the street address, the instructions and the video flag', async () => {
    // Prepare
    const gateway = including.gateway();
    // Act
    const [, cardiology, video, pending] = await gateway.upcomingAppointments(SCENARIOS.eleanor.patientId);
    // Assess
    expect(cardiology).toMatchObject({
      providerNames: ['Dr. Priya Raman'],
      department: 'Cardiology',
      locationName: 'Maple Street Medical Center',
      addressLine: '41 Maple Street, Suite 300, Madison',
      video: false,
      instructions: 'Please arrive 15 minutes early and bring your medication list.',
    });
    expect(video).toMatchObject({ video: true, department: 'Endocrinology', providerNames: ['Dr. Maria Lindgren'] });
    expect(pending).toMatchObject({ status: 'pending', providerNames: ['Nurse Practitioner Wei Chen', 'Dr. Daniel Okafor'] });
  });

  it('reads a warm call in one FHIR request', async () => {
    // Prepare
    const gateway = including.gateway();
    await gateway.tokens.getToken();
    including.sandbox.resetStats();
    // Act
    const appointments = await gateway.upcomingAppointments(SCENARIOS.harold.patientId);
    // Assess
    expect(appointments).toHaveLength(UPCOMING_APPOINTMENT_COUNTS.harold);
    expect(including.sandbox.stats.fhirRequests).toBe(1);
  });

  it('answers an empty list for a patient with none from now on', async () => {
    // Prepare
    const gateway = including.gateway();
    // Act
    const appointments = await gateway.upcomingAppointments(SCENARIOS.ruth.patientId);
    // Assess
    expect(appointments).toEqual([]);
  });

  it('after a refused _include names providers and places from participant.actor.display, and pays the refusal once', async () => {
    // Prepare
    const gateway = refusing.gateway();
    await gateway.tokens.getToken();
    refusing.sandbox.resetStats();
    // Act
    const first = await gateway.upcomingAppointments(SCENARIOS.eleanor.patientId);
    const firstRequests = refusing.sandbox.stats.fhirRequests;
    await gateway.upcomingAppointments(SCENARIOS.eleanor.patientId);
    // Assess
    expect(firstRequests).toBe(2);
    expect(refusing.sandbox.stats.fhirRequests).toBe(3);
    expect(first[1]).toMatchObject({ providerNames: ['Priya Raman, MD'], locationName: 'Maple Street Medical Center', department: 'Cardiology' });
    expect(first[1]?.addressLine).toBeUndefined();
  });
});
