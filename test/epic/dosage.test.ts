/**
 * The structured dosage of MedicationRequest R4 (`doseAndRate[].doseQuantity`, `route`, `timing.repeat`,
 * `timing.code`, `asNeededBoolean`), read from the one list search, on R4 and on STU3 (dose on the dosage).
 */
import type { MedicationRequest, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { structuredDosage, type MedicationSummary } from '../../fulfillment/epic';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';

const PATIENT_ID = 'pat-dosage';
const UCUM = 'http://unitsofmeasure.org';
const EPIC_ROUTE = 'urn:oid:1.2.840.114350.1.13.0.1.7.4.698288.330';

const patient: Patient = { resourceType: 'Patient', id: PATIENT_ID, gender: 'female', birthDate: '1950-01-01' };

function order(id: string, name: string, fields: Partial<MedicationRequest>): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${PATIENT_ID}` },
    medicationCodeableConcept: { text: name },
    ...fields,
  };
}

const resources: Resource[] = [
  patient,
  order('rx-structured', 'acetaminophen 650 mg tablet', {
    dosageInstruction: [
      {
        text: 'Take 1 tablet by mouth every 8 hours as needed',
        asNeededBoolean: true,
        route: { coding: [{ system: EPIC_ROUTE, code: '15', display: 'Oral' }], text: 'Oral' },
        method: { text: 'Take' },
        timing: { repeat: { frequency: 1, period: 8, periodUnit: 'h', boundsPeriod: { start: '2025-01-01' } }, code: { text: 'Every 8 hours PRN' } },
        doseAndRate: [{ type: { text: 'ordered' }, doseQuantity: { value: 1, unit: 'tablet', system: UCUM, code: '{tbl}' } }],
      },
    ],
  }),
  order('rx-text-only', 'lisinopril 10 mg tablet', { dosageInstruction: [{ text: 'Take 1 tablet by mouth daily' }] }),
  order('rx-mixed', 'prednisone 10 mg tablet', {
    dosageInstruction: [{ timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } } }, { text: 'then stop' }],
  }),
  order('rx-extra', 'metformin 500 mg tablet', {
    dosageInstruction: [
      {
        timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd', boundsDuration: { value: 10, unit: 'd' } } },
        additionalInstruction: [{ text: 'with meals' }],
        doseAndRate: [{ doseQuantity: { value: 500, unit: 'mg', code: 'mg' } }, { doseQuantity: { value: 1, unit: 'tablet' } }],
      },
    ],
  }),
];

function byId(list: readonly MedicationSummary[], id: string): MedicationSummary | undefined {
  return list.find((item) => item.id === id);
}

describe('structured dosage of active medications', () => {
  let harness: EpicHarness;

  beforeAll(async () => {
    harness = await startEpicHarness({ resources });
  });
  afterAll(async () => {
    await harness.close();
  });

  it.each(['R4', 'STU3'] as const)('reads dose, route, timing and as-needed from the list search on %s', async (version) => {
    // Prepare
    const gateway = harness.gateway({
      EPIC_FHIR_VERSION: version,
      EPIC_FHIR_BASE_URL: version === 'R4' ? harness.sandbox.fhirR4BaseUrl : harness.sandbox.fhirStu3BaseUrl,
    });
    harness.sandbox.resetStats();
    // Act
    const list = await gateway.activeMedications(PATIENT_ID);
    // Assess: no request beyond the search itself.
    expect(harness.sandbox.stats.fhirRequests).toBe(1);
    expect(byId(list, 'rx-structured')?.dosage).toEqual([
      {
        dose: { value: 1, code: '{tbl}', system: UCUM, unit: 'tablet' },
        route: { codings: [{ system: EPIC_ROUTE, code: '15' }], text: 'Oral' },
        frequency: 1,
        period: 8,
        periodUnit: 'h',
        timingCode: { codings: [], text: 'Every 8 hours PRN' },
        asNeeded: true,
        hasText: true,
        unread: [],
      },
    ]);
  });

  it('gives no structured dosage to an order whose only instruction is free text', async () => {
    const list = await harness.gateway().activeMedications(PATIENT_ID);
    expect(byId(list, 'rx-text-only')).not.toHaveProperty('dosage');
    expect(byId(list, 'rx-text-only')?.instructions).toBe('Take 1 tablet by mouth daily');
  });

  it('gives no structured dosage when one of its instructions is free text only', async () => {
    const list = await harness.gateway().activeMedications(PATIENT_ID);
    expect(byId(list, 'rx-mixed')).not.toHaveProperty('dosage');
  });

  it('names the elements it does not carry: a duration, an additional instruction, a second dose', async () => {
    // Act
    const list = await harness.gateway().activeMedications(PATIENT_ID);
    // Assess
    expect(byId(list, 'rx-extra')?.dosage?.[0]?.unread).toEqual(['additionalInstruction', 'doseAndRate[1]', 'timing.repeat.boundsDuration']);
  });
});

describe('structuredDosage', () => {
  it('takes the first coding display as the text when a concept has no text', () => {
    // Act
    const read = structuredDosage({ route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006', display: 'Oral route' }] } });
    // Assess
    expect(read).toEqual({ route: { codings: [{ system: 'http://snomed.info/sct', code: '26643006' }], text: 'Oral route' }, hasText: false, unread: [] });
  });

  it('names a modifier extension, which a reader may not ignore, and not a plain extension', () => {
    // Act
    const read = structuredDosage({
      extension: [{ url: 'http://example.org/ignored' }],
      modifierExtension: [{ url: 'http://example.org/changes-meaning' }],
      asNeededBoolean: true,
    });
    // Assess
    expect(read?.unread).toEqual(['modifierExtension']);
  });

  it('names an as-needed reason, which the summary does not carry', () => {
    const read = structuredDosage({ asNeededCodeableConcept: { text: 'for wheezing' }, timing: { repeat: { frequency: 1, period: 4, periodUnit: 'h' } } });
    expect(read?.unread).toEqual(['asNeededCodeableConcept']);
  });
});
