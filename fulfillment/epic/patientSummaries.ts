import type { HumanName, Identifier, Patient } from '@medplum/fhirtypes';
import type { CallOptions } from './deadline';
import { FhirError, FhirResponseError, PatientQueryError } from './errors';
import type { FhirClient } from './fhirClient';
import type { ChartPatient } from './ports';

/**
 * Whether the server refused a multi-id `Patient?_id=a,b,c` search. Shared by every read of one
 * container (the gateway holds one), so only the first page after a refusal pays for it.
 */
export class MultiIdSupport {
  /** Set once the server answered a multi-id search with a 4xx. */
  public refused = false;
}

/** Options of {@link patientSummaries}. */
export interface PatientSummariesOptions extends CallOptions {
  /** What this container knows of the server's multi-id search. @default a fresh MultiIdSupport */
  readonly multiId?: MultiIdSupport;
  /** Reads in flight at once when the search is refused. @default 5 */
  readonly concurrency?: number;
  /** Pages of one search followed at most (a server that ignores `_count` pages by its own size). @default 5 */
  readonly maxPages?: number;
}

/** Ids in one search: Epic's `_count` cap, and the inbox's page size. */
export const MAX_SUMMARY_IDS = 50;

/** A FHIR id (R4: letters, digits, `-` and `.`, 1 to 64): a comma in an id would change the search. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The identifier type code of a medical record number (HL7 v2 table 0203). */
const MRN_TYPE_CODE = 'MR';

/**
 * Name, birth date and MRN of each patient in `ids`, in ONE request where Epic allows it:
 * `Patient?_id=a,b,c&_count=n`. When Epic refuses the multi-id search (a 4xx other than 401, 408 or
 * 429), each is read as `Patient/<id>`, at most `concurrency` at a time, and the refusal is
 * remembered in `multiId`. A patient Epic does not return (or answers 404 for) is left out; the
 * caller shows the row without a name. Every returned Patient is checked to be one asked for, so a
 * server that ignores `_id` cannot put another person's name on a row.
 *
 * @throws PatientQueryError for more than {@link MAX_SUMMARY_IDS} ids or one that is not a FHIR id.
 * @example
 * const patients = await patientSummaries(fhir, ['pat-1', 'pat-2'], { multiId });
 */
export async function patientSummaries(fhir: FhirClient, ids: readonly string[], options: PatientSummariesOptions = {}): Promise<ChartPatient[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  if (wanted.length > MAX_SUMMARY_IDS) throw new PatientQueryError(`at most ${MAX_SUMMARY_IDS} patients at once`);
  if (!wanted.every((id) => FHIR_ID.test(id))) throw new PatientQueryError('a patient id is not a FHIR id');
  const multiId = options.multiId ?? new MultiIdSupport();
  const call: CallOptions = { signal: options.signal };
  let patients: Patient[] | undefined;
  // One id is no multi-id search: Epic answers that the same way either way.
  if (!multiId.refused || wanted.length === 1) {
    try {
      const { entries } = await fhir.searchAll<Patient>('Patient', { _id: wanted.join(','), _count: wanted.length }, options.maxPages ?? 5, call);
      patients = entries
        .filter((entry) => entry.search?.mode !== 'include')
        .map((entry) => entry.resource)
        .filter((resource): resource is Patient => resource?.resourceType === 'Patient');
    } catch (error) {
      if (!refusesSearch(error) || wanted.length === 1) throw error;
      multiId.refused = true;
    }
  }
  patients ??= await readEach(fhir, wanted, options.concurrency ?? 5, call);
  const asked = new Set(wanted);
  const byId = new Map<string, ChartPatient>();
  for (const patient of patients) {
    if (patient.id && asked.has(patient.id) && !byId.has(patient.id)) byId.set(patient.id, summarize(patient));
  }
  return wanted.flatMap((id) => byId.get(id) ?? []);
}

/** A refusal of the search itself, not a failure of Epic: a 4xx other than 401 (token), 408 and 429 (load). */
function refusesSearch(error: unknown): boolean {
  return error instanceof FhirError && error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
}

/** `Patient/<id>` for each id, at most `concurrency` at a time (a bounded pool); a 404 is left out. */
async function readEach(fhir: FhirClient, ids: readonly string[], concurrency: number, call: CallOptions): Promise<Patient[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  const found: Patient[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    // Each worker takes the next id until none is left: ids.length reads in all, bounded.
    while (next < ids.length) {
      const id = ids[next] as string;
      next += 1;
      try {
        found.push(await fhir.read<Patient>('Patient', id, call));
      } catch (error) {
        if (error instanceof FhirError && (error.status === 404 || error.status === 410)) continue;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return found;
}

/** The patient as a list shows them: display name, birth date, MRN. */
function summarize(patient: Patient): ChartPatient {
  if (!patient.id) throw new FhirResponseError('a Patient without an id');
  const name = displayName(patient.name ?? []);
  const mrn = medicalRecordNumber(patient.identifier ?? []);
  return { id: patient.id, ...(name ? { name } : {}), ...(patient.birthDate ? { birthDate: patient.birthDate } : {}), ...(mrn ? { mrn } : {}) };
}

/**
 * The name to show: the official one (else usual, else any not `old`), as its `text` or as given
 * names then family name ("Eleanor Mae Whitfield").
 */
function displayName(names: readonly HumanName[]): string | undefined {
  const current = names.filter((name) => name.use !== 'old');
  const name = current.find((candidate) => candidate.use === 'official') ?? current.find((candidate) => candidate.use === 'usual') ?? current[0];
  if (!name) return undefined;
  const built = [...(name.given ?? []), name.family].filter((part): part is string => typeof part === 'string' && part.trim().length > 0).join(' ');
  return (name.text?.trim() || built) || undefined;
}

/**
 * The MRN as Epic lists it: the identifier typed `MR` (HL7 v2 table 0203) in a coding, or whose type
 * text says MRN (Epic's sandbox writes `type.text` only, e.g. "MRN", beside "EPI" and others).
 */
function medicalRecordNumber(identifiers: readonly Identifier[]): string | undefined {
  const typed = identifiers.filter((identifier) => identifier.value && identifier.use !== 'old');
  const coded = typed.find((identifier) => identifier.type?.coding?.some((coding) => coding.code === MRN_TYPE_CODE && (!coding.system || coding.system.endsWith('v2-0203'))));
  const texted = typed.find((identifier) => /^(mrn|mr)$/i.test(identifier.type?.text?.trim() ?? ''));
  return (coded ?? texted)?.value;
}
