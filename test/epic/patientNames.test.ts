/**
 * Issue 13 item 1: with the `name` strategy, Epic's fuzzy search is not the check. Every candidate's
 * names are re-checked locally against what the caller said, normalized for case, accents, hyphens,
 * apostrophes and spaces; one-letter names never match; characters speech recognition never
 * produces (`,` `$` `|` `\`, which change a FHIR search) are refused before any search is sent.
 */
import { describe, expect, it } from 'vitest';
import { PatientQueryError, sameName, type AdministrativeGender } from '../../fulfillment/epic';
import { useEpicHarness } from '../support/epicHarness';

// Eleanor Mae Whitfield, the demo caller (sandbox/data/patients/01-eleanor-whitfield.json).
const ELEANOR = { phone: '+16085550142', birthDate: '1948-03-14', gender: 'female' as AdministrativeGender };

describe('patient names in the name strategy (sandbox over HTTP)', () => {
  const harness = useEpicHarness({ relaxedPatientSearch: true });
  const find = (given: string, family: string) => harness.gateway({ EPIC_PATIENT_SEARCH: 'name' }).findPatient({ ...ELEANOR, given, family });

  it('verifies the caller who says her own names, whatever their case and surrounding spaces', async () => {
    // Act / Assess
    await expect(find('Eleanor', 'Whitfield')).resolves.toMatchObject({ kind: 'matched', patientId: 'pat-eleanor-whitfield' });
    await expect(find('ELEANOR', 'whitfield')).resolves.toMatchObject({ kind: 'matched' });
    await expect(find(' eleanor ', 'WHITFIELD')).resolves.toMatchObject({ kind: 'matched' });
    await expect(find('Mae', 'Whitfield')).resolves.toMatchObject({ kind: 'matched' });
  });

  it('does not verify initials that Epic fuzzy search lets through', async () => {
    // Act / Assess
    await expect(find('E', 'W')).resolves.toEqual({ kind: 'notFound' });
    await expect(find('Elea', 'Whit')).resolves.toEqual({ kind: 'notFound' });
  });

  it('refuses a comma (OR in a FHIR search) and the other search characters before asking Epic', async () => {
    // Prepare
    const before = harness.sandbox.stats.fhirRequests;
    // Act / Assess
    for (const [given, family] of [['Eleanor,Harold', 'Whitfield'], ['Eleanor', 'Whitfield,Halvorsen'], ['Eleanor$', 'Whitfield'], ['Ele|anor', 'Whitfield'], ['Eleanor\\', 'Whitfield']] as const) {
      await expect(find(given, family)).rejects.toBeInstanceOf(PatientQueryError);
    }
    expect(harness.sandbox.stats.fhirRequests).toBe(before);
  });
});

describe('sameName', () => {
  it('ignores case, accents, hyphens, apostrophes, periods and spaces', () => {
    expect(sameName("O'Brien", 'obrien')).toBe(true);
    expect(sameName('Mary Ann', 'Mary-Ann')).toBe(true);
    expect(sameName('José', 'JOSE')).toBe(true);
    expect(sameName('St. John', 'StJohn')).toBe(true);
  });

  it('never matches a one-letter or empty name, nor a different name', () => {
    expect(sameName('E', 'E')).toBe(false);
    expect(sameName(' ', ' ')).toBe(false);
    expect(sameName('Eleanor', 'Elena')).toBe(false);
  });
});
