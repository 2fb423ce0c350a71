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
