import type { Bundle, BundleEntry, CapabilityStatement, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { Client, type FhirResource } from 'fhir-kit-client';
import { systemClock, type Clock } from '../runtime/clock';
import { remainingMs, throwIfPastDeadline, untilDeadline, withTimeout, type CallOptions } from './deadline';
import {
  EpicDeadlineError,
  EpicError,
  FhirAuthError,
  FhirError,
  FhirNetworkError,
  FhirResponseError,
  FhirTimeoutError,
  FhirUnavailableError,
  type FhirIssue,
} from './errors';
import { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, retryDelayMs, type RetryPolicy } from './retryPolicy';
import type { TokenSource } from './tokenCache';

/** FHIR release the server speaks. Epic serves both; R4 is the default. */
export type FhirVersion = 'R4' | 'STU3';

/** Search parameters; arrays repeat the parameter (`a=1&a=2`). */
export type FhirSearchParams = Record<string, string | number | readonly string[]>;

/** What a request observer sees: no URL, no parameters, no body, so it is always safe to log. */
export interface FhirRequestEvent {
  readonly interaction: 'search' | 'read' | 'create' | 'metadata' | 'page';
  readonly resourceType: string;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly durationMs: number;
  /** 1 for the first try. */
  readonly attempt: number;
}

/** Options of {@link FhirClient}. */
export interface FhirClientOptions {
  /** Base URL of the FHIR endpoint, e.g. `https://…/api/FHIR/R4`. */
  readonly baseUrl: string;
  /** @default 'R4' */
  readonly fhirVersion?: FhirVersion;
  readonly tokens: TokenSource;
  /** Per-attempt timeout, connect to last byte. @default 4000 */
  readonly timeoutMs?: number;
  /** @default DEFAULT_RETRY_POLICY */
  readonly retry?: Partial<RetryPolicy>;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Called after every HTTP attempt (metrics, structured logs). */
  readonly onRequest?: (event: FhirRequestEvent) => void;
}

/** Result of {@link FhirClient.create}. */
export interface CreateResult<T extends Resource> {
  readonly resource: T;
  /** `Location` header of a 201. */
  readonly location: string | undefined;
  /** False when a conditional create (`If-None-Exist`) found the resource already there. */
  readonly created: boolean;
}

interface Operation {
  readonly interaction: FhirRequestEvent['interaction'];
  readonly resourceType: string;
  /** Safe to send again after a 429/5xx: reads always, creates never. */
  readonly idempotent: boolean;
  readonly call: (client: Client, options: { headers: Record<string, string>; signal: AbortSignal }) => Promise<unknown>;
}

/**
 * FHIR access with a bearer token from a {@link TokenSource}: a timeout on every attempt, bounded
 * retries with jitter on 429/502/503/504 honouring `Retry-After`, one retry with a fresh token after
 * a 401, and typed errors ({@link FhirError} and subclasses) carrying the OperationOutcome's issues.
 * Requests go through `fhir-kit-client` (Node's fetch, which is undici).
 *
 * Every method takes the caller's deadline ({@link CallOptions}`.signal`): when it fires, the request
 * in flight is aborted and nothing more is sent ({@link EpicDeadlineError}); a retry whose wait would
 * end past it is not made (the last failure is thrown at once).
 */
export class FhirClient {
  public readonly fhirVersion: FhirVersion;
  public readonly baseUrl: string;
  readonly #client: Client;
  readonly #tokens: TokenSource;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #onRequest: ((event: FhirRequestEvent) => void) | undefined;

  public constructor(options: FhirClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fhirVersion = options.fhirVersion ?? 'R4';
    this.#client = new Client({ baseUrl: this.baseUrl });
    this.#tokens = options.tokens;
    this.#timeoutMs = options.timeoutMs ?? 4000;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#onRequest = options.onRequest;
  }

  /** Type-level search; returns the first page. */
  public async search<T extends Resource>(resourceType: T['resourceType'], params: FhirSearchParams, options: CallOptions = {}): Promise<Bundle<T>> {
    const searchParams = Object.fromEntries(
      Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? [...value] : (value as string | number)]),
    );
    const result = await this.#send({
      interaction: 'search',
      resourceType,
      idempotent: true,
      call: (client, options) => client.search({ resourceType, searchParams, options }),
    }, options.signal);
    return expectResource(result, 'Bundle') as Bundle<T>;
  }

  /**
   * The page after `bundle`, or `undefined` on the last page. The `next` link must point under this
   * client's base URL: the bearer token is never sent to another host.
   */
  public async nextPage<T extends Resource>(bundle: Bundle<T>, options: CallOptions = {}): Promise<Bundle<T> | undefined> {
    const next = bundle.link?.find((link) => link.relation === 'next')?.url;
    if (!next) return undefined;
    if (!next.startsWith(`${this.baseUrl}/`) && !next.startsWith(`${this.baseUrl}?`)) {
      throw new FhirResponseError('FHIR next link points outside the configured base URL');
    }
    const resourceType = bundle.entry?.[0]?.resource?.resourceType ?? 'Bundle';
    const result = await this.#send({
      interaction: 'page',
      resourceType,
      idempotent: true,
      call: (client, options) => client.request(next, { options }),
    }, options.signal);
    return expectResource(result, 'Bundle') as Bundle<T>;
  }

  /**
   * A search with its next pages, up to `maxPages` pages. `truncated` says that the server had more
   * pages than were read: a caller deciding something from "all" results must not treat them as all.
   *
   * @example
   * const { entries, truncated } = await fhir.searchAll<Patient>('Patient', params, 5);
   */
  public async searchAll<T extends Resource>(
    resourceType: T['resourceType'],
    params: FhirSearchParams,
    maxPages: number,
    options: CallOptions = {},
  ): Promise<{ readonly entries: BundleEntry<T>[]; readonly truncated: boolean }> {
    if (!Number.isInteger(maxPages) || maxPages < 1) throw new RangeError('maxPages must be a positive integer');
    const entries: BundleEntry<T>[] = [];
    let page: Bundle<T> | undefined = await this.search<T>(resourceType, params, options);
    for (let pages = 1; page; pages += 1) {
      entries.push(...(page.entry ?? []));
      const hasNext = page.link?.some((link) => link.relation === 'next') ?? false;
      if (pages >= maxPages) return { entries, truncated: hasNext };
      page = await this.nextPage(page, options);
    }
    return { entries, truncated: false };
  }

  /** Reads one resource by id. */
  public async read<T extends Resource>(resourceType: T['resourceType'], id: string, options: CallOptions = {}): Promise<T> {
    const result = await this.#send({
      interaction: 'read',
      resourceType,
      idempotent: true,
      call: (client, options) => client.read({ resourceType, id, options }),
    }, options.signal);
    return expectResource(result, resourceType) as T;
  }

  /**
   * Creates a resource, optionally conditional (`ifNoneExist`, e.g. `identifier=urn:system|value`).
   * A create is never resent after a 429/5xx, conditional or not: Epic does not deduplicate creates
   * and may ignore `If-None-Exist`, and a 5xx can come after the resource was stored. A caller that
   * retries later searches for the resource first (see the symptom note delivery).
   */
  public async create<T extends Resource>(resource: T, options: { ifNoneExist?: string } & CallOptions = {}): Promise<CreateResult<T>> {
    let location: string | undefined;
    let status = 0;
    const result = await this.#send({
      interaction: 'create',
      resourceType: resource.resourceType,
      idempotent: false,
      call: async (client, requestOptions) => {
        // Epic is reported to answer a create with an empty body unless asked for the resource.
        const headers = { ...requestOptions.headers, prefer: 'return=representation', ...(options.ifNoneExist ? { 'if-none-exist': options.ifNoneExist } : {}) };
        const created = await client.create({
          resourceType: resource.resourceType,
          body: resource as unknown as FhirResource,
          options: { ...requestOptions, headers },
        });
        const response = Client.httpFor(created).response;
        location = response?.headers.get('location') ?? undefined;
        status = response?.status ?? 0;
        return created;
      },
    }, options.signal);
    const answered = (result as { resourceType?: unknown } | undefined)?.resourceType !== undefined;
    const stored = answered ? (expectResource(result, resource.resourceType) as T) : fromLocation(resource, location);
    return { resource: stored, location, created: status === 201 };
  }

  /** The server's CapabilityStatement (`GET /metadata`). */
  public async capabilities(options: CallOptions = {}): Promise<CapabilityStatement> {
    const result = await this.#send({
      interaction: 'metadata',
      resourceType: 'CapabilityStatement',
      idempotent: true,
      call: (client, options) => client.request('metadata', { options }),
    }, options.signal);
    return expectResource(result, 'CapabilityStatement') as CapabilityStatement;
  }

  async #send(operation: Operation, signal: AbortSignal | undefined): Promise<unknown> {
    let refreshedAfter401 = false;
    let retries = 0;
    let attempt = 0;
    // Bounded: at most 1 + maxRetries attempts for 429/5xx, plus one for a 401 refresh.
    for (;;) {
      attempt += 1;
      throwIfPastDeadline(signal);
      const token = await this.#tokens.getToken({ signal });
      const started = this.#clock.now();
      const outcome = await this.#attempt(operation, token, signal);
      this.#onRequest?.({
        interaction: operation.interaction,
        resourceType: operation.resourceType,
        status: outcome.status,
        durationMs: this.#clock.now() - started,
        attempt,
      });
      if (outcome.ok) return outcome.value;
      const { failure } = outcome;
      if (failure.kind !== 'http') throw failure.error;
      if (failure.status === 401) {
        this.#tokens.invalidate(token);
        if (refreshedAfter401) throw toFhirError(operation, failure, FhirAuthError);
        refreshedAfter401 = true;
        continue;
      }
      if (!RETRYABLE_STATUSES.has(failure.status)) throw toFhirError(operation, failure, FhirError);
      if (!operation.idempotent || retries >= this.#retry.maxRetries) {
        throw toFhirError(operation, failure, FhirUnavailableError);
      }
      throwIfPastDeadline(signal);
      retries += 1;
      const delay = retryDelayMs(this.#retry, retries, failure.retryAfter, this.#random, this.#clock.now());
      // A retry that could only start after the deadline is no retry: the failure stands now,
      // while the caller can still be told something useful.
      if (delay === undefined || delay >= remainingMs(signal)) throw toFhirError(operation, failure, FhirUnavailableError);
      await untilDeadline(this.#clock.sleep(delay), signal);
    }
  }

  async #attempt(operation: Operation, token: string, deadline: AbortSignal | undefined): Promise<AttemptOutcome> {
    try {
      const value = await withTimeout(this.#timeoutMs, deadline, (signal) => operation.call(this.#client, { headers: { authorization: `Bearer ${token}` }, signal }));
      return { ok: true, value, status: 200 };
    } catch (error) {
      // The deadline fired: whatever the fetch reports, the request was abandoned on purpose.
      if (deadline?.aborted) return { ok: false, failure: { kind: 'other', error: new EpicDeadlineError() }, status: 0 };
      const failure = classify(error, this.#timeoutMs);
      return { ok: false, failure, status: failure.kind === 'http' ? failure.status : 0 };
    }
  }
}

