import type { DocumentReference, Encounter, Resource } from '@medplum/fhirtypes';
import type { CallOptions } from './deadline';
import { FhirResponseError } from './errors';
import type { FhirClient } from './fhirClient';
import type { ChartIdentifier, ChartWriter, CreatedDocument } from './ports';

/**
 * A FHIR token search value for an identifier: `system|value` (FHIR R4 search, token parameters).
 *
 * @example
 * identifierToken({ system: 'urn:clinic-ivr:symptom-note', value: 'n-1' }); // 'urn:clinic-ivr:symptom-note|n-1'
 */
export function identifierToken(identifier: ChartIdentifier): string {
  return `${identifier.system}|${identifier.value}`;
}

/**
 * The `If-None-Exist` header value that makes a create conditional on `identifier`.
 *
 * @example
 * ifNoneExistIdentifier({ system: 'urn:clinic-ivr:symptom-note', value: 'n-1' }); // 'identifier=urn:clinic-ivr:symptom-note|n-1'
 */
export function ifNoneExistIdentifier(identifier: ChartIdentifier): string {
  return `identifier=${identifierToken(identifier)}`;
}

/**
 * {@link ChartWriter} over a {@link FhirClient}: `DocumentReference?patient=…&identifier=…`,
 * a conditional `POST DocumentReference`, and `Encounter?patient=…`.
 *
 * @example
 * const chart = new FhirChartWriter(gateway.fhir);
 * const [existing] = await chart.findDocuments(patientId, { system, value: noteId });
 */
export class FhirChartWriter implements ChartWriter {
  readonly #fhir: FhirClient;

  public constructor(fhir: FhirClient) {
    this.#fhir = fhir;
  }

  public async findDocuments(patientId: string, identifier: ChartIdentifier, options: CallOptions = {}): Promise<DocumentReference[]> {
    const bundle = await this.#fhir.search<DocumentReference>('DocumentReference', { patient: patientId, identifier: identifierToken(identifier) }, options);
    return resourcesOf(bundle.entry, 'DocumentReference');
  }

  public async createDocument(document: DocumentReference, identifier: ChartIdentifier, options: CallOptions = {}): Promise<CreatedDocument> {
    const result = await this.#fhir.create(document, { ifNoneExist: ifNoneExistIdentifier(identifier), signal: options.signal });
    if (!result.resource.id) throw new FhirResponseError('Epic returned the DocumentReference without an id');
    return { id: result.resource.id, created: result.created };
  }

  public async findEncounters(patientId: string, options: CallOptions = {}): Promise<Encounter[]> {
    const bundle = await this.#fhir.search<Encounter>('Encounter', { patient: patientId }, options);
    return resourcesOf(bundle.entry, 'Encounter');
  }
}

/** The entries' resources of `resourceType`: an OperationOutcome entry (a search warning) is not one. */
function resourcesOf<T extends Resource>(entries: readonly { resource?: T }[] | undefined, resourceType: T['resourceType']): T[] {
  return (entries ?? []).map((entry) => entry.resource).filter((resource): resource is T => resource?.resourceType === resourceType);
}
