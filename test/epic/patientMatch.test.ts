import type { Bundle, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FhirError, InvalidPhoneNumberError, PatientQueryError, toE164, type AdministrativeGender } from '../../fulfillment/epic';
import { loadSandboxResources } from '../../sandbox/data/load';
import { ALL_SCENARIOS } from '../../sandbox/data/scenarios';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';

const patients = loadSandboxResources().filter((resource): resource is Patient => resource.resourceType === 'Patient');
const GENDERS: AdministrativeGender[] = ['female', 'male', 'other', 'unknown'];
/** The opt-in strategy these tests are about; the default is `name`. */
const TELECOM = { EPIC_PATIENT_SEARCH: 'telecom' };

function phonesOf(patient: Patient): string[] {
  return (patient.telecom ?? []).filter((point) => point.system === 'phone' && point.value).map((point) => point.value as string);
}

/** The patients a strict local check would accept for this answer, computed from the data itself. */
function expectedMatches(phone: string, birthDate: string, gender: string): Patient[] {
  const e164 = toE164(phone, 'US');
  return patients.filter(
    (patient) =>
      patient.active !== false &&
      patient.birthDate === birthDate &&
      patient.gender === gender &&
      phonesOf(patient).some((written) => toE164(written, 'US') === e164),
  );
}

describe('patient match (telecom strategy, relaxed Epic)', () => {
  let harness: EpicHarness;

  beforeAll(async () => {
    harness = await startEpicHarness({ relaxedPatientSearch: true });
  });
  afterAll(async () => {
    await harness.close();
  });

  it.each(ALL_SCENARIOS.map((scenario) => [scenario.note, scenario] as const))(
    'finds the caller by number, birth date and gender: %s',
    async (_note, scenario) => {
      const match = await harness.gateway(TELECOM).findPatient({
        phone: scenario.callerNumber,
        birthDate: scenario.birthDate,
        gender: scenario.gender,
      });
      expect(match).toEqual({ kind: 'matched', patientId: scenario.patientId, givenName: scenario.given });
    },
  );

  it('matches whatever format the chart wrote the phone number in', async () => {
    const gateway = harness.gateway(TELECOM);
    for (const patient of patients) {
      for (const written of phonesOf(patient)) {
        const expected = expectedMatches(written, patient.birthDate as string, patient.gender as string);
        const match = await gateway.findPatient({ phone: written, birthDate: patient.birthDate as string, gender: patient.gender as AdministrativeGender });
        if (expected.length === 1) expect(match).toMatchObject({ kind: 'matched', patientId: expected[0]?.id });
        else expect(match.kind).toBe(expected.length === 0 ? 'notFound' : 'ambiguous');
      }
    }
  });

  it('never guesses: a wrong birth date is no match', async () => {
    const gateway = harness.gateway(TELECOM);
    for (const scenario of ALL_SCENARIOS) {
      const match = await gateway.findPatient({ phone: scenario.callerNumber, birthDate: '1901-01-01', gender: scenario.gender });
      expect(match).toEqual({ kind: 'notFound' });
    }
  });

  it('a different gender finds only a household member who really has it, or no one', async () => {
    const gateway = harness.gateway(TELECOM);
    for (const scenario of ALL_SCENARIOS) {
      for (const gender of GENDERS.filter((candidate) => candidate !== scenario.gender)) {
        const expected = expectedMatches(scenario.callerNumber, scenario.birthDate, gender);
        const match = await gateway.findPatient({ phone: scenario.callerNumber, birthDate: scenario.birthDate, gender });
        if (expected.length === 0) expect(match).toEqual({ kind: 'notFound' });
        else expect(match).toMatchObject({ kind: 'matched', patientId: expected[0]?.id });
      }
    }
  });

  it('filters out near matches the fuzzy server search returns', async () => {
    // Prepare: answers for which the server's own search returns more than the one right patient.
    const gateway = harness.gateway(TELECOM);
    const token = await gateway.tokens.getToken();
    let nearMatchesSeen = 0;
    for (const scenario of ALL_SCENARIOS) {
      const digits = scenario.callerNumber.slice(2);
      const url = `${harness.sandbox.fhirR4BaseUrl}/Patient?telecom=${digits}&birthdate=${scenario.birthDate}&legal-sex=${scenario.gender}`;
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } });
      const bundle = (await response.json()) as Bundle<Patient>;
      if ((bundle.entry ?? []).length < 2) continue;
      nearMatchesSeen += 1;
      // Act
      const match = await gateway.findPatient({ phone: scenario.callerNumber, birthDate: scenario.birthDate, gender: scenario.gender });
      // Assess
      expect(match).toMatchObject({ kind: 'matched', patientId: scenario.patientId });
    }
    expect(nearMatchesSeen).toBeGreaterThan(0);
  });

  it('treats a withheld or missing number as unusable before any search', async () => {
    harness.sandbox.resetStats();
    const gateway = harness.gateway(TELECOM);
    for (const phone of ['anonymous', '', undefined, '0000']) {
      await expect(gateway.findPatient({ phone, birthDate: '1950-01-01', gender: 'female' })).rejects.toBeInstanceOf(InvalidPhoneNumberError);
    }
    expect(harness.sandbox.stats.fhirRequests).toBe(0);
  });
});

