import type { Medication, MedicationRequest, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeMedications, UNNAMED_MEDICATION, type MedicationSummary } from '../../fulfillment/epic';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';

const PATIENT_ID = 'pat-shapes';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

const patient: Patient = {
  resourceType: 'Patient',
  id: PATIENT_ID,
  name: [{ given: ['Shape'], family: 'Tester' }],
  gender: 'male',
  birthDate: '1940-02-02',
};

function order(id: string, fields: Partial<MedicationRequest>): MedicationRequest {
  return { resourceType: 'MedicationRequest', id, status: 'active', intent: 'order', subject: { reference: `Patient/${PATIENT_ID}` }, ...fields };
}

const inhaler: Medication = {
  resourceType: 'Medication',
  id: 'med-shapes-inhaler',
  code: { coding: [{ system: RXNORM, code: '745679', display: 'albuterol 90 MCG/ACTUAL Metered Dose Inhaler' }] },
  form: { text: 'inhaler' },
};

/** One MedicationRequest per data shape the chart may hold. */
const resources: Resource[] = [
  patient,
  inhaler,
  order('rx-text', {
    medicationCodeableConcept: { text: 'atorvastatin 20 mg tablet' },
    dosageInstruction: [{ text: 'Take 1 tablet by mouth nightly' }],
    authoredOn: '2025-01-10',
  }),
  order('rx-coding-only', {
    medicationCodeableConcept: { coding: [{ system: RXNORM, code: '860975', display: 'metformin 500 MG Oral Tablet' }] },
    dosageInstruction: [
      { doseAndRate: [{ doseQuantity: { value: 500, unit: 'mg' } }], timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } },
    ],
  }),
  order('rx-contained', {
    contained: [{ resourceType: 'Medication', id: 'med1', code: { text: 'lisinopril 10 mg tablet' } }],
    medicationReference: { reference: '#med1' },
    dosageInstruction: [{ text: 'Take 1 tablet by mouth daily' }],
  }),
  order('rx-included', {
    medicationReference: { reference: 'Medication/med-shapes-inhaler' },
    dosageInstruction: [{ text: 'Inhale 2 puffs every 4 hours as needed for wheezing' }],
  }),
  order('rx-no-dosage', {
    medicationCodeableConcept: { text: 'vitamin D3 1000 unit capsule' },
    dispenseRequest: { numberOfRepeatsAllowed: 3, validityPeriod: { start: '2025-01-01', end: '2026-01-01' } },
  }),
  order('rx-no-name', { medicationReference: { reference: 'Medication/missing-from-server' } }),
  order('rx-stopped', { status: 'stopped', medicationCodeableConcept: { text: 'warfarin 5 mg tablet' } }),
  order('rx-completed', { status: 'completed', medicationCodeableConcept: { text: 'prednisone 10 mg tablet' } }),
];

function byName(list: readonly MedicationSummary[], name: string): MedicationSummary | undefined {
  return list.find((item) => item.name === name);
}

describe('active medications', () => {
  let harness: EpicHarness;

  beforeAll(async () => {
    // A page size of 2 forces paging: the inhaler's Medication arrives on a later page than the first orders.
    harness = await startEpicHarness({ resources, pageSize: 2 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it.each(['R4', 'STU3'] as const)('normalizes every data shape on %s', async (version) => {
    // Prepare
    const gateway = harness.gateway({
      EPIC_FHIR_VERSION: version,
      EPIC_FHIR_BASE_URL: version === 'R4' ? harness.sandbox.fhirR4BaseUrl : harness.sandbox.fhirStu3BaseUrl,
    });
    // Act
    const list = await gateway.activeMedications(PATIENT_ID);
    // Assess
    expect(list.map((item) => item.name)).toEqual([
      'albuterol 90 MCG/ACTUAL Metered Dose Inhaler',
      'atorvastatin 20 mg tablet',
      'lisinopril 10 mg tablet',
      'metformin 500 MG Oral Tablet',
      UNNAMED_MEDICATION,
      'vitamin D3 1000 unit capsule',
    ]);
    expect(byName(list, 'atorvastatin 20 mg tablet')).toEqual({
      name: 'atorvastatin 20 mg tablet',
      doseText: undefined,
      instructions: 'Take 1 tablet by mouth nightly',
      authoredOn: '2025-01-10',
      id: 'rx-text',
    });
    expect(byName(list, 'metformin 500 MG Oral Tablet')).toMatchObject({ doseText: '500 mg', instructions: 'twice a day' });
    expect(byName(list, 'lisinopril 10 mg tablet')?.instructions).toBe('Take 1 tablet by mouth daily');
    expect(byName(list, 'vitamin D3 1000 unit capsule')).toMatchObject({ doseText: undefined, instructions: undefined });
  });

  it('keeps the order id, its refills and its validity end, from the list search alone', async () => {
    // Prepare
    const gateway = harness.gateway();
    // Act
    const list = await gateway.activeMedications(PATIENT_ID);
    // Assess
    expect(byName(list, 'vitamin D3 1000 unit capsule')).toMatchObject({ id: 'rx-no-dosage', refillsAllowed: 3, validUntil: '2026-01-01' });
    expect(byName(list, 'lisinopril 10 mg tablet')).not.toHaveProperty('refillsAllowed');
    expect(byName(list, 'lisinopril 10 mg tablet')).not.toHaveProperty('validUntil');
  });

  it('leaves stopped and completed orders out', async () => {
    const list = await harness.gateway().activeMedications(PATIENT_ID);
    expect(list.some((item) => /warfarin|prednisone/.test(item.name))).toBe(false);
  });

  it('follows every page of a long list', async () => {
    harness.sandbox.resetStats();
    await harness.gateway().activeMedications(PATIENT_ID);
    // Six active orders at two per page: three search pages.
    expect(harness.sandbox.stats.fhirRequests).toBe(3);
  });

  it('marks the list incomplete when paging stops at its bound while Epic has more', async () => {
    // Prepare: three pages of orders, two read
    const fhir = harness.gateway().fhir;
    // Act
    const bounded = await activeMedications(fhir, PATIENT_ID, { maxPages: 2 });
    const whole = await activeMedications(fhir, PATIENT_ID, { maxPages: 3 });
    // Assess
    expect(bounded.incomplete).toBe(true);
    expect(bounded.length).toBeLessThan(whole.length);
    expect(whole.incomplete).toBeUndefined();
  });

  it('returns an empty list for a patient with no medications', async () => {
    await expect(harness.gateway().activeMedications('pat-nobody')).resolves.toEqual([]);
  });
});
