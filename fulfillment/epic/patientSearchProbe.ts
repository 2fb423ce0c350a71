import type { Bundle, Patient } from '@medplum/fhirtypes';
import { PATIENT_SEARCH_STRATEGIES, type PatientSearchStrategy } from '../../contract';
import type { CallOptions } from './deadline';
import { FhirAuthError, FhirError, FhirTimeoutError, FhirUnavailableError, type FhirIssue } from './errors';
import type { FhirClient } from './fhirClient';
import { patientSearchParams, type PatientMatchOptions, type PatientQuery } from './patientMatch';

/**
 * Answers no chart can have: a number from the 555-0100 block kept for fiction, a birth date of
 * 1 January 1900 and names no one is given. A search built from them asks Epic whether it accepts
 * the strategy's parameters without reading anyone's chart.
 */
export const UNMATCHABLE_QUERY: PatientQuery = {
  phone: '+16085550100',
  birthDate: '1900-01-01',
  gender: 'female',
  given: 'Zzprobe',
  family: 'Zzunmatchable',
};

/** What Epic made of a strategy's search: searched (how many charts came back), or refused (4xx). */
export type PatientSearchProbe =
  | { readonly strategy: PatientSearchStrategy; readonly kind: 'accepted'; readonly candidates: number }
  | { readonly strategy: PatientSearchStrategy; readonly kind: 'refused'; readonly status: number; readonly issues: readonly FhirIssue[] };

/** Options of {@link probePatientSearch}: those of the match, less the strategy, which is probed. */
export type PatientSearchProbeOptions = Omit<PatientMatchOptions, 'strategy' | 'maxPages'> & CallOptions;

/**
 * Sends each strategy's Patient search (as {@link findPatient} builds it) for
 * {@link UNMATCHABLE_QUERY}, first page only, and reports what Epic did. A 4xx answer other than
 * 401, 403 and 429 is a refusal of the parameters (Epic answers 400 to a search without one of
 * its minimum data sets); a 200 is acceptance, with no chart expected.
 *
 * @throws {FhirError} for what says nothing about the parameters: the token refused (401), the app
 * not allowed to search (403), Epic unavailable, a timeout, an unreachable server
 * @example
 * const [name, telecom] = await probePatientSearch(gateway.fhir);
 */
export async function probePatientSearch(
  fhir: FhirClient,
  options: PatientSearchProbeOptions = {},
  strategies: readonly PatientSearchStrategy[] = PATIENT_SEARCH_STRATEGIES,
): Promise<PatientSearchProbe[]> {
  const probes: PatientSearchProbe[] = [];
  for (const strategy of strategies) {
    const params = patientSearchParams(UNMATCHABLE_QUERY, { ...options, strategy }, fhir.fhirVersion);
    try {
      const bundle: Bundle<Patient> = await fhir.search<Patient>('Patient', params, { signal: options.signal });
      const candidates = (bundle.entry ?? []).filter((entry) => entry.resource?.resourceType === 'Patient' && entry.search?.mode !== 'include').length;
      probes.push({ strategy, kind: 'accepted', candidates });
    } catch (error) {
      if (!isRefusal(error)) throw error;
      probes.push({ strategy, kind: 'refused', status: error.status, issues: error.issues });
    }
  }
  return probes;
}

/** A 4xx that is about the request itself, not about the token, the app's rights or load. */
function isRefusal(error: unknown): error is FhirError {
  if (!(error instanceof FhirError) || error instanceof FhirAuthError || error instanceof FhirUnavailableError || error instanceof FhirTimeoutError) return false;
  return error.status >= 400 && error.status < 500 && ![401, 403, 429].includes(error.status);
}

/**
 * The `EPIC_PATIENT_SEARCH` to set after a probe: `name` (the default, one of Epic's minimum data
 * sets) when Epic accepts it, else `telecom` when that is accepted, else `undefined`.
 *
 * @example
 * recommendedStrategy([{ strategy: 'name', kind: 'accepted', candidates: 0 }]); // 'name'
 */
export function recommendedStrategy(probes: readonly PatientSearchProbe[]): PatientSearchStrategy | undefined {
  const accepted = new Set(probes.filter((probe) => probe.kind === 'accepted').map((probe) => probe.strategy));
  return (['name', 'telecom'] as const).find((strategy) => accepted.has(strategy));
}
