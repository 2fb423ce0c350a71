import type { CodeableConcept, Coding, Encounter } from '@medplum/fhirtypes';
import type { CallOptions } from './deadline';
import type { FhirClient } from './fhirClient';
import type { ChartEncounter } from './ports';

/** Options of {@link recentEncounters}. */
export interface RecentEncountersOptions extends CallOptions {
  /** Encounters returned at most. @default 10 */
  readonly limit?: number;
  /** Pages of the search followed at most. @default 3 */
  readonly maxPages?: number;
}

/**
 * The patient's encounters, newest first (by `period.start`; those without a start last), at most
 * `limit`: `Encounter?patient=<id>`, sorted here because Epic's support of `_sort` on Encounter varies.
 * Each is re-checked to be the patient's (`subject`), so a server that ignored the parameter cannot
 * offer another person's visit.
 *
 * @example
 * const encounters = await recentEncounters(fhir, 'pat-1', { limit: 5 });
 */
export async function recentEncounters(fhir: FhirClient, patientId: string, options: RecentEncountersOptions = {}): Promise<ChartEncounter[]> {
  const limit = options.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  const { entries } = await fhir.searchAll<Encounter>('Encounter', { patient: patientId }, options.maxPages ?? 3, { signal: options.signal });
  return entries
    .map((entry) => entry.resource)
    .filter((resource): resource is Encounter & { id: string } => resource?.resourceType === 'Encounter' && typeof resource.id === 'string')
    .filter((encounter) => encounter.subject?.reference === `Patient/${patientId}`)
    .map(toChartEncounter)
    .sort((a, b) => startMs(b) - startMs(a))
    .slice(0, limit);
}

function startMs(encounter: ChartEncounter): number {
  const ms = Date.parse(encounter.start ?? '');
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
}

function toChartEncounter(encounter: Encounter & { id: string }): ChartEncounter {
  const type = conceptText(encounter.type?.[0]);
  const kind = codingText(encounter.class);
  return {
    id: encounter.id,
    ...(encounter.status ? { status: encounter.status } : {}),
    ...(encounter.period?.start ? { start: encounter.period.start } : {}),
    ...(encounter.period?.end ? { end: encounter.period.end } : {}),
    ...(type ? { type } : {}),
    ...(kind ? { class: kind } : {}),
  };
}

function conceptText(concept: CodeableConcept | undefined): string | undefined {
  return concept?.text?.trim() || concept?.coding?.map(codingText).find(Boolean);
}

function codingText(coding: Coding | undefined): string | undefined {
  return coding?.display?.trim() || coding?.code?.trim() || undefined;
}
