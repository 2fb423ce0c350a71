import type {
  CodeableConcept,
  Dosage,
  Medication,
  MedicationRequest,
  Reference,
  Resource,
  Timing,
} from '@medplum/fhirtypes';
import type { CallOptions } from './deadline';
import type { FhirClient } from './fhirClient';

/** One active medication, ready to be spoken or shown. */
export interface MedicationSummary {
  /** Drug name as the chart writes it, e.g. `atorvastatin 20 MG Oral Tablet`. */
  readonly name: string;
  /** Dose from structured data, e.g. `500 mg`, when the chart has one. */
  readonly doseText: string | undefined;
  /** Sig, e.g. `Take 1 tablet by mouth daily`, or one built from the timing. */
  readonly instructions: string | undefined;
  /** When it was ordered (R4 `authoredOn`, STU3 `effectiveDateTime` or `dateAsserted`). */
  readonly authoredOn: string | undefined;
}

/**
 * The active medications. `incomplete` is set when paging stopped at its bound while the server had
 * more: the list is then the first part only, and whoever reads it out must say so.
 */
export type MedicationList = MedicationSummary[] & { readonly incomplete?: true };

/** Name used when the chart names no drug at all. */
export const UNNAMED_MEDICATION = 'Unnamed medication';

/** Options of {@link activeMedications}. */
export interface ActiveMedicationsOptions extends CallOptions {
  /** Pages followed at most. @default 10 */
  readonly maxPages?: number;
}

interface QuantityLike {
  readonly value?: number;
  readonly unit?: string;
  readonly code?: string;
}

interface RangeLike {
  readonly low?: QuantityLike;
  readonly high?: QuantityLike;
}

/** STU3 MedicationStatement, the fields read here (its `dosage` carries dose fields directly). */
interface Stu3MedicationStatement {
  readonly resourceType: 'MedicationStatement';
  readonly id?: string;
  readonly status?: string;
  readonly contained?: Resource[];
  readonly medicationCodeableConcept?: CodeableConcept;
  readonly medicationReference?: Reference;
  readonly dosage?: Stu3Dosage[];
  readonly effectiveDateTime?: string;
  readonly effectivePeriod?: { start?: string };
  readonly dateAsserted?: string;
}

/** STU3 Dosage: dose fields sit on the dosage itself, not in `doseAndRate`. */
type Stu3Dosage = Dosage & { readonly doseQuantity?: QuantityLike; readonly doseRange?: RangeLike };

type MedicationEntry = MedicationRequest | Stu3MedicationStatement;

/**
 * The patient's active medications: R4 `MedicationRequest?patient=&status=active&_include=MedicationRequest:medication`,
 * STU3 `MedicationStatement?patient=&status=active`. Handles coded concepts, contained and included
 * `Medication`s, missing dosage text and paging; re-checks `status` locally; sorted by name.
 */
export async function activeMedications(
  fhir: FhirClient,
  patientId: string,
  options: ActiveMedicationsOptions = {},
): Promise<MedicationList> {
  const { entries: found, truncated } =
    fhir.fhirVersion === 'STU3'
      ? await fhir.searchAll<Resource>('MedicationStatement' as Resource['resourceType'], { patient: patientId, status: 'active' }, options.maxPages ?? 10, {
          signal: options.signal,
        })
      : await fhir.searchAll<Resource>(
          'MedicationRequest',
          { patient: patientId, status: 'active', _include: 'MedicationRequest:medication' },
          options.maxPages ?? 10,
          { signal: options.signal },
        );

  const entries = new Map<string, MedicationEntry>();
  const included = new Map<string, Medication>();
  for (const entry of found) {
    const resource = entry.resource as Resource | Stu3MedicationStatement | undefined;
    if (!resource) continue;
    if (resource.resourceType === 'Medication' && resource.id) included.set(resource.id, resource);
    if (resource.resourceType === 'MedicationRequest' || resource.resourceType === 'MedicationStatement') {
      entries.set(resource.id ?? `#${entries.size}`, resource as MedicationEntry);
    }
  }

  const list: MedicationList = [...entries.values()]
    .filter((entry) => entry.status === 'active')
    .map((entry) => summarize(entry, included))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  if (truncated) Object.defineProperty(list, 'incomplete', { value: true, enumerable: false });
  return list;
}

