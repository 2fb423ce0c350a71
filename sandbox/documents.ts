import { randomUUID } from 'node:crypto';
import type { DocumentReference } from '@medplum/fhirtypes';
import { alternatives, filterAll, patientScope, type SearchResult } from './clinical';
import { HttpError } from './http';
import { identifierMatches } from './search';
import { patientIdOf, referencedId, type ResourceStore } from './store';

const DOCUMENT_STATUSES = new Set(['current', 'superseded', 'entered-in-error']);

/**
 * The LOINC note types Epic lists for its Clinical Notes API (Epic's "DocumentReference.Search
 * (Clinical Notes)" specification, https://vendorservices.epic.com/Sandbox/Index?api=865, as quoted in
 * RIVO-Noord/zorgviewer-ig, input/pagecontent/StructureDefinition-DocumentReference-intro.md). A real
 * Epic accepts what its organization mapped; a stock one, these.
 */
export const EPIC_NOTE_TYPES: readonly string[] = [
  '18842-5', // Discharge Documentation
  '11488-4', // Consultation
  '34117-2', // History & Physical
  '11506-3', // Progress Note
  '28570-0', // Procedure Note
  '34111-5', // Emergency Department Note
  '34746-8', // Nurse Note
  '74213-0', // Discharge Instructions
  '75492-9', // Risk assessment and screening note
  '11504-8', // OR Note
  '34109-9', // Miscellaneous Notes
];

/**
 * Epic's rules for a clinical note (DocumentReference.Create (Clinical Notes) (R4),
 * https://fhir.epic.com/Specifications?api=1046), enforced by default; each can be relaxed.
 */
export interface NoteRules {
  /**
   * A note needs `context.encounter`, an Encounter of the same patient: Epic answers 400 "Valid
   * encounter required" (expression `context/encounter`) without one. @default true
   */
  readonly encounterRequired?: boolean;
  /** LOINC codes `type` may carry, or `any`. @default EPIC_NOTE_TYPES */
  readonly types?: readonly string[] | 'any';
}

const LOINC = 'http://loinc.org';
const US_CORE_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';

/**
 * A clinical note: US Core category `clinical-note`. Epic files those through its Clinical Notes API
 * (and adds that category to the notes it files); other documents (scans, document information) go
 * through other Epic APIs, which the sandbox keeps to the plain checks.
 */
function isClinicalNote(document: DocumentReference): boolean {
  return (document.category ?? []).some((category) => category.coding?.some((coding) => coding.system === US_CORE_CATEGORY && coding.code === 'clinical-note'));
}

/** Parameters `If-None-Exist` may carry. */
const CONDITIONAL_PARAMS = new Set(['identifier', 'patient', 'subject', '_id']);

/** `DocumentReference?patient=` / `?identifier=system|value` (or a bare value) / `?_id=`. */
export function searchDocumentReferences(store: ResourceStore, query: URLSearchParams): SearchResult {
  const identifiers = alternatives(query, 'identifier');
  const ids = alternatives(query, '_id');
  // Epic will not list notes across patients; an identifier or id pins the search down just as well.
  const patients = patientScope(query, 'DocumentReference', identifiers.length === 0 && ids.length === 0);
  let matches = filterAll(store.all<DocumentReference>('DocumentReference'), patients, patientIdOf);
  matches = filterAll(matches, ids, (document) => document.id);
  matches = matches.filter((document) =>
    identifiers.every((group) => group.some((token) => identifierMatches(document.identifier, token))),
  );
  return { matches };
}

/** Parses and checks a DocumentReference to create: JSON, the right type, Epic's required elements. */
export function parseDocumentReference(body: string, store: ResourceStore, rules: NoteRules = {}): DocumentReference {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'invalid', 'body is not valid JSON');
  }
  const document = parsed as Partial<DocumentReference> | null;
  if (typeof document !== 'object' || document === null || document.resourceType !== 'DocumentReference') {
    throw new HttpError(400, 'invalid', 'body must be a DocumentReference resource');
  }
  if (!document.status || !DOCUMENT_STATUSES.has(document.status)) {
    throw new HttpError(400, 'required', 'DocumentReference.status must be current, superseded or entered-in-error');
  }
  if (!Array.isArray(document.content) || document.content.length === 0 || document.content.some((item) => !item?.attachment)) {
    throw new HttpError(400, 'required', 'DocumentReference.content needs at least one attachment');
  }
  // A note filed in Epic always hangs off a chart.
  const patientId = referencedId(document.subject, 'Patient');
  if (!patientId) throw new HttpError(400, 'required', 'DocumentReference.subject must reference a Patient');
  if (!store.get('Patient', patientId)) throw new HttpError(400, 'invalid', 'DocumentReference.subject: no such Patient');
  if (isClinicalNote(document as DocumentReference)) checkClinicalNote(document as DocumentReference, patientId, store, rules);
  return document as DocumentReference;
}

