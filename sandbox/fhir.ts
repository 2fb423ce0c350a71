import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Patient, Resource } from '@medplum/fhirtypes';
import { searchAppointments } from './appointments';
import { medicationStatements, searchEncounters, searchMedicationRequests, searchMedications, searchMedicationStatements, type SearchResult } from './clinical';
import { createDocumentReference, searchDocumentReferences, type NoteRules } from './documents';
import type { FaultInjector } from './faults';
import { HttpError, mediaType, readBody, sendFhir, sendJson, sendOutcome } from './http';
import { capabilityStatement, SEARCH_INCLUDES, SEARCH_PARAMS, smartConfiguration } from './metadata';
import { buildSearchset, CONTROL_PARAMS, resolvePage } from './paging';
import { searchPatients } from './search';
import type { ResourceStore } from './store';
import type { FhirRelease } from './stu3';
import type { AccessTokens } from './tokens';
import type { SandboxStats } from './types';

/** What the FHIR routes need from the server. */
export interface FhirContext {
  readonly store: ResourceStore;
  readonly tokens: AccessTokens;
  readonly faults: FaultInjector;
  readonly stats: SandboxStats;
  readonly tokenUrl: string;
  readonly pageSize: number;
  readonly relaxedPatientSearch: boolean;
  /** Epic's clinical-note rules, as relaxed by the options. */
  readonly notes: NoteRules;
  /** Searches with `_include` get a 400. */
  readonly refuseInclude: boolean;
  /** Patient searches with several `_id` values get a 400. */
  readonly refuseMultiIdSearch: boolean;
  /** Creates are answered without a body, whatever `Prefer` asks. */
  readonly emptyCreateBody: boolean;
}

/** One request under a FHIR base: the release, its base URL and the path below it. */
export interface FhirRequest {
  readonly release: FhirRelease;
  readonly base: string;
  /** Path segments below the base, e.g. `['Patient', '123']`. */
  readonly segments: readonly string[];
  readonly url: URL;
}

const READABLE = new Set([
  'Patient',
  'Medication',
  'MedicationRequest',
  'MedicationStatement',
  'Encounter',
  'DocumentReference',
  'Appointment',
  'Practitioner',
  'Location',
]);

function count(stats: SandboxStats, key: string): void {
  stats.fhirRequests += 1;
  stats.fhirRequestsByType[key] = (stats.fhirRequestsByType[key] ?? 0) + 1;
}

/** Serves one FHIR request: faults first (as Epic's gateway sits in front), then auth, then the route. */
export async function handleFhirRequest(req: IncomingMessage, res: ServerResponse, request: FhirRequest, context: FhirContext): Promise<void> {
  const [type = '', ...rest] = request.segments;
  count(context.stats, type === '' ? '(base)' : type);
  // A hung request is simply never answered; closing the server destroys its socket.
  if (context.faults.hangFhir) return;
  await context.faults.fhirDelay();
  try {
    const failure = context.faults.nextFailure();
    if (failure) throw failure;
    if (req.method === 'GET' && rest.length === 0 && type === 'metadata') {
      sendFhir(res, 200, capabilityStatement(request.release, request.base, context.tokenUrl));
      return;
    }
    if (req.method === 'GET' && type === '.well-known' && rest.length === 1 && rest[0] === 'smart-configuration') {
      sendJson(res, 200, smartConfiguration(context.tokenUrl));
      return;
    }
    authenticate(req, context.tokens);
    await route(req, res, request, context);
  } catch (error) {
    sendOutcome(res, error instanceof HttpError ? error : new HttpError(500, 'exception', 'internal sandbox error'));
  }
}

function authenticate(req: IncomingMessage, tokens: AccessTokens): void {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const clientId = match?.[1] ? tokens.clientOf(match[1]) : undefined;
  if (clientId) return;
  const description = match ? 'access token unknown, expired or revoked' : 'bearer access token required';
  throw new HttpError(401, 'login', description, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"`,
  });
}

