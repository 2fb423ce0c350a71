/**
 * Every way a synthetic patient's identifying data could show up in text: names, birth dates and
 * phone numbers in the forms people and programs write them. For "nothing of this in the logs" checks.
 */

import type { CodeableConcept, Resource } from '@medplum/fhirtypes';
import { loadSandboxResources } from '../../sandbox/data/load';
import { ALL_SCENARIOS } from '../../sandbox/data/scenarios';
import { keyedDate, spokenDate, spokenDateEs } from '../../sandbox/fixtures/placeholders';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A birth date as ISO, US slashes (padded or not), keypad digits, compact ISO and in words; and as a
 * Spanish-speaking caller says or writes it: "14 de marzo de 1948", day first with slashes or dashes.
 */
export function birthDateForms(iso: string): string[] {
  const [year, month, day] = iso.split('-') as [string, string, string];
  const monthName = MONTHS[Number(month) - 1] ?? '';
  return [
    iso,
    `${month}/${day}/${year}`,
    `${Number(month)}/${Number(day)}/${year}`,
    keyedDate(iso),
    `${year}${month}${day}`,
    spokenDate(iso),
    `${monthName} ${Number(day)} ${year}`,
    `${Number(day)} ${monthName} ${year}`,
    spokenDateEs(iso),
    `${day}/${month}/${year}`,
    `${Number(day)}/${Number(month)}/${year}`,
    `${day}-${month}-${year}`,
  ];
}

/** A US number given in E.164 as E.164, national digits, dashed, dotted, bracketed and its last seven digits. */
export function phoneForms(e164: string): string[] {
  const digits = e164.replace(/^\+1/, '');
  const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return [e164, digits, `1${digits}`, `${area}-${exchange}-${line}`, `(${area}) ${exchange}-${line}`, `${area}.${exchange}.${line}`, `${exchange}-${line}`, `${exchange}${line}`];
}

/** Every form of every scenario's given name, family name, birth date and calling number. */
export function forbiddenPatientStrings(): string[] {
  const forms = new Set<string>();
  for (const patient of ALL_SCENARIOS) {
    forms.add(patient.given);
    forms.add(patient.family);
    birthDateForms(patient.birthDate).forEach((form) => forms.add(form));
    phoneForms(patient.callerNumber).forEach((form) => forms.add(form));
  }
  return [...forms];
}

/** The forbidden strings that occur in `text` (empty when clean). */
export function patientDataIn(text: string): string[] {
  return forbiddenPatientStrings().filter((form) => text.includes(form));
}

/** Texts naming a drug in a resource, its contained resources included. */
function drugTexts(resource: Resource): string[] {
  const concepts: (CodeableConcept | undefined)[] = [];
  if (resource.resourceType === 'Medication') concepts.push(resource.code);
  if (resource.resourceType === 'MedicationRequest') {
    concepts.push(resource.medicationCodeableConcept);
    for (const contained of resource.contained ?? []) if (contained.resourceType === 'Medication') concepts.push(contained.code);
  }
  return concepts.flatMap((concept) => [concept?.text, ...(concept?.coding ?? []).map((coding) => coding.display)]).filter((text): text is string => Boolean(text));
}

/**
 * Every drug name of the sandbox's medication data (its first word, as a caller says it: `atorvastatin`)
 * and every MedicationRequest id: what a refill request carries and no log line may.
 */
export function forbiddenMedicationStrings(): string[] {
  const forms = new Set<string>();
  for (const resource of loadSandboxResources()) {
    for (const text of drugTexts(resource)) {
      const word = text.toLowerCase().match(/[a-z]{5,}/)?.[0];
      if (word) forms.add(word);
    }
    if (resource.resourceType === 'MedicationRequest' && resource.id) forms.add(resource.id);
  }
  return [...forms];
}

/** The drug names and MedicationRequest ids that occur in `text`, case-insensitive (empty when clean). */
export function medicationDataIn(text: string): string[] {
  const lower = text.toLowerCase();
  return forbiddenMedicationStrings().filter((form) => lower.includes(form.toLowerCase()));
}