type Failure =
  | { kind: 'http'; status: number; issues: FhirIssue[]; retryAfter: string | null }
  | { kind: 'other'; error: EpicError };

type AttemptOutcome = { ok: true; value: unknown; status: number } | { ok: false; failure: Failure; status: number };

/** fhir-kit-client throws `{ response: { status, data }, config: { headers } }` for HTTP errors. */
interface KitHttpError {
  response: { status: number; data: unknown };
  config?: { headers?: Headers };
}

function classify(error: unknown, timeoutMs: number): Failure {
  if (isKitHttpError(error)) {
    return {
      kind: 'http',
      status: error.response.status,
      issues: outcomeIssues(error.response.data),
      retryAfter: error.config?.headers?.get('retry-after') ?? null,
    };
  }
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'other', error: new FhirTimeoutError(timeoutMs) };
  }
  // fetch's own messages carry no URL; the cause (ECONNREFUSED …) helps the operator.
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return {
    kind: 'other',
    error: new FhirNetworkError(`FHIR server unreachable${typeof code === 'string' ? ` (${code})` : ''}`),
  };
}

function isKitHttpError(error: unknown): error is KitHttpError {
  const response = (error as { response?: { status?: unknown } } | undefined)?.response;
  return typeof response?.status === 'number';
}

