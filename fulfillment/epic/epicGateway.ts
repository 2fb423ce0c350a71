import { readFileSync } from 'node:fs';
import { KMSClient } from '@aws-sdk/client-kms';
import type { DocumentReference, Encounter } from '@medplum/fhirtypes';
import type { CountryCode } from 'libphonenumber-js';
import { systemClock, type Clock } from '../runtime/clock';
import type { Config } from '../runtime/config';
import { logger as defaultLogger } from '../runtime/logger';
import { FhirChartWriter } from './chartWriter';
import type { CallOptions } from './deadline';
import { answeredStatus, EpicAuthError } from './errors';
import { FhirClient, type FhirRequestEvent } from './fhirClient';
import { KmsSigner } from './kmsSigner';
import { LocalSigner } from './localSigner';
import { activeMedications, IncludeSupport, type MedicationList } from './medications';
import { AppointmentIncludeSupport, upcomingAppointments } from './appointments';
import { recentEncounters } from './encounters';
import { findPatient, type PatientMatch, type PatientQuery } from './patientMatch';
import { MultiIdSupport, patientSummaries } from './patientSummaries';
import type {
  Appointment,
  AppointmentReader,
  ChartEncounter,
  ChartIdentifier,
  ChartPatient,
  ChartWriter,
  CreatedDocument,
  EncounterReader,
  MedicationReader,
  PatientDirectory,
  PatientSummaryReader,
} from './ports';
import type { Signer } from './signer';
import { TokenCache } from './tokenCache';
import { TokenClient } from './tokenClient';

/** The logging calls the gateway makes; Powertools' `Logger` fits. */
export interface GatewayLogger {
  debug(message: string, extra: Record<string, unknown>): void;
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
}

/** What the gateway needs besides configuration. */
export interface EpicGatewayDeps {
  readonly signer: Signer;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** @default the fulfillment logger */
  readonly logger?: GatewayLogger;
}

/**
 * The Epic side of the product in one object: token cache, FHIR client, and the ports the rest uses
 * (patient match, medication list, the chart a note is filed in). Build one per Lambda container (at
 * cold start) so the token is shared by every call the container serves. Logs carry outcomes, counts
 * and timings only.
 */
export class EpicGateway implements PatientDirectory, MedicationReader, AppointmentReader, ChartWriter, PatientSummaryReader, EncounterReader {
  public readonly tokens: TokenCache;
  public readonly fhir: FhirClient;
  public readonly signer: Signer;
  readonly #config: Config['epic'];
  readonly #region: CountryCode;
  readonly #logger: GatewayLogger;
  readonly #clock: Clock;
  readonly #chart: FhirChartWriter;
  /** Whether this Epic refused `_include` on MedicationRequest: learnt once per container. */
  readonly #medicationInclude = new IncludeSupport();
  /** Whether this Epic refused `_include` on Appointment: learnt once per container. */
  readonly #appointmentInclude = new AppointmentIncludeSupport();
  /** Whether this Epic refused `Patient?_id=a,b,c`: learnt once per container. */
  readonly #multiId = new MultiIdSupport();

  public constructor(config: Config['epic'], phoneDefaultRegion: string, deps: EpicGatewayDeps) {
    this.#config = config;
    this.#region = phoneDefaultRegion as CountryCode;
    this.#logger = deps.logger ?? defaultLogger;
    this.#clock = deps.clock ?? systemClock;
    this.signer = deps.signer;
    const tokenClient = new TokenClient({
      clientId: config.clientId,
      tokenUrl: config.tokenUrl,
      signer: deps.signer,
      clock: this.#clock,
      assertionLifetimeSeconds: config.assertionLifetimeSeconds,
      timeoutMs: config.httpTimeoutMs,
      ...(config.scope ? { scope: config.scope } : {}),
    });
    this.tokens = new TokenCache({
      fetchToken: (options) => this.#timedTokenRequest(tokenClient, options),
      clock: this.#clock,
      refreshMarginSeconds: config.tokenRefreshMarginSeconds,
    });
    this.fhir = new FhirClient({
      baseUrl: config.fhirBaseUrl,
      fhirVersion: config.fhirVersion,
      tokens: this.tokens,
      timeoutMs: config.httpTimeoutMs,
      retry: { maxRetries: config.maxRetries },
      clock: this.#clock,
      ...(deps.random ? { random: deps.random } : {}),
      onRequest: (event) => this.#logRequest(event),
    });
    this.#chart = new FhirChartWriter(this.fhir);
  }

