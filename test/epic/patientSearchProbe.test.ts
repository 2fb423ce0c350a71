/**
 * Issue 13 item 2: which patient search strategies an Epic accepts, asked with a search no chart
 * can match, built exactly as the match builds it. A 4xx refusal and an empty answer are told apart;
 * a token or permission problem is not taken for either.
 */
import { describe, expect, it } from 'vitest';
import {
  FhirError,
  patientSearchParams,
  probePatientSearch,
  recommendedStrategy,
  UNMATCHABLE_QUERY,
  type PatientSearchProbe,
} from '../../fulfillment/epic';
import { useEpicHarness } from '../support/epicHarness';

describe('patient search probe against a stock Epic (strict sandbox)', () => {
  const harness = useEpicHarness({ relaxedPatientSearch: false });

  it('finds the name search accepted with no match, and the telecom search refused with Epic\'s 400', async () => {
    // Act
    const probes = await probePatientSearch(harness.gateway().fhir);
    // Assess
    expect(probes).toContainEqual({ strategy: 'name', kind: 'accepted', candidates: 0 });
    expect(probes).toContainEqual(expect.objectContaining({ strategy: 'telecom', kind: 'refused', status: 400, issues: [expect.objectContaining({ code: 'required' })] }));
    expect(harness.sandbox.stats.fhirRequestsByType['Patient']).toBe(2);
  });

  it('sends each strategy the search the match sends, for answers no sandbox patient has', () => {
    // Act
    const name = patientSearchParams(UNMATCHABLE_QUERY, { strategy: 'name' }, 'R4');
    const telecom = patientSearchParams(UNMATCHABLE_QUERY, { strategy: 'telecom' }, 'R4');
    // Assess
    expect(name).toEqual({ given: 'Zzprobe', family: 'Zzunmatchable', 'legal-sex': 'female', telecom: '6085550100' });
    expect(Object.keys(telecom).sort()).toEqual(expect.arrayContaining(['birthdate', 'telecom']));
  });

  it('does not take a refused permission for a refused search: a 403 is thrown', async () => {
    // Prepare
    harness.sandbox.failNextFhir(1, 403);
    // Act
    const attempt = probePatientSearch(harness.gateway().fhir);
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(FhirError);
    await expect(attempt).rejects.toMatchObject({ status: 403 });
  });
});

describe('patient search probe against an Epic that relaxed its minimum data sets', () => {
  const harness = useEpicHarness({ relaxedPatientSearch: true });

  it('finds both strategies accepted, neither matching anyone', async () => {
    // Act
    const probes = await probePatientSearch(harness.gateway().fhir);
    // Assess
    expect(probes.map((probe) => [probe.strategy, probe.kind, probe.kind === 'accepted' ? probe.candidates : -1]).sort()).toEqual([
      ['name', 'accepted', 0],
      ['telecom', 'accepted', 0],
    ]);
  });
});

describe('recommendedStrategy', () => {
  const accepted = (strategy: 'name' | 'telecom'): PatientSearchProbe => ({ strategy, kind: 'accepted', candidates: 0 });
  const refused = (strategy: 'name' | 'telecom'): PatientSearchProbe => ({ strategy, kind: 'refused', status: 400, issues: [] });

  it('prefers name whenever it is accepted, falls back to telecom, and names none when both are refused', () => {
    expect(recommendedStrategy([accepted('telecom'), accepted('name')])).toBe('name');
    expect(recommendedStrategy([refused('telecom'), accepted('name')])).toBe('name');
    expect(recommendedStrategy([accepted('telecom'), refused('name')])).toBe('telecom');
    expect(recommendedStrategy([refused('telecom'), refused('name')])).toBeUndefined();
  });
});