function outcomeIssues(data: unknown): FhirIssue[] {
  const outcome = data as OperationOutcome | undefined;
  if (outcome?.resourceType !== 'OperationOutcome' || !Array.isArray(outcome.issue)) return [];
  return outcome.issue.map((issue) => ({
    severity: String(issue.severity ?? 'error'),
    code: String(issue.code ?? 'unknown'),
    ...(issue.diagnostics ? { diagnostics: issue.diagnostics } : {}),
  }));
}

function toFhirError(
  operation: Operation,
  failure: Extract<Failure, { kind: 'http' }>,
  ErrorClass: typeof FhirError,
): FhirError {
  // Issue codes only: diagnostics may echo search input (birth dates, phone numbers).
  const codes = failure.issues.map((issue) => issue.code).join(', ');
  const message = `FHIR ${operation.interaction} ${operation.resourceType} failed with HTTP ${failure.status}${codes ? ` (${codes})` : ''}`;
  return new ErrorClass(message, failure.status, failure.issues);
}

/**
 * The created resource when the server answered without a body (`Prefer` not honoured): what was
 * sent, with the id (and version) the `Location` header names, `<base>/<type>/<id>[/_history/<version>]`.
 */
function fromLocation<T extends Resource>(sent: T, location: string | undefined): T {
  const match = location?.match(new RegExp(`/${sent.resourceType}/([A-Za-z0-9\\-.]{1,64})(?:/_history/([A-Za-z0-9\\-.]{1,64}))?/?$`));
  if (!match) throw new FhirResponseError(`expected a ${sent.resourceType} from the FHIR server, got no resource`);
  const [, id, version] = match;
  return { ...sent, id, ...(version ? { meta: { ...sent.meta, versionId: version } } : {}) } as T;
}

function expectResource(value: unknown, resourceType: string): Resource {
  const actual = (value as { resourceType?: unknown } | undefined)?.resourceType;
  if (actual !== resourceType) {
    throw new FhirResponseError(`expected a ${resourceType} from the FHIR server, got ${typeof actual === 'string' ? actual : 'no resource'}`);
  }
  return value as Resource;
}