function summarize(entry: MedicationEntry, included: ReadonlyMap<string, Medication>): MedicationSummary {
  const dosages: readonly Stu3Dosage[] =
    entry.resourceType === 'MedicationRequest' ? (entry.dosageInstruction ?? []) : (entry.dosage ?? []);
  return {
    name: medicationName(entry, included),
    doseText: firstDefined(dosages.map(doseOf)),
    instructions: joinDefined(dosages.map(instructionsOf), '; then '),
    authoredOn:
      entry.resourceType === 'MedicationRequest'
        ? entry.authoredOn
        : (entry.effectiveDateTime ?? entry.effectivePeriod?.start ?? entry.dateAsserted),
  };
}

function medicationName(entry: MedicationEntry, included: ReadonlyMap<string, Medication>): string {
  if (entry.medicationCodeableConcept) {
    return conceptName(entry.medicationCodeableConcept) ?? UNNAMED_MEDICATION;
  }
  const reference = entry.medicationReference;
  const target = reference?.reference;
  let medication: Medication | undefined;
  if (target?.startsWith('#')) {
    medication = entry.contained?.find(
      (resource): resource is Medication => resource.resourceType === 'Medication' && resource.id === target.slice(1),
    );
  } else if (target) {
    // Relative (`Medication/123`) or absolute (`https://…/Medication/123`) reference.
    const id = /(?:^|\/)Medication\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(target)?.[1];
    medication = id ? included.get(id) : undefined;
  }
  return (medication?.code && conceptName(medication.code)) ?? reference?.display ?? UNNAMED_MEDICATION;
}

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

function conceptName(concept: CodeableConcept): string | undefined {
  const text = concept.text?.trim();
  if (text) return text;
  const codings = concept.coding ?? [];
  const preferred = codings.find((coding) => coding.system === RXNORM && coding.display) ?? codings.find((coding) => coding.display);
  return preferred?.display?.trim() || undefined;
}


function doseOf(dosage: Stu3Dosage): string | undefined {
  const rate = dosage.doseAndRate?.[0];
  const quantity: QuantityLike | undefined = rate?.doseQuantity ?? dosage.doseQuantity;
  if (quantity?.value !== undefined) return `${quantity.value} ${quantity.unit ?? quantity.code ?? ''}`.trim();
  const range: RangeLike | undefined = rate?.doseRange ?? dosage.doseRange;
  if (range?.low?.value !== undefined && range.high?.value !== undefined) {
    return `${range.low.value} to ${range.high.value} ${range.high.unit ?? range.high.code ?? ''}`.trim();
  }
  return undefined;
}

function instructionsOf(dosage: Dosage): string | undefined {
  const text = dosage.text?.trim() || dosage.patientInstruction?.trim();
  if (text) return text;
  const parts = [dosage.route?.text?.trim(), timingText(dosage.timing), dosage.asNeededBoolean ? 'as needed' : undefined];
  return joinDefined(parts, ', ');
}

const PERIOD_UNITS: Record<string, [string, string]> = {
  s: ['second', 'seconds'],
  min: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
  a: ['year', 'years'],
};

function timingText(timing: Timing | undefined): string | undefined {
  if (!timing) return undefined;
  const coded = timing.code?.text?.trim();
  if (coded) return coded;
  const repeat = timing.repeat;
  if (!repeat?.frequency || !repeat.period || !repeat.periodUnit) return undefined;
  const times = repeat.frequency === 1 ? 'once' : repeat.frequency === 2 ? 'twice' : `${repeat.frequency} times`;
  const [singular, plural] = PERIOD_UNITS[repeat.periodUnit] ?? [repeat.periodUnit, repeat.periodUnit];
  return repeat.period === 1 ? `${times} a ${singular}` : `${times} every ${repeat.period} ${plural}`;
}

function firstDefined(values: readonly (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined);
}

function joinDefined(values: readonly (string | undefined)[], separator: string): string | undefined {
  const present = values.filter((value): value is string => Boolean(value));
  return present.length > 0 ? present.join(separator) : undefined;
}
