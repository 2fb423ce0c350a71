import type { DocumentReference, Encounter } from '@medplum/fhirtypes';
import type { CallOptions } from './deadline';
import type { MedicationList } from './medications';
import type { PatientMatch, PatientQuery } from './patientMatch';

/**
 * The ports through which the rest of the product reaches Epic. Only `epic/` implements them, so only
 * `epic/` knows FHIR search syntax, HTTP, tokens or KMS; callers hand over ids and resources, and
 * their deadline (`options.signal`): once it fires, a call sends nothing more and rejects with
 * `EpicDeadlineError`.
 */

/** Port: finds the caller's chart (see `findPatient`). */
export interface PatientDirectory {
  findPatient(query: PatientQuery, options?: CallOptions): Promise<PatientMatch>;
}

/** Port: reads the patient's active medications (see `activeMedications`). */
export interface MedicationReader {
  activeMedications(patientId: string, options?: CallOptions): Promise<MedicationList>;
}

/**
 * One of the patient's appointments to come, as a caller is told about it. Names and places are as
 * Epic gives them; a field Epic does not have is absent.
 */
export interface Appointment {
  /** Epic's FHIR id of the Appointment (what scheduling staff look up; no clinical text). */
  readonly id: string;
  /** ISO 8601 start, with its offset. */
  readonly start: string;
  readonly end?: string;
  /** `booked`, `arrived` or `pending`. */
  readonly status: string;
  /** The practitioners taking part, e.g. "Dr. Priya Raman". */
  readonly providerNames: readonly string[];
  /** The department or specialty, e.g. "Cardiology". */
  readonly department?: string;
  /** Where: the location's name, e.g. "Lakeside Clinic". */
  readonly locationName?: string;
  /** The street address, e.g. "200 Lakeside Drive, Madison". */
  readonly addressLine?: string;
  /** A video visit rather than in person. */
  readonly video: boolean;
  /** What the patient is asked to do, as Epic gives it (`patientInstruction`). */
  readonly instructions?: string;
}

/** Port: the patient's booked appointments from now on, soonest first (see `upcomingAppointments`). */
export interface AppointmentReader {
  upcomingAppointments(patientId: string, options?: CallOptions): Promise<Appointment[]>;
}

/** A patient as a list shows them, as Epic gives them; a field Epic does not have is absent. */
export interface ChartPatient {
  /** FHIR id. */
  readonly id: string;
  /** Display name, e.g. "Eleanor Mae Whitfield". */
  readonly name?: string;
  /** `YYYY-MM-DD`. */
  readonly birthDate?: string;
  /** The medical record number (identifier type `MR`). */
  readonly mrn?: string;
}

/** Port: several patients' names, birth dates and MRNs at once (see `patientSummaries`). */
export interface PatientSummaryReader {
  patientSummaries(ids: readonly string[], options?: CallOptions): Promise<ChartPatient[]>;
}

/** One of the patient's encounters, as staff choose one to file a note under. */
export interface ChartEncounter {
  readonly id: string;
  /** FHIR status (`planned`, `in-progress`, `finished` …). */
  readonly status?: string;
  /** ISO 8601 start (`period.start`). */
  readonly start?: string;
  readonly end?: string;
  /** What kind of visit, as charted ("Office Visit", "Telephone"). */
  readonly type?: string;
  /** The encounter class ("ambulatory", "virtual"). */
  readonly class?: string;
}

/** Port: the patient's recent encounters, newest first (see `recentEncounters`). */
export interface EncounterReader {
  recentEncounters(patientId: string, options?: CallOptions): Promise<ChartEncounter[]>;
}

/** A business identifier (`system` + `value`), as on `DocumentReference.identifier`. */
export interface ChartIdentifier {
  readonly system: string;
  readonly value: string;
}

/** What {@link ChartWriter.createDocument} did. */
export interface CreatedDocument {
  /** Epic's id of the DocumentReference. */
  readonly id: string;
  /** False when a conditional create found the document already there. */
  readonly created: boolean;
}

/**
 * Port: what filing a note needs from the chart. Searches return the first page only, each entry
 * checked to be the resource type asked for; callers re-check what matters to them.
 */
export interface ChartWriter {
  /** DocumentReferences of `patientId` that Epic finds by `identifier` (first page). */
  findDocuments(patientId: string, identifier: ChartIdentifier, options?: CallOptions): Promise<DocumentReference[]>;
  /**
   * Creates `document`, conditional on no document carrying `identifier` (`If-None-Exist`). Sent
   * once, never resent after a failure: Epic's create does not deduplicate.
   *
   * @throws {FhirResponseError} when Epic answers without the document's id
   */
  createDocument(document: DocumentReference, identifier: ChartIdentifier, options?: CallOptions): Promise<CreatedDocument>;
  /** Encounters of `patientId` (first page). */
  findEncounters(patientId: string, options?: CallOptions): Promise<Encounter[]>;
}
