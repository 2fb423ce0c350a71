import type { Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toE164, type AdministrativeGender } from '../../fulfillment/epic';
import { logger } from '../../fulfillment/runtime/logger';
import { loadSandboxResources } from '../../sandbox/data/load';
import { appointmentDataIn } from '../support/appointmentStrings';
import { captureOutput } from '../support/captureOutput';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const patients = loadSandboxResources().filter((resource): resource is Patient => resource.resourceType === 'Patient');

/** Every way a birth date may be written or spoken. */
function birthDateForms(iso: string): string[] {
  const [year, month, day] = iso.split('-') as [string, string, string];
  const monthName = MONTHS[Number(month) - 1] as string;
  return [
    iso,
    `${month}/${day}/${year}`,
    `${Number(month)}/${Number(day)}/${year}`,
    `${month}${day}${year}`,
    `${year}${month}${day}`,
    `${monthName} ${Number(day)}, ${year}`,
    `${monthName} ${Number(day)} ${year}`,
    `${Number(day)} ${monthName} ${year}`,
  ];
}

/** Every way a phone number may be written: as charted, E.164, national digits, dashed, dotted. */
function phoneForms(written: string): string[] {
  const e164 = toE164(written, 'US');
  if (!e164) return [written];
  const digits = e164.slice(2);
  const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return [written, e164, digits, `${area}-${exchange}-${line}`, `(${area}) ${exchange}-${line}`, `${area}.${exchange}.${line}`, `${exchange}-${line}`, `${exchange}${line}`];
}

function forbiddenStrings(): string[] {
  const forms = new Set<string>();
  for (const patient of patients) {
    for (const name of patient.name ?? []) {
      for (const part of [...(name.given ?? []), name.family ?? '']) if (part.length >= 3) forms.add(part);
    }
    if (patient.birthDate) birthDateForms(patient.birthDate).forEach((form) => forms.add(form));
    for (const point of patient.telecom ?? []) {
      if (point.system === 'phone' && point.value) phoneForms(point.value).forEach((form) => forms.add(form));
      if (point.system === 'email' && point.value) forms.add(point.value);
    }
  }
  return [...forms];
}

describe('log hygiene', () => {
  let harness: EpicHarness;

  beforeAll(async () => {
    harness = await startEpicHarness();
  });
  afterAll(async () => {
    logger.setLogLevel('INFO');
    await harness.close();
  });

  it('logs no name, birth date or phone number of any sandbox patient, at the most verbose level', async () => {
    // Prepare: every patient through every path, right and wrong answers, errors included.
    logger.setLogLevel('DEBUG');
    const gateway = harness.gateway();
    // Act
    const output = await captureOutput(async () => {
      for (const patient of patients) {
        const phone = patient.telecom?.find((point) => point.system === 'phone')?.value;
        const query = { phone, birthDate: patient.birthDate as string, gender: patient.gender as AdministrativeGender };
        await gateway.findPatient(query).catch(() => undefined);
        await gateway.findPatient({ ...query, birthDate: '1901-01-01' }).catch(() => undefined);
        await gateway.activeMedications(patient.id as string);
      }
      harness.sandbox.failNextFhir(5, 503);
      await gateway.findPatient({ phone: '+16085550142', birthDate: '1948-03-14', gender: 'female' }).catch(() => undefined);
      await gateway.findPatient({ phone: 'anonymous', birthDate: '1948-03-14', gender: 'female' }).catch(() => undefined);
    });
    // Assess
    expect(output).toContain('"event":"epic.patientMatch"');
    expect(output).toContain('"event":"fhir.request"');
    const leaks = forbiddenStrings().filter((form) => output.includes(form));
    expect(leaks).toEqual([]);
  });

  it('logs no provider, place, address, department, instruction or id of any appointment, the _include refusal included', async () => {
    // Prepare
    logger.setLogLevel('DEBUG');
    // Sandboxes of its own: the test above leaves injected failures queued on the shared one.
    const [including, refusing] = await Promise.all([startEpicHarness(), startEpicHarness({ refuseInclude: true })]);
    const gateway = including.gateway();
    // Act
    const output = await captureOutput(async () => {
      for (const patient of patients) await gateway.upcomingAppointments(patient.id as string);
      await refusing.gateway().upcomingAppointments(patients[0]?.id as string);
      including.sandbox.failNextFhir(5, 503);
      await gateway.upcomingAppointments(patients[0]?.id as string).catch(() => undefined);
    }).finally(() => Promise.all([including.close(), refusing.close()]));
    // Assess
    expect(output).toContain('"event":"epic.upcomingAppointments"');
    expect(output).toContain('"includeRefused":true');
    expect(appointmentDataIn(output)).toEqual([]);
    expect(forbiddenStrings().filter((form) => output.includes(form))).toEqual([]);
  });
});
