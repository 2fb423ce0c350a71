import type { Bundle, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FhirError, InvalidPhoneNumberError, PatientQueryError, toE164, type AdministrativeGender } from '../../fulfillment/epic';
import { loadSandboxResources } from '../../sandbox/data/load';
import { ALL_SCENARIOS, SCENARIOS, type SandboxPatientScenario } from '../../sandbox/data/scenarios';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';

const patients = loadSandboxResources().filter((resource): resource is Patient => resource.resourceType === 'Patient');
const GENDERS: AdministrativeGender[] = ['female', 'male', 'other', 'unknown'];
/** The opt-in strategy these tests are about; the default is `name`. */
const TELECOM = { EPIC_PATIENT_SEARCH: 'telecom' };

function phonesOf(patient: Patient): string[] {
  return (patient.telecom ?? []).filter((point) => point.system === 'phone' && point.value).map((point) => point.value as string);
}

/** Active charts with this number (in any written form) and birth date: a household's twins share both. */
function chartsWith(phone: string, birthDate: string): Patient[] {
  const e164 = toE164(phone, 'US');
  return patients.filter(
    (patient) => patient.active !== false && patient.birthDate === birthDate && phonesOf(patient).some((written) => toE164(written, 'US') === e164),
  );
}

/** What a strict local check answers without a first name, computed from the data itself. */
function expectedOutcome(phone: string, birthDate: string, gender: string): { kind: string; patientId?: string } {
  const onRecord = chartsWith(phone, birthDate);
  const bySex = onRecord.filter((patient) => patient.gender === gender);
  if (bySex.length === 0) return { kind: 'notFound' };
  if (onRecord.length > 1) return { kind: 'firstNameNeeded' };
  return { kind: 'matched', patientId: bySex[0]?.id as string };
}

/** Whether another chart on the scenario's number has its birth date (twins). */
const hasTwin = (scenario: SandboxPatientScenario): boolean => chartsWith(scenario.callerNumber, scenario.birthDate).length > 1;

