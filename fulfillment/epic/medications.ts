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
import { structuredDosage, type StructuredDosage } from './dosage';
import { FhirError } from './errors';
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
  /** Id of the MedicationRequest (STU3: MedicationStatement) it comes from, when the server gave one. */
  readonly id?: string;
  /**
   * Refills the order allows (R4 `dispenseRequest.numberOfRepeatsAllowed`), when the order states it.
   * FHIR: "number of refills authorized", not counting the initial dispense (R4 MedicationRequest).
   */
  readonly refillsAllowed?: number;
  /** End of the period the order may be filled in (R4 `dispenseRequest.validityPeriod.end`), when stated. */
  readonly validUntil?: string;
  /**
   * The structured dose, route and timing of each dosage instruction, in order, read from the same
   * search (no extra request). Present only when every dosage instruction has structured fields: an
   * order with a free-text-only instruction has none, so no renderer can take part of it for the whole.
   */
  readonly dosage?: readonly StructuredDosage[];
}

/**
 * The active medications. `incomplete` is set when paging stopped at its bound while the server had
 * more: the list is then the first part only, and whoever reads it out must say so.
 */
export type MedicationList = MedicationSummary[] & { readonly incomplete?: true };

/** Name used when the chart names no drug at all. */
export const UNNAMED_MEDICATION = 'Unnamed medication';

/**
 * Whether the server refused `_include=MedicationRequest:medication`. Shared by every lookup of one
 * container (the gateway holds one), so only the first lookup after a refusal pays the 400.
 */
export class IncludeSupport {
  /** Set once the server answered 400 to the `_include`. */
  public refused = false;
}

/** Options of {@link activeMedications}. */
export interface ActiveMedicationsOptions extends CallOptions {
  /** Pages followed at most. @default 10 */
  readonly maxPages?: number;
  /** What this container knows of the server's `_include`. @default a fresh IncludeSupport */
  readonly include?: IncludeSupport;
}

/** The include asked for, and the most Medications one batch read names (Epic's `_count` cap is 50). */
const MEDICATION_INCLUDE = 'MedicationRequest:medication';
const MAX_BATCH_IDS = 50;
/**
 * Medications are read in name order, case and accents aside. One collator, built once: `localeCompare`
 * with a locale and options builds a new one on every comparison (about 0.1 ms a sort of eight names).
 */
const BY_NAME = new Intl.Collator('en', { sensitivity: 'base' });

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
 * `Medication`s, missing dosage text and paging; re-checks `status` locally; sorted by name. When the
 * server refuses `_include` (400), see {@link searchRequests}; referenced drugs without a display are
 * then read in one batch ({@link readMissingMedications}).
 */
export async function activeMedications(
  fhir: FhirClient,
  patientId: string,
  options: ActiveMedicationsOptions = {},
): Promise<MedicationList> {
  const maxPages = options.maxPages ?? 10;
  const include = options.include ?? new IncludeSupport();
  const call: CallOptions = { signal: options.signal };
  const { entries: found, truncated } =
    fhir.fhirVersion === 'STU3'
      ? await fhir.searchAll<Resource>('MedicationStatement' as Resource['resourceType'], { patient: patientId, status: 'active' }, maxPages, call)
      : await searchRequests(fhir, patientId, maxPages, include, call);

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

  // Only after a refusal: when `_include` works, a reference it left unresolved stays unresolved (one request per lookup).
  if (fhir.fhirVersion !== 'STU3' && include.refused) await readMissingMedications(fhir, [...entries.values()], included, maxPages, call);
  const list: MedicationList = [...entries.values()]
    .filter((entry) => entry.status === 'active')
    .map((entry) => summarize(entry, included))
    .sort((a, b) => BY_NAME.compare(a.name, b.name));
  if (truncated) Object.defineProperty(list, 'incomplete', { value: true, enumerable: false });
  return list;
}

/**
 * `MedicationRequest?patient=&status=active&_include=MedicationRequest:medication`: one request. An
 * Epic that refuses the `_include` answers 400; the search is then sent once more without it, and the
 * refusal is remembered in `include` so later lookups send it without `_include` straight away.
 */
async function searchRequests(fhir: FhirClient, patientId: string, maxPages: number, include: IncludeSupport, call: CallOptions) {
  const params = { patient: patientId, status: 'active' };
  if (!include.refused) {
    try {
      return await fhir.searchAll<Resource>('MedicationRequest', { ...params, _include: MEDICATION_INCLUDE }, maxPages, call);
    } catch (error) {
      if (!(error instanceof FhirError) || error.status !== 400) throw error;
      include.refused = true;
    }
  }
  return fhir.searchAll<Resource>('MedicationRequest', params, maxPages, call);
}

/**
 * After a refused `_include`: reads, in one `Medication?_id=a,b,c` search, the standalone Medications
 * that orders reference without a `medicationReference.display` to be named by. An Epic whose
 * references carry names (Epic's do) costs nothing more.
 */
async function readMissingMedications(
  fhir: FhirClient,
  entries: readonly MedicationEntry[],
  included: Map<string, Medication>,
  maxPages: number,
  call: CallOptions,
): Promise<void> {
  const missing = new Set<string>();
  for (const entry of entries) {
    if (entry.status !== 'active' || entry.medicationCodeableConcept || entry.medicationReference?.display) continue;
    const id = medicationId(entry.medicationReference?.reference);
    if (id && !included.has(id)) missing.add(id);
  }
  if (missing.size === 0) return;
  const ids = [...missing].slice(0, MAX_BATCH_IDS);
  const { entries: read } = await fhir.searchAll<Medication>('Medication', { _id: ids.join(','), _count: ids.length }, maxPages, call);
  for (const { resource } of read) if (resource?.resourceType === 'Medication' && resource.id) included.set(resource.id, resource);
}

/** The id of a relative (`Medication/123`) or absolute (`https://…/Medication/123`) reference. */
function medicationId(reference: string | undefined): string | undefined {
  if (!reference || reference.startsWith('#')) return undefined;
  return /(?:^|\/)Medication\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(reference)?.[1];
}

function summarize(entry: MedicationEntry, included: ReadonlyMap<string, Medication>): MedicationSummary {
  const dosages: readonly Stu3Dosage[] =
    entry.resourceType === 'MedicationRequest' ? (entry.dosageInstruction ?? []) : (entry.dosage ?? []);
  // Read from the list search itself: telling the caller about refills costs no request.
  const dispense = entry.resourceType === 'MedicationRequest' ? entry.dispenseRequest : undefined;
  const refills = dispense?.numberOfRepeatsAllowed;
  const validUntil = dispense?.validityPeriod?.end;
  const structured = dosages.map(structuredDosage);
  return {
    name: medicationName(entry, included),
    doseText: firstDefined(dosages.map(doseOf)),
    instructions: joinDefined(dosages.map(instructionsOf), '; then '),
    authoredOn:
      entry.resourceType === 'MedicationRequest'
        ? entry.authoredOn
        : (entry.effectiveDateTime ?? entry.effectivePeriod?.start ?? entry.dateAsserted),
    ...(entry.id ? { id: entry.id } : {}),
    ...(Number.isInteger(refills) && (refills as number) >= 0 ? { refillsAllowed: refills as number } : {}),
    ...(typeof validUntil === 'string' && validUntil.length > 0 ? { validUntil } : {}),
    ...(structured.length > 0 && structured.every(Boolean) ? { dosage: structured as StructuredDosage[] } : {}),
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
    const id = medicationId(target);
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
