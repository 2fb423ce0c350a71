/**
 * What must never be in a care-team task: every form of every sandbox patient's name, birth date and
 * phone number (`patientStrings.ts`), and every identifier (the MRN among them) and FHIR id of the
 * sandbox's Patients.
 */
import type { Patient } from '@medplum/fhirtypes';
import { loadSandboxResources } from '../../sandbox/data/load';
import { forbiddenPatientStrings } from './patientStrings';

/** The forbidden strings for a task: names, birth dates, phones, MRNs and other identifiers, patient ids. */
export function taskForbiddenStrings(): string[] {
  const patients = loadSandboxResources().filter((resource): resource is Patient => resource.resourceType === 'Patient');
  const identifiers = patients.flatMap((patient) => [patient.id ?? '', ...(patient.identifier ?? []).map((identifier) => identifier.value ?? '')]).filter((value) => value.length >= 4);
  return [...new Set([...forbiddenPatientStrings(), ...identifiers])];
}
