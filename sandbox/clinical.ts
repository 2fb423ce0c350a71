import type { Encounter, Medication, MedicationRequest, Resource } from '@medplum/fhirtypes';
import { HttpError } from './http';
import { patientIdOf, referencedId, type ResourceStore } from './store';
import { STATEMENT_STATUSES, toMedicationStatement, type FhirRelease, type MedicationStatementLike } from './stu3';

/** The result of one search: every match, and what `_include` adds for a page of them. */
export interface SearchResult {
  readonly matches: readonly Resource[];
  readonly includes?: (pageMatches: readonly Resource[]) => readonly Resource[];
}

const REQUEST_STATUSES = new Set(['active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft', 'unknown']);

/** Comma-separated alternatives of every occurrence of `name` (repeats AND together). */
export function alternatives(query: URLSearchParams, name: string): string[][] {
  return query
    .getAll(name)
    .map((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .filter((values) => values.length > 0);
}

/**
 * Patient ids a clinical search is scoped to, from `patient=ID`, `patient=Patient/ID` or
 * `subject=Patient/ID`. Epic refuses clinical searches without a patient, hence the 400.
 */
export function patientScope(query: URLSearchParams, type: string, required = true): string[][] {
  const scope = [...alternatives(query, 'patient'), ...alternatives(query, 'subject')].map((values) =>
    values.map((value) => (value.includes('/') ? (referencedId(value, 'Patient') ?? '\u0000not-a-patient') : value)),
  );
  if (required && scope.length === 0 && alternatives(query, '_id').length === 0) {
    throw new HttpError(400, 'required', `${type} search requires a patient (patient or subject parameter)`);
  }
  return scope;
}

/** Keeps resources satisfying every group of alternatives. */
export function filterAll<T extends Resource>(resources: readonly T[], groups: string[][], value: (resource: T) => string | undefined): T[] {
  return resources.filter((resource) => groups.every((group) => group.includes(value(resource) ?? '')));
}

function statusGroups(query: URLSearchParams, allowed: ReadonlySet<string>, type: string): string[][] {
  const groups = alternatives(query, 'status');
  for (const status of groups.flat()) {
    if (!allowed.has(status)) throw new HttpError(400, 'invalid', `${type} status must be one of ${[...allowed].join(', ')}`);
  }
  return groups;
}

function includeRequested(query: URLSearchParams, allowed: string): boolean {
  const values = query.getAll('_include');
  for (const value of values) {
    if (value !== allowed) throw new HttpError(400, 'not-supported', `_include supports only ${allowed}`);
  }
  return values.length > 0;
}

/** Standalone `Medication`s referenced by `resources` (contained ones stay contained). */
function referencedMedications(store: ResourceStore, resources: readonly Resource[]): Medication[] {
  const found: Medication[] = [];
  for (const resource of resources) {
    const id = referencedId((resource as { medicationReference?: { reference?: string } }).medicationReference, 'Medication');
    const medication = id ? store.get('Medication', id) : undefined;
    if (medication) found.push(medication as Medication);
  }
  return found;
}

/** Scoped to a patient, filtered by `_id` and `status`. */
function scoped<T extends Resource>(resources: readonly T[], query: URLSearchParams, type: string): T[] {
  const byPatient = filterAll(resources, patientScope(query, type), patientIdOf);
  return filterAll(byPatient, alternatives(query, '_id'), (resource) => resource.id);
}

/** `MedicationRequest?patient=&status=&_include=MedicationRequest:medication` (R4). */
export function searchMedicationRequests(store: ResourceStore, query: URLSearchParams): SearchResult {
  const include = includeRequested(query, 'MedicationRequest:medication');
  const statuses = statusGroups(query, REQUEST_STATUSES, 'MedicationRequest');
  const matches = filterAll(scoped(store.all<MedicationRequest>('MedicationRequest'), query, 'MedicationRequest'), statuses, (r) => r.status);
  return include ? { matches, includes: (page) => referencedMedications(store, page) } : { matches };
}

/** Every MedicationStatement derived from the stored orders, in the shape of `release`. */
export function medicationStatements(store: ResourceStore, release: FhirRelease): MedicationStatementLike[] {
  const lookup = (id: string) => store.get('Medication', id) as Medication | undefined;
  return store
    .all<MedicationRequest>('MedicationRequest')
    .map((request) => toMedicationStatement(request, release, lookup))
    .filter((statement): statement is MedicationStatementLike => statement !== undefined);
}

/** `MedicationStatement?patient=&status=`, derived on the fly from the R4 orders as Epic's STU3 API does. */
export function searchMedicationStatements(store: ResourceStore, query: URLSearchParams, release: FhirRelease): SearchResult {
  const include = includeRequested(query, 'MedicationStatement:medication');
  const statuses = statusGroups(query, STATEMENT_STATUSES[release], 'MedicationStatement');
  const matches = filterAll(scoped(medicationStatements(store, release), query, 'MedicationStatement'), statuses, (s) => s.status);
  return include ? { matches, includes: (page) => referencedMedications(store, page) } : { matches };
}

/** `Encounter?patient=`. */
export function searchEncounters(store: ResourceStore, query: URLSearchParams): SearchResult {
  return { matches: scoped(store.all<Encounter>('Encounter'), query, 'Encounter') };
}

/** `Medication?_id=a,b,c`: standalone drugs by id (no patient scope: a Medication names no patient). */
export function searchMedications(store: ResourceStore, query: URLSearchParams): SearchResult {
  const ids = alternatives(query, '_id');
  if (ids.length === 0) throw new HttpError(400, 'required', 'Medication search requires _id');
  return { matches: filterAll(store.all<Medication>('Medication'), ids, (medication) => medication.id) };
}