/** 400 with Epic's wording and the element it names. */
function refuse(diagnostics: string, expression: string): HttpError {
  return new HttpError(400, 'invalid', diagnostics, {}, expression);
}

/**
 * Epic's Clinical Notes rules: an explicit `docStatus` (`final` files a signed note, `preliminary` one
 * a clinician reviews), a mapped LOINC `type`, base64 `text/plain` content (Epic keeps the first
 * attachment only) and an encounter of the patient.
 */
function checkClinicalNote(document: DocumentReference, patientId: string, store: ResourceStore, rules: NoteRules): void {
  if (document.docStatus !== 'preliminary' && document.docStatus !== 'final') {
    throw refuse('docStatus must be preliminary or final', 'docStatus');
  }
  const types = rules.types ?? EPIC_NOTE_TYPES;
  const codes = (document.type?.coding ?? []).filter((coding) => coding.system === LOINC).map((coding) => coding.code ?? '');
  if (codes.length === 0 || (types !== 'any' && !codes.some((code) => types.includes(code)))) {
    throw refuse('a LOINC note type this organization maps is required', 'type');
  }
  const attachment = document.content[0]?.attachment;
  if (attachment?.contentType !== 'text/plain') throw refuse('only text/plain notes are accepted', 'content/attachment/contentType');
  if (typeof attachment.data !== 'string' || attachment.data.length === 0) {
    throw refuse('the note must be sent as base64 data', 'content/attachment/data');
  }
  if (rules.encounterRequired === false) return;
  const encounterId = referencedId(document.context?.encounter?.[0], 'Encounter');
  const encounter = encounterId ? store.get('Encounter', encounterId) : undefined;
  if (!encounter || patientIdOf(encounter) !== patientId) throw refuse('Valid encounter required', 'context/encounter');
}

/** Existing documents an `If-None-Exist` header (`identifier=system|value`) selects. */
export function conditionalMatches(store: ResourceStore, header: string): readonly DocumentReference[] {
  const query = new URLSearchParams(header.startsWith('?') ? header.slice(1) : header);
  const names = [...query.keys()];
  if (names.length === 0) throw new HttpError(400, 'invalid', 'If-None-Exist has no search parameters');
  const unknown = names.find((name) => !CONDITIONAL_PARAMS.has(name));
  if (unknown) throw new HttpError(400, 'invalid', `If-None-Exist parameter ${unknown} is not supported`);
  return searchDocumentReferences(store, query).matches as DocumentReference[];
}

/** Outcome of {@link createDocumentReference}: 201 for a new resource, 200 when a conditional create found one. */
export interface CreateOutcome {
  readonly status: 200 | 201;
  readonly resource: DocumentReference;
}

/**
 * Creates a DocumentReference in memory. The server assigns the id and version whatever the body
 * says, as FHIR create requires; a conditional create returns the one existing match instead.
 */
export function createDocumentReference(store: ResourceStore, body: string, ifNoneExist: string | undefined, rules: NoteRules = {}): CreateOutcome {
  const document = parseDocumentReference(body, store, rules);
  if (ifNoneExist !== undefined) {
    const existing = conditionalMatches(store, ifNoneExist);
    if (existing.length > 1) {
      throw new HttpError(412, 'duplicate', 'If-None-Exist matches more than one DocumentReference');
    }
    if (existing[0]) return { status: 200, resource: existing[0] };
  }
  const created: DocumentReference = {
    ...structuredClone(document),
    id: randomUUID(),
    meta: { ...document.meta, versionId: '1', lastUpdated: new Date().toISOString() },
  };
  store.put(created);
  return { status: 201, resource: created };
}