async function route(req: IncomingMessage, res: ServerResponse, request: FhirRequest, context: FhirContext): Promise<void> {
  const [type = '', id, ...extra] = request.segments;
  if (!READABLE.has(type) || extra.length > 0) {
    throw new HttpError(404, 'not-found', `no route for ${req.method ?? 'GET'} ${request.url.pathname}`);
  }
  if (id === undefined && req.method === 'GET') {
    search(res, request, type, context);
  } else if (id === undefined && req.method === 'POST' && type === 'DocumentReference') {
    await create(req, res, request, context);
  } else if (id !== undefined && req.method === 'GET') {
    const resource = read(context, request.release, type, id);
    if (!resource) throw new HttpError(404, 'not-found', `${type}/${id} not found`);
    sendFhir(res, 200, resource, resource.meta?.versionId ? { ETag: `W/"${resource.meta.versionId}"` } : {});
  } else {
    throw new HttpError(405, 'not-supported', `${req.method ?? ''} not supported on ${request.url.pathname}`);
  }
}

function read(context: FhirContext, release: FhirRelease, type: string, id: string): Resource | undefined {
  if (type === 'MedicationStatement') return medicationStatements(context.store, release).find((statement) => statement.id === id);
  return context.store.get(type, id);
}

function runSearch(context: FhirContext, release: FhirRelease, type: string, query: URLSearchParams): SearchResult {
  switch (type) {
    case 'Patient':
      return { matches: searchPatients(context.store.all<Patient>('Patient'), query, context.relaxedPatientSearch) };
    case 'MedicationRequest':
      return searchMedicationRequests(context.store, query);
    case 'MedicationStatement':
      return searchMedicationStatements(context.store, query, release);
    case 'Encounter':
      return searchEncounters(context.store, query);
    case 'Medication':
      return searchMedications(context.store, query);
    case 'DocumentReference':
      return searchDocumentReferences(context.store, query);
    case 'Appointment':
      return searchAppointments(context.store, query);
    default:
      throw new HttpError(405, 'not-supported', `search is not supported on ${type}`);
  }
}

function search(res: ServerResponse, request: FhirRequest, type: string, context: FhirContext): void {
  const page = resolvePage(type, request.url.searchParams, context.pageSize);
  const known = new Set([...(SEARCH_PARAMS[type] ?? []).map(([name]) => name), ...(SEARCH_INCLUDES[type] ? ['_include'] : [])]);
  for (const name of page.query.keys()) {
    // Unknown parameters are refused rather than ignored, so a client typo cannot widen a search.
    if (!known.has(name) && !CONTROL_PARAMS.has(name)) {
      throw new HttpError(400, 'invalid', `unknown search parameter ${JSON.stringify(name.slice(0, 40))} for ${type}`);
    }
  }
  if (context.refuseInclude && page.query.has('_include')) {
    throw new HttpError(400, 'not-supported', '_include is not supported', {}, '_include');
  }
  if (context.refuseMultiIdSearch && type === 'Patient' && page.query.getAll('_id').some((value) => value.includes(','))) {
    throw new HttpError(400, 'not-supported', 'Patient search supports one _id value', {}, '_id');
  }
  const result = runSearch(context, request.release, type, page.query);
  const bundle = buildSearchset({
    base: request.base,
    type,
    selfUrl: `${request.base}/${type}${request.url.search}`,
    page,
    matches: result.matches,
    ...(result.includes ? { includes: result.includes } : {}),
  });
  sendFhir(res, 200, bundle);
}

async function create(req: IncomingMessage, res: ServerResponse, request: FhirRequest, context: FhirContext): Promise<void> {
  const type = mediaType(req);
  if (type !== 'application/fhir+json' && type !== 'application/json') {
    throw new HttpError(415, 'not-supported', 'send the resource as application/fhir+json');
  }
  const body = await readBody(req);
  const ifNoneExist = req.headers['if-none-exist'];
  const outcome = createDocumentReference(context.store, body, Array.isArray(ifNoneExist) ? ifNoneExist[0] : ifNoneExist, context.notes);
  const { resource } = outcome;
  const version = resource.meta?.versionId ?? '1';
  const headers = {
    Location: `${request.base}/DocumentReference/${resource.id ?? ''}/_history/${version}`,
    ETag: `W/"${version}"`,
    ...(resource.meta?.lastUpdated ? { 'Last-Modified': new Date(resource.meta.lastUpdated).toUTCString() } : {}),
  };
  // `Prefer: return=minimal` asks for headers only, which Epic honours on create.
  const minimal = context.emptyCreateBody || /return=minimal/i.test(String(req.headers.prefer ?? ''));
  sendFhir(res, outcome.status, minimal ? undefined : resource, headers);
}
