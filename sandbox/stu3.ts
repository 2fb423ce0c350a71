import type { Dosage, Medication, MedicationRequest, Resource } from '@medplum/fhirtypes';
import { referencedId } from './store';

/** Which FHIR release a sandbox base speaks. */
export type FhirRelease = 'R4' | 'STU3';

/** MedicationRequest status → MedicationStatement status (undefined: not shown as a statement). */
const STU3_STATUS: Record<string, string> = {
  active: 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  stopped: 'stopped',
  cancelled: 'stopped',
  'entered-in-error': 'entered-in-error',
  draft: 'intended',
};
// R4 adds `unknown` to MedicationStatement's statuses; the rest map the same way.
const STATUS_MAP: Record<FhirRelease, Record<string, string>> = {
  STU3: STU3_STATUS,
  R4: { ...STU3_STATUS, unknown: 'unknown' },
};

/** The MedicationStatement statuses each release defines (for validating `status=`). */
export const STATEMENT_STATUSES: Record<FhirRelease, ReadonlySet<string>> = {
  STU3: new Set(['active', 'completed', 'entered-in-error', 'intended', 'stopped', 'on-hold']),
  R4: new Set(['active', 'completed', 'entered-in-error', 'intended', 'stopped', 'on-hold', 'unknown', 'not-taken']),
};

/** A MedicationStatement as served (loosely typed: STU3 has fields R4 dropped, like `taken`). */
export type MedicationStatementLike = Resource & { resourceType: 'MedicationStatement'; id: string; status: string } & Record<string, unknown>;

/**
 * STU3 Dosage: the dose sits on the dosage itself (`doseQuantity`/`doseRange`), where R4 moved it
 * into `doseAndRate`. Everything else in the R4 subset used by charts carries over unchanged.
 */
function toStu3Dosage(dosage: Dosage): Record<string, unknown> {
  const { doseAndRate, ...rest } = dosage;
  const first = doseAndRate?.[0];
  return {
    ...rest,
    ...(first?.doseQuantity ? { doseQuantity: first.doseQuantity } : {}),
    ...(first?.doseRange ? { doseRange: first.doseRange } : {}),
    ...(first?.rateRatio ? { rateRatio: first.rateRatio } : {}),
    ...(first?.rateQuantity ? { rateQuantity: first.rateQuantity } : {}),
  };
}

/**
 * Derives the MedicationStatement Epic's STU3 API shows for a medication order. A standalone
 * `Medication` the order references is inlined as a contained resource: STU3 clients rarely ask for
 * `_include`, so the statement carries the drug itself and stays speakable on its own.
 */
export function toMedicationStatement(
  request: MedicationRequest,
  release: FhirRelease,
  lookupMedication: (id: string) => Medication | undefined,
): MedicationStatementLike | undefined {
  const status = STATUS_MAP[release][request.status ?? ''];
  if (!status || !request.id) return undefined;
  const contained: Resource[] = [...(request.contained ?? [])];
  let medicationReference = request.medicationReference;
  const standaloneId = referencedId(medicationReference, 'Medication');
  const standalone = standaloneId ? lookupMedication(standaloneId) : undefined;
  if (standalone && medicationReference) {
    const localId = `med-${standaloneId}`;
    if (!contained.some((resource) => resource.id === localId)) contained.push({ ...structuredClone(standalone), id: localId });
    medicationReference = { ...medicationReference, reference: `#${localId}` };
  }
  const dosage = request.dosageInstruction?.map((entry) => (release === 'STU3' ? toStu3Dosage(entry) : entry));
  const statement: Record<string, unknown> = {
    resourceType: 'MedicationStatement',
    id: request.id,
    ...(contained.length > 0 ? { contained } : {}),
    ...(request.identifier ? { identifier: request.identifier } : {}),
    status,
    ...(request.medicationCodeableConcept ? { medicationCodeableConcept: request.medicationCodeableConcept } : {}),
    ...(medicationReference ? { medicationReference } : {}),
    subject: request.subject,
    ...(request.encounter ? { context: request.encounter } : {}),
    ...(request.authoredOn ? { effectiveDateTime: request.authoredOn, dateAsserted: request.authoredOn } : {}),
    ...(request.requester ? { informationSource: request.requester } : {}),
    derivedFrom: [{ reference: `MedicationRequest/${request.id}` }],
    // STU3 requires `taken`; the order alone says nothing about adherence.
    ...(release === 'STU3' ? { taken: 'unk' } : {}),
    ...(dosage && dosage.length > 0 ? { dosage } : {}),
  };
  return statement as MedicationStatementLike;
}
