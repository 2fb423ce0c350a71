import type { Resource } from '@medplum/fhirtypes';
import type { JWK } from 'jose';
import type { NoteRules } from './documents';

/** A backend-services client registered with the sandbox, as an Epic admin registers an app. */
export interface SandboxClient {
  /** The app's client id: the `iss` and `sub` of its assertions. */
  readonly clientId: string;
  /** Static public keys (Epic's "upload a public key" option). */
  readonly jwks?: { readonly keys: readonly JWK[] };
  /** JWKS URL fetched on demand (Epic's "JWK Set URL" option). */
  readonly jwksUrl?: string;
}

/** Injected misbehaviour, to exercise client timeouts, retries and back-off. */
export interface FaultOptions {
  /** Milliseconds added before every FHIR response. */
  fhirLatencyMs?: number;
  /** Milliseconds added before every token response (a slow token endpoint). */
  tokenLatencyMs?: number;
  /** Probability 0..1 that a FHIR request fails with `errorStatus` (for benchmarks). */
  errorRate?: number;
  /** Status of random failures. @default 503 */
  errorStatus?: number;
  /** When set, failures carry `Retry-After` with this many seconds. */
  retryAfterSeconds?: number;
  /** FHIR requests never get an answer; `close()` still finishes promptly. */
  hangFhir?: boolean;
}

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** Port to bind; 0 picks a free one. @default 0 */
  port?: number;
  /** Clients registered at start. */
  clients?: SandboxClient[];
  /** Also allow the Patient search set telecom/phone + birthdate. @default false */
  relaxedPatientSearch?: boolean;
  /** Epic's clinical-note rules (encounter, note type), each relaxable. @default all enforced */
  notes?: NoteRules;
  /** Answer 400 to any search with `_include`, as an Epic that refuses it does. @default false */
  refuseInclude?: boolean;
  /**
   * Answer 400 to a Patient search with several ids in `_id` (`_id=a,b,c`), as an Epic that supports
   * one id per search would; one id is still served. @default false (comma-separated ids are ORed)
   */
  refuseMultiIdSearch?: boolean;
  /**
   * Answer every create with an empty body (the id only in `Location`), whatever `Prefer` asks: what
   * Epic is reported to do by default. @default false (the body follows `Prefer`)
   */
  emptyCreateBody?: boolean;
  /** Lifetime of issued access tokens. @default 3600 */
  tokenTtlSeconds?: number;
  /** Searchset page size; `_count` overrides it, capped at 50. @default 10 */
  pageSize?: number;
  /** Faults active from the start. */
  faults?: FaultOptions;
  /** FHIR R4 resources served. @default the patient files and the schedule made at start: `[...loadSandboxResources(), ...sandboxSchedule(new Date())]` */
  resources?: Resource[];
}

/** Live request counters of a running sandbox. */
export interface SandboxStats {
  /** Every POST to the token endpoint. */
  tokenRequests: number;
  /** Access tokens handed out. */
  tokensIssued: number;
  /** Every request under a FHIR base, answered or not. */
  fhirRequests: number;
  /** FHIR requests keyed by resource type (`metadata` for the CapabilityStatement). */
  fhirRequestsByType: Record<string, number>;
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://HOST:PORT`. */
  readonly baseUrl: string;
  /** `${baseUrl}/oauth2/token`, also the `aud` assertions must carry. */
  readonly tokenUrl: string;
  /** `${baseUrl}/api/FHIR/R4`. */
  readonly fhirR4BaseUrl: string;
  /** `${baseUrl}/api/FHIR/STU3`. */
  readonly fhirStu3BaseUrl: string;
  /** Registers a client, replacing one with the same id (key rotation). */
  registerClient(client: SandboxClient): void;
  /** Replaces the current faults. */
  setFaults(faults: FaultOptions): void;
  /** The next `count` FHIR requests fail with `status` and an OperationOutcome. */
  failNextFhir(count: number, status: number, retryAfterSeconds?: number): void;
  /** Invalidates every issued access token: FHIR calls with them get 401. */
  revokeAllTokens(): void;
  /** Live counters. */
  readonly stats: SandboxStats;
  /** Zeroes the counters in place. */
  resetStats(): void;
  /** Stops listening, destroys open sockets and clears timers. */
  close(): Promise<void>;
}
