import { randomUUID } from 'node:crypto';
import type { DocumentReference } from '@medplum/fhirtypes';
import { alternatives, filterAll, patientScope, type SearchResult } from './clinical';
import { HttpError } from './http';
import { identifierMatches } from './search';
import { patientIdOf, referencedId, type ResourceStore } from './store';

const DOCUMENT_STATUSES = new Set(['current', 'superseded', 'entered-in-error']);

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
export function parseDocumentReference(body: string, store: ResourceStore): DocumentReference {
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
  return document as DocumentReference;
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
export function createDocumentReference(store: ResourceStore, body: string, ifNoneExist: string | undefined): CreateOutcome {
  const document = parseDocumentReference(body, store);
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
