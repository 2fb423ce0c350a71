/**
 * The medication list when Epic refuses `_include=MedicationRequest:medication` (a 400): it still
 * names every drug, pays the refusal once per container, and keeps one request per lookup when
 * `_include` works.
 */
import type { Medication, MedicationRequest, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logger } from '../../fulfillment/runtime/logger';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';
import { ATORVASTATIN, fixtureResources } from '../support/sandboxFixtures';

const METFORMIN: Medication = { resourceType: 'Medication', id: 'med-metformin', code: { text: 'metformin 500 MG Oral Tablet' } };

/** Dee: two active orders that reference standalone Medications without a display. */
function undisplayedOrders(): Resource[] {
  const order = (id: string, medicationId: string): MedicationRequest => ({
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/ana' },
    medicationReference: { reference: `Medication/${medicationId}` },
  });
  return [METFORMIN, order('mr-dee-1', 'med-metformin'), order('mr-dee-2', ATORVASTATIN.id ?? '')];
}

describe('medication list when Epic refuses _include', () => {
  let refusing: EpicHarness;
  let including: EpicHarness;

  beforeAll(async () => {
    logger.setLogLevel('CRITICAL');
    [refusing, including] = await Promise.all([
      startEpicHarness({ resources: fixtureResources(), refuseInclude: true }),
      startEpicHarness({ resources: fixtureResources() }),
    ]);
  });
  beforeEach(() => {
    refusing.sandbox.resetStats();
    including.sandbox.resetStats();
  });
  afterAll(async () => {
    logger.setLogLevel('INFO');
    await Promise.all([refusing?.close(), including?.close()]);
  });

  it('keeps one FHIR request per lookup when _include works', async () => {
    // Prepare
    const gateway = including.gateway();
    await gateway.tokens.getToken();
    including.sandbox.resetStats();
    // Act
    const medications = await gateway.activeMedications('ana');
    // Assess
    expect(medications.map((medication) => medication.name)).toEqual(['atorvastatin 20 MG Oral Tablet', 'metformin 500 MG Oral Tablet']);
    expect(including.sandbox.stats.fhirRequests).toBe(1);
  });

  it('still names every drug after a 400, from medicationReference.display, and pays the refusal once per container', async () => {
    // Prepare
    const gateway = refusing.gateway();
    await gateway.tokens.getToken();
    refusing.sandbox.resetStats();
    // Act
    const first = await gateway.activeMedications('ana');
    const afterFirst = refusing.sandbox.stats.fhirRequests;
    const second = await gateway.activeMedications('ana');
    // Assess: the 400 and the search without _include, then the search alone
    expect(first.map((medication) => medication.name)).toEqual(['atorvastatin', 'metformin 500 MG Oral Tablet']);
    expect(second).toEqual(first);
    expect(afterFirst).toBe(2);
    expect(refusing.sandbox.stats.fhirRequests - afterFirst).toBe(1);
  });

  it('reads referenced Medications that carry no display in one batch', async () => {
    // Prepare
    const harness = await startEpicHarness({ resources: [...fixtureResources().filter((r) => r.id !== 'mr-ana-1' && r.id !== 'mr-ana-2'), ...undisplayedOrders()], refuseInclude: true });
    try {
      const gateway = harness.gateway();
      await gateway.tokens.getToken();
      await gateway.activeMedications('ana');
      harness.sandbox.resetStats();
      // Act: a later turn, the refusal remembered
      const medications = await gateway.activeMedications('ana');
      // Assess: the search and one Medication?_id=… read
      expect(medications.map((medication) => medication.name)).toEqual(['atorvastatin 20 MG Oral Tablet', 'metformin 500 MG Oral Tablet']);
      expect(harness.sandbox.stats.fhirRequestsByType).toEqual({ MedicationRequest: 1, Medication: 1 });
    } finally {
      await harness.close();
    }
  });
});
