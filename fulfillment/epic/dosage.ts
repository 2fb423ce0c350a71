import type { CodeableConcept, Dosage, Timing } from '@medplum/fhirtypes';

/**
 * The structured part of one dosage instruction, read from the fields of the FHIR R4 `Dosage` datatype
 * (https://hl7.org/fhir/R4/dosage.html): `doseAndRate[].doseQuantity`, `route`, `timing.repeat`
 * (`frequency`, `period`, `periodUnit`, `when`), `timing.code` and `asNeededBoolean`. STU3 puts the dose
 * on the dosage itself (`doseQuantity`); it is read there too.
 *
 * Epic's MedicationRequest search sends `route` with an Epic coding (`urn:oid:1.2.840.114350.1.13.0.1.7.4.698288.330`,
 * code `15`, display and text `Oral`), `timing.repeat` and `asNeededBoolean` beside the sig in `text`
 * (seen in Epic's published sample bundles; not confirmed against an Epic release's R4 documentation).
 *
 * Nothing here is translated or interpreted: a renderer decides what it can say. Elements this type does
 * not carry but the dosage has are named in {@link StructuredDosage.unread}, so a renderer that cannot
 * say them knows the structured fields are not the whole instruction.
 */
export interface StructuredDosage {
  /** The dose, when the dosage states a single quantity (not a range). */
  readonly dose?: DoseQuantity;
  /** How it is taken, e.g. `{ system: 'http://snomed.info/sct', code: '26643006', text: 'Oral' }`. */
  readonly route?: CodedText;
  /** Times per period (`timing.repeat.frequency`), e.g. `2` with a period of 1 day: twice a day. */
  readonly frequency?: number;
  /** Length of the period (`timing.repeat.period`). */
  readonly period?: number;
  /** UCUM unit of the period (`timing.repeat.periodUnit`): `s`, `min`, `h`, `d`, `wk`, `mo`, `a`. */
  readonly periodUnit?: string;
  /** Times of day tied to events (`timing.repeat.when`), e.g. `['HS']` at bedtime. */
  readonly when?: readonly string[];
  /** A coded timing (`timing.code`), e.g. `BID` of `http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation`. */
  readonly timingCode?: CodedText;
  /** Taken as needed (`asNeededBoolean: true`). A reason (`asNeededCodeableConcept`) is in `unread`. */
  readonly asNeeded?: boolean;
  /** The dosage also has free text (`text` or `patientInstruction`); the text itself is the summary's `instructions`. */
  readonly hasText: boolean;
  /**
   * Elements present on the dosage that this summary does not carry, by FHIR path, e.g.
   * `additionalInstruction` ("with meals"), `doseAndRate.doseRange`, `timing.repeat.boundsDuration`.
   */
  readonly unread: readonly string[];
}

/** A quantity with its UCUM code and its display unit, e.g. `{ value: 20, code: 'mg', unit: 'mg' }`. */
export interface DoseQuantity {
  readonly value: number;
  /** UCUM code (`Quantity.code`, system `http://unitsofmeasure.org`), e.g. `mg`, `{tbl}`, `[U]`. */
  readonly code?: string;
  /** Code system of `code`, when given. */
  readonly system?: string;
  /** Unit as displayed (`Quantity.unit`), e.g. `mg`, `tablet`, `units`. */
  readonly unit?: string;
}

/** A coded concept as read: its codings (system and code) and its text or display. */
export interface CodedText {
  /** Every coding, as `system|code`-like pairs. */
  readonly codings: readonly { readonly system?: string; readonly code?: string }[];
  /** `text`, else the first coding's `display`. */
  readonly text?: string;
}

interface QuantityLike {
  readonly value?: number;
  readonly unit?: string;
  readonly code?: string;
  readonly system?: string;
}

/** STU3 Dosage: dose fields sit on the dosage itself, not in `doseAndRate`. */
type AnyDosage = Dosage & { readonly doseQuantity?: QuantityLike; readonly doseRange?: unknown; readonly rateRatio?: unknown };

/**
 * Dosage elements this summary reads, or that hold no instruction to the patient. A plain `extension`
 * may be ignored by a reader; a `modifierExtension` may not (https://hl7.org/fhir/R4/extensibility.html), so it is named.
 */