describe('patient match (telecom strategy, relaxed Epic)', () => {
  let harness: EpicHarness;

  beforeAll(async () => {
    harness = await startEpicHarness({ relaxedPatientSearch: true });
  });
  afterAll(async () => {
    await harness.close();
  });

  it.each(ALL_SCENARIOS.filter((scenario) => !hasTwin(scenario)).map((scenario) => [scenario.note, scenario] as const))(
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

  it.each(ALL_SCENARIOS.filter(hasTwin).map((scenario) => [scenario.note, scenario] as const))(
    'finds a twin by number, birth date, gender and first name: %s',
    async (_note, scenario) => {
      // Prepare
      const gateway = harness.gateway(TELECOM);
      const answers = { phone: scenario.callerNumber, birthDate: scenario.birthDate, gender: scenario.gender };
      // Act
      const withoutName = await gateway.findPatient(answers);
      const named = await gateway.findPatient({ ...answers, given: scenario.given });
      // Assess
      expect(withoutName).toEqual({ kind: 'firstNameNeeded', candidates: 2 });
      expect(named).toEqual({ kind: 'matched', patientId: scenario.patientId, givenName: scenario.given });
    },
  );

  it('matches whatever format the chart wrote the phone number in', async () => {
    const gateway = harness.gateway(TELECOM);
    for (const patient of patients) {
      for (const written of phonesOf(patient)) {
        const expected = expectedOutcome(written, patient.birthDate as string, patient.gender as string);
        const match = await gateway.findPatient({ phone: written, birthDate: patient.birthDate as string, gender: patient.gender as AdministrativeGender });
        expect(match, written).toMatchObject(expected);
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
        const expected = expectedOutcome(scenario.callerNumber, scenario.birthDate, gender);
        const match = await gateway.findPatient({ phone: scenario.callerNumber, birthDate: scenario.birthDate, gender });
        expect(match, `${scenario.given} saying ${gender}`).toMatchObject(expected);
      }
    }
  });

  it('filters out near matches the fuzzy server search returns', async () => {
    // Prepare: answers for which the server's own search returns more than the one right patient.
    const gateway = harness.gateway(TELECOM);
    const token = await gateway.tokens.getToken();
    let nearMatchesSeen = 0;
    for (const scenario of ALL_SCENARIOS.filter((candidate) => !hasTwin(candidate))) {
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

describe('twins and households (telecom strategy, relaxed Epic)', () => {
  let harness: EpicHarness;
  const find = (scenario: SandboxPatientScenario, answers: { gender?: AdministrativeGender; given?: string } = {}) =>
    harness.gateway(TELECOM).findPatient({ phone: scenario.callerNumber, birthDate: scenario.birthDate, gender: answers.gender ?? scenario.gender, ...(answers.given !== undefined ? { given: answers.given } : {}) });

  beforeAll(async () => {
    harness = await startEpicHarness({ relaxedPatientSearch: true });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('asks for the first name of twins of one sex on one number, and tells each apart by it', async () => {
    // Act / Assess: Ingrid and Astrid Brekke share the home phone, the birth date and the sex
    await expect(find(SCENARIOS.ingrid)).resolves.toEqual({ kind: 'firstNameNeeded', candidates: 2 });
    await expect(find(SCENARIOS.ingrid, { given: 'ingrid' })).resolves.toMatchObject({ kind: 'matched', patientId: SCENARIOS.ingrid.patientId });
    await expect(find(SCENARIOS.astrid, { given: 'ASTRID' })).resolves.toMatchObject({ kind: 'matched', patientId: SCENARIOS.astrid.patientId });
  });

  it('asks for the first name of twins of different sex too: sex alone never tells them apart', async () => {
    await expect(find(SCENARIOS.tobias)).resolves.toEqual({ kind: 'firstNameNeeded', candidates: 2 });
    await expect(find(SCENARIOS.tobias, { given: 'Tobias' })).resolves.toMatchObject({ kind: 'matched', patientId: SCENARIOS.tobias.patientId });
  });

  it('still checks the sex: a twin\'s first name with the other twin\'s sex is no match', async () => {
    await expect(find(SCENARIOS.tobias, { given: 'Tobias', gender: 'female' })).resolves.toEqual({ kind: 'notFound' });
    await expect(find(SCENARIOS.tobias, { gender: 'other' })).resolves.toEqual({ kind: 'notFound' });
  });

  it('never takes a near first name: one the chart does not have is no match', async () => {
    await expect(find(SCENARIOS.ingrid, { given: 'Ingri' })).resolves.toEqual({ kind: 'notFound' });
    await expect(find(SCENARIOS.ingrid, { given: 'Inga' })).resolves.toEqual({ kind: 'notFound' });
    await expect(find(SCENARIOS.ingrid, { given: 'I' })).resolves.toEqual({ kind: 'notFound' });
  });

  it('needs no first name in a household whose members were born on different days', async () => {
    await expect(find(SCENARIOS.ruth)).resolves.toMatchObject({ kind: 'matched', patientId: SCENARIOS.ruth.patientId });
    await expect(find(SCENARIOS.harold)).resolves.toMatchObject({ kind: 'matched', patientId: SCENARIOS.harold.patientId });
  });

  it('checks a first name given even where none was needed', async () => {
    await expect(find(SCENARIOS.harold, { given: 'Ruth' })).resolves.toEqual({ kind: 'notFound' });
  });
});

describe('patient match edge cases with hand-made charts', () => {
  const shared = { resourceType: 'Patient' as const, birthDate: '1960-06-01', gender: 'female' as const };
  const doubles: Patient[] = [
    { ...shared, id: 'dup-1', name: [{ given: ['Ada'], family: 'Same' }], telecom: [{ system: 'phone', value: '(715) 555-0111' }] },
    { ...shared, id: 'dup-2', name: [{ given: ['Ida'], family: 'Same' }], telecom: [{ system: 'phone', value: '715.555.0111', use: 'mobile' }] },
    { ...shared, id: 'retired', active: false, birthDate: '1961-06-01', name: [{ given: ['Old'], family: 'Chart' }], telecom: [{ system: 'phone', value: '7155550122' }] },
    { ...shared, id: 'copy-1', name: [{ given: ['Ada'], family: 'Copy' }], telecom: [{ system: 'phone', value: '715-555-0133' }] },
    { ...shared, id: 'copy-2', name: [{ given: ['Ada'], family: 'Copy' }], telecom: [{ system: 'phone', value: '(715) 555-0133' }] },
  ];
  let harness: EpicHarness;

  beforeAll(async () => {
    harness = await startEpicHarness({ resources: doubles, relaxedPatientSearch: true });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('asks for the first name when two charts fit, never picking one, and takes the one it names', async () => {
    const gateway = harness.gateway(TELECOM);
    const answers = { phone: '+17155550111', birthDate: '1960-06-01', gender: 'female' as const };
    await expect(gateway.findPatient(answers)).resolves.toEqual({ kind: 'firstNameNeeded', candidates: 2 });
    await expect(gateway.findPatient({ ...answers, given: 'ida' })).resolves.toMatchObject({ kind: 'matched', patientId: 'dup-2' });
  });

  it('reports two charts that still both fit with the first name as ambiguous, never picking one', async () => {
    const match = await harness.gateway(TELECOM).findPatient({ phone: '+17155550133', birthDate: '1960-06-01', gender: 'female', given: 'Ada' });
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
