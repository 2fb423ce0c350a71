/**
 * A patient search with more pages than the match reads must not produce a match: a chart on an
 * unread page could be a second person with the same answers.
 */
import type { Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPatient } from '../../fulfillment/epic';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';

const PHONE = '+16085550199';

function patient(id: string, active: boolean): Patient {
  return {
    resourceType: 'Patient',
    id,
    active,
    name: [{ given: ['Page'], family: 'Tester' }],
    gender: 'female',
    birthDate: '1944-04-04',
    telecom: [{ system: 'phone', value: '608-555-0199', use: 'home' }],
  };
}

describe('patient match over several pages', () => {
  let harness: EpicHarness;
  const query = { phone: PHONE, birthDate: '1944-04-04', gender: 'female' as const };

  beforeAll(async () => {
    // Two charts answer the search (one inactive); one per page.
    harness = await startEpicHarness({ resources: [patient('pat-page-inactive', false), patient('pat-page-active', true)], pageSize: 1 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('matches when every page was read', async () => {
    // Act
    const match = await findPatient(harness.gateway().fhir, query, { strategy: 'telecom', maxPages: 5 });
    // Assess
    expect(match).toMatchObject({ kind: 'matched', patientId: 'pat-page-active' });
  });

  it('refuses to match when pages were left unread', async () => {
    // Act
    const match = await findPatient(harness.gateway().fhir, query, { strategy: 'telecom', maxPages: 1 });
    // Assess
    expect(match.kind).toBe('ambiguous');
  });

  it('reports truncation from searchAll only when a next page exists', async () => {
    // Prepare
    const fhir = harness.gateway().fhir;
    const params = { telecom: '6085550199', birthdate: '1944-04-04', 'legal-sex': 'female' };
    // Act
    const one = await fhir.searchAll<Patient>('Patient', params, 1);
    const all = await fhir.searchAll<Patient>('Patient', params, 2);
    // Assess
    expect(one).toMatchObject({ truncated: true });
    expect(one.entries).toHaveLength(1);
    expect(all.truncated).toBe(false);
    expect(all.entries).toHaveLength(2);
  });
});