  /** Finds the caller's chart; see {@link findPatient}. */
  public findPatient(query: PatientQuery, options: CallOptions = {}): Promise<PatientMatch> {
    return this.#observed(
      'epic.patientMatch',
      () =>
        findPatient(this.fhir, query, {
          strategy: this.#config.patientSearch,
          defaultRegion: this.#region,
          sexParam: this.#config.sexSearchParam,
          signal: options.signal,
        }),
      (match) => ({ outcome: match.kind, ...(match.kind === 'ambiguous' || match.kind === 'firstNameNeeded' ? { candidates: match.candidates } : {}) }),
    );
  }

  /** The patient's active medications; see {@link activeMedications}. */
  public activeMedications(patientId: string, options: CallOptions = {}): Promise<MedicationList> {
    return this.#observed(
      'epic.activeMedications',
      () => activeMedications(this.fhir, patientId, { include: this.#medicationInclude, signal: options.signal }),
      (medications) => ({ outcome: 'ok', count: medications.length }),
    );
  }

  /** The patient's appointments from now on, soonest first; see {@link upcomingAppointments}. */
  public upcomingAppointments(patientId: string, options: CallOptions = {}): Promise<Appointment[]> {
    return this.#observed(
      'epic.upcomingAppointments',
      () => upcomingAppointments(this.fhir, patientId, { now: this.#clock.now(), include: this.#appointmentInclude, signal: options.signal }),
      (appointments) => ({ outcome: 'ok', count: appointments.length, includeRefused: this.#appointmentInclude.refused }),
    );
  }

  /** Names, birth dates and MRNs of several patients in one request; see {@link patientSummaries}. */
  public patientSummaries(ids: readonly string[], options: CallOptions = {}): Promise<ChartPatient[]> {
    return this.#observed(
      'epic.patientSummaries',
      () => patientSummaries(this.fhir, ids, { multiId: this.#multiId, signal: options.signal }),
      (patients) => ({ outcome: 'ok', asked: ids.length, count: patients.length, multiIdRefused: this.#multiId.refused }),
    );
  }

  /** The patient's recent encounters, newest first; see {@link recentEncounters}. */
  public recentEncounters(patientId: string, options: CallOptions = {}): Promise<ChartEncounter[]> {
    return this.#observed(
      'epic.recentEncounters',
      () => recentEncounters(this.fhir, patientId, { signal: options.signal }),
      (encounters) => ({ outcome: 'ok', count: encounters.length }),
    );
  }

  // The chart operations log through the FHIR request events only, as the note delivery always has.

  /** See {@link ChartWriter.findDocuments}. */
  public findDocuments(patientId: string, identifier: ChartIdentifier, options: CallOptions = {}): Promise<DocumentReference[]> {
    return this.#chart.findDocuments(patientId, identifier, options);
  }

  /** See {@link ChartWriter.createDocument}. */
  public createDocument(document: DocumentReference, identifier: ChartIdentifier, options: CallOptions = {}): Promise<CreatedDocument> {
    return this.#chart.createDocument(document, identifier, options);
  }

  /** See {@link ChartWriter.findEncounters}. */
  public findEncounters(patientId: string, options: CallOptions = {}): Promise<Encounter[]> {
    return this.#chart.findEncounters(patientId, options);
  }

  /** Runs `work` and logs its outcome and duration, or the failure's class and status: never its data. */
  async #observed<T>(event: string, work: () => Promise<T>, summarize: (result: T) => Record<string, unknown>): Promise<T> {
    const started = this.#clock.now();
    try {
      const result = await work();
      this.#logger.info(event, { event, ...summarize(result), durationMs: this.#clock.now() - started });
      return result;
    } catch (error) {
      // A timeout or an unreachable server is a FhirError too, but has no status to log.
      const status = answeredStatus(error);
      this.#logger.warn(event, {
        event,
        outcome: 'error',
        errorName: error instanceof Error ? error.name : 'unknown',
        ...(status === undefined ? {} : { status }),
        durationMs: this.#clock.now() - started,
      });
      throw error;
    }
  }

  async #timedTokenRequest(client: TokenClient, options: CallOptions) {
    const started = this.#clock.now();
    try {
      const token = await client.requestToken(options);
      this.#logger.info('epic token issued', {
        event: 'epic.token',
        outcome: 'ok',
        expiresInSeconds: Math.round((token.expiresAt - this.#clock.now()) / 1000),
        durationMs: this.#clock.now() - started,
      });
      return token;
    } catch (error) {
      this.#logger.warn('epic token refused', {
        event: 'epic.token',
        outcome: 'error',
        errorName: error instanceof Error ? error.name : 'unknown',
        ...(error instanceof EpicAuthError ? { oauthError: error.code, status: error.status } : {}),
        durationMs: this.#clock.now() - started,
      });
      throw error;
    }
  }

  #logRequest(event: FhirRequestEvent): void {
    this.#logger.debug('fhir request', { event: 'fhir.request', ...event });
  }
}

/** Builds the signer the configuration names: KMS in AWS, a PEM file locally. */
export function createSigner(signing: Config['signing'], kmsClient?: KMSClient): Signer {
  if (signing.kind === 'kms') return new KmsSigner({ keyId: signing.kmsKeyId, client: kmsClient ?? new KMSClient({}) });
  return LocalSigner.fromPem(readFileSync(signing.pemFile, 'utf8'));
}

/** Gateway from a loaded {@link Config}. */
export function createEpicGateway(config: Config, deps: Partial<EpicGatewayDeps> = {}): EpicGateway {
  return new EpicGateway(config.epic, config.phoneDefaultRegion, { ...deps, signer: deps.signer ?? createSigner(config.signing) });
}