describe('patient match edge cases with hand-made charts', () => {
  const shared = { resourceType: 'Patient' as const, birthDate: '1960-06-01', gender: 'female' as const };
  const doubles: Patient[] = [
    { ...shared, id: 'dup-1', name: [{ given: ['Ada'], family: 'Same' }], telecom: [{ system: 'phone', value: '(715) 555-0111' }] },
    { ...shared, id: 'dup-2', name: [{ given: ['Ida'], family: 'Same' }], telecom: [{ system: 'phone', value: '715.555.0111', use: 'mobile' }] },
    { ...shared, id: 'retired', active: false, birthDate: '1961-06-01', name: [{ given: ['Old'], family: 'Chart' }], telecom: [{ system: 'phone', value: '7155550122' }] },
  ];
  let harness: EpicHarness;

  beforeAll(async () => {
    harness = await startEpicHarness({ resources: doubles, relaxedPatientSearch: true });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('reports two charts that both fit as ambiguous, never picking one', async () => {
    const match = await harness.gateway(TELECOM).findPatient({ phone: '+17155550111', birthDate: '1960-06-01', gender: 'female' });
    expect(match).toEqual({ kind: 'ambiguous', candidates: 2 });
  });

  it('ignores an inactive chart', async () => {
    const match = await harness.gateway(TELECOM).findPatient({ phone: '+17155550122', birthDate: '1961-06-01', gender: 'female' });
    expect(match).toEqual({ kind: 'notFound' });
  });
});

describe('patient match against Epic minimum data sets (strict sandbox)', () => {
  let harness: EpicHarness;
  const [scenario] = ALL_SCENARIOS;

  beforeAll(async () => {
    harness = await startEpicHarness({ relaxedPatientSearch: false });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('is refused with the telecom strategy, as default Epic refuses it', async () => {
    const attempt = harness.gateway(TELECOM).findPatient({ phone: scenario?.callerNumber, birthDate: scenario?.birthDate as string, gender: scenario?.gender as AdministrativeGender });
    await expect(attempt).rejects.toBeInstanceOf(FhirError);
    await expect(attempt).rejects.toMatchObject({ status: 400 });
  });

  it('matches with the name strategy, the default, and checks the birth date locally', async () => {
    const gateway = harness.gateway();
    const query = {
      phone: scenario?.callerNumber,
      gender: scenario?.gender as AdministrativeGender,
      given: scenario?.given as string,
      family: scenario?.family as string,
    };
    await expect(gateway.findPatient({ ...query, birthDate: scenario?.birthDate as string })).resolves.toMatchObject({
      kind: 'matched',
      patientId: scenario?.patientId,
    });
    await expect(gateway.findPatient({ ...query, birthDate: '1901-01-01' })).resolves.toEqual({ kind: 'notFound' });
  });

  it('needs both names for the name strategy', async () => {
    const gateway = harness.gateway({ EPIC_PATIENT_SEARCH: 'name' });
    await expect(
      gateway.findPatient({ phone: scenario?.callerNumber, birthDate: scenario?.birthDate as string, gender: scenario?.gender as AdministrativeGender }),
    ).rejects.toBeInstanceOf(PatientQueryError);
  });
});
