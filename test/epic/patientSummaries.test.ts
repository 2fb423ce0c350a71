/**
 * The inbox's reads of Epic: several patients' names, birth dates and MRNs in ONE request
 * (`Patient?_id=a,b,c`), read one by one when Epic refuses that search, and a patient's recent
 * encounters, newest first; all against the sandbox.
 */
import { describe, expect, it } from 'vitest';
import { PatientQueryError } from '../../fulfillment/epic';
import { loadSandboxResources } from '../../sandbox/data/load';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { telephoneEncounter } from '../../sandbox/data/telephoneEncounter';
import { useEpicHarness } from '../support/epicHarness';

const { eleanor, harold, cornelius } = SCENARIOS;
const TODAY_CALL = telephoneEncounter(eleanor.patientId, new Date('2026-02-10T15:00:00.000Z'), 'enc-eleanor-phone');
const RESOURCES = [...loadSandboxResources(), TODAY_CALL];

describe('patient summaries', () => {
  const harness = useEpicHarness({ resources: RESOURCES });

  it('reads every patient of a page in one request: name, birth date and MRN as charted', async () => {
    // Prepare
    const gateway = harness.gateway();
    await gateway.tokens.getToken();
    harness.sandbox.resetStats();
    // Act
    const patients = await gateway.patientSummaries([harold.patientId, eleanor.patientId, 'pat-nobody', eleanor.patientId]);
    // Assess
    expect(harness.sandbox.stats.fhirRequests).toBe(1);
    expect(patients).toEqual([
      { id: harold.patientId, name: expect.stringMatching(/^Harold .*Halvorsen$/), birthDate: harold.birthDate, mrn: expect.stringMatching(/^\d+$/) },
      { id: eleanor.patientId, name: expect.stringMatching(/^Eleanor .*Whitfield$/), birthDate: eleanor.birthDate, mrn: '203714' },
    ]);
  });

  it('asks Epic nothing for no patients, and refuses an id that would change the search', async () => {
    // Prepare
    const gateway = harness.gateway();
    // Act
    const none = await gateway.patientSummaries([]);
    const forged = await gateway.patientSummaries([`${eleanor.patientId},${harold.patientId}`]).catch((error: unknown) => error);
    // Assess
    expect(none).toEqual([]);
    expect(forged).toBeInstanceOf(PatientQueryError);
    expect(harness.sandbox.stats.fhirRequests).toBe(0);
  });

  it('lists the patient’s encounters newest first, only theirs, at most ten', async () => {
    // Prepare
    const gateway = harness.gateway();
    // Act
    const encounters = await gateway.recentEncounters(eleanor.patientId);
    const none = await gateway.recentEncounters('pat-nobody');
    // Assess
    expect(encounters.map((encounter) => encounter.id)).toEqual(['enc-eleanor-phone', 'enc-eleanor-whitfield-2', 'enc-eleanor-whitfield-1']);
    expect(encounters[0]).toEqual({ id: 'enc-eleanor-phone', status: 'in-progress', start: '2026-02-10T15:00:00.000Z', type: 'Telephone', class: 'virtual' });
    expect(encounters[1]).toMatchObject({ status: 'finished', type: expect.any(String), start: '2026-02-03T14:00:00-06:00' });
    expect(none).toEqual([]);
  });
});

describe('patient summaries from an Epic that refuses a multi-id search', () => {
  const harness = useEpicHarness({ resources: RESOURCES, refuseMultiIdSearch: true });

  it('answers a multi-id search with a 400, and still serves one id', async () => {
    // Prepare
    const gateway = harness.gateway();
    // Act
    const many = await gateway.fhir.search('Patient', { _id: `${eleanor.patientId},${harold.patientId}` }).catch((error: unknown) => error);
    const one = await gateway.fhir.search('Patient', { _id: eleanor.patientId });
    // Assess
    expect(many).toMatchObject({ status: 400 });
    expect(one.entry?.map((entry) => entry.resource?.id)).toEqual([eleanor.patientId]);
  });

  it('reads the patients one by one after the refusal, and pays the refusal once per container', async () => {
    // Prepare
    const gateway = harness.gateway();
    await gateway.tokens.getToken();
    harness.sandbox.resetStats();
    // Act
    const first = await gateway.patientSummaries([eleanor.patientId, harold.patientId, cornelius.patientId, 'pat-nobody']);
    const afterRefusal = harness.sandbox.stats.fhirRequests;
    const second = await gateway.patientSummaries([harold.patientId, eleanor.patientId]);
    // Assess: 1 refused search + 4 reads, then 2 reads
    expect(first.map((patient) => [patient.id, patient.birthDate])).toEqual([
      [eleanor.patientId, eleanor.birthDate],
      [harold.patientId, harold.birthDate],
      [cornelius.patientId, cornelius.birthDate],
    ]);
    expect(first[0]?.mrn).toBe('203714');
    expect(afterRefusal).toBe(5);
    expect(second.map((patient) => patient.id)).toEqual([harold.patientId, eleanor.patientId]);
    expect(harness.sandbox.stats.fhirRequests - afterRefusal).toBe(2);
  });
});