const READ_ELEMENTS = new Set([
  'id',
  'extension',
  'sequence',
  'text',
  'patientInstruction',
  'timing',
  'asNeededBoolean',
  'route',
  'doseAndRate',
  'doseQuantity',
  // Epic's `method` ("Take") is the verb of the sig; the route says how the drug is taken.
  'method',
]);

/** Timing elements read; `boundsPeriod` is the order's start and end, not an instruction (Epic sends it on every order). */
const READ_TIMING = new Set(['id', 'extension', 'code', 'repeat']);
const READ_REPEAT = new Set(['id', 'extension', 'frequency', 'period', 'periodUnit', 'when', 'boundsPeriod']);

/**
 * The structured fields of one dosage, or `undefined` when it has none (no dose, route, timing or
 * as-needed flag: free text only, or nothing).
 */
export function structuredDosage(dosage: Dosage): StructuredDosage | undefined {
  const any = dosage as AnyDosage;
  const rates = dosage.doseAndRate ?? [];
  const quantity: QuantityLike | undefined = rates[0]?.doseQuantity ?? any.doseQuantity;
  const repeat = dosage.timing?.repeat;
  const unread = unreadElements(any);
  const found: Omit<StructuredDosage, 'hasText' | 'unread'> = {
    ...(quantity && typeof quantity.value === 'number' ? { dose: doseOf(quantity as QuantityLike & { value: number }) } : {}),
    ...(dosage.route ? { route: coded(dosage.route) } : {}),
    ...(typeof repeat?.frequency === 'number' ? { frequency: repeat.frequency } : {}),
    ...(typeof repeat?.period === 'number' ? { period: repeat.period } : {}),
    ...(repeat?.periodUnit ? { periodUnit: repeat.periodUnit } : {}),
    ...(repeat?.when && repeat.when.length > 0 ? { when: [...repeat.when] } : {}),
    ...(dosage.timing?.code ? { timingCode: coded(dosage.timing.code) } : {}),
    ...(dosage.asNeededBoolean === true ? { asNeeded: true } : {}),
  };
  if (Object.keys(found).length === 0) return undefined;
  return { ...found, hasText: Boolean(dosage.text?.trim() || dosage.patientInstruction?.trim()), unread };
}

function doseOf(quantity: QuantityLike & { value: number }): DoseQuantity {
  return {
    value: quantity.value,
    ...(quantity.code ? { code: quantity.code } : {}),
    ...(quantity.system ? { system: quantity.system } : {}),
    ...(quantity.unit ? { unit: quantity.unit } : {}),
  };
}

function coded(concept: CodeableConcept): CodedText {
  const codings = (concept.coding ?? []).map((coding) => ({
    ...(coding.system ? { system: coding.system } : {}),
    ...(coding.code ? { code: coding.code } : {}),
  }));
  const text = concept.text?.trim() || concept.coding?.find((coding) => coding.display?.trim())?.display?.trim();
  return { codings, ...(text ? { text } : {}) };
}

/** FHIR paths of the elements present on the dosage that {@link structuredDosage} does not carry. */
function unreadElements(dosage: AnyDosage): string[] {
  const unread = Object.keys(dosage).filter((name) => !READ_ELEMENTS.has(name) && !name.startsWith('_'));
  const rates = dosage.doseAndRate ?? [];
  // FHIR allows one entry per `type` (ordered, calculated); only the first is read, so a second is named.
  if (rates.length > 1) unread.push('doseAndRate[1]');
  for (const rate of rates.slice(0, 1)) {
    for (const name of Object.keys(rate)) if (!['id', 'extension', 'type', 'doseQuantity'].includes(name)) unread.push(`doseAndRate.${name}`);
  }
  unread.push(...timingUnread(dosage.timing));
  return unread;
}

function timingUnread(timing: Timing | undefined): string[] {
  if (!timing) return [];
  const unread = Object.keys(timing).filter((name) => !READ_TIMING.has(name) && !name.startsWith('_')).map((name) => `timing.${name}`);
  const repeat = timing.repeat ?? {};
  unread.push(...Object.keys(repeat).filter((name) => !READ_REPEAT.has(name) && !name.startsWith('_')).map((name) => `timing.repeat.${name}`));
  return unread;
}
