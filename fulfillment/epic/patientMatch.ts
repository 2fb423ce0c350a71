import type { Patient } from '@medplum/fhirtypes';
import type { CountryCode } from 'libphonenumber-js';
import type { CallOptions } from './deadline';
import { PatientQueryError } from './errors';
import type { FhirClient, FhirSearchParams, FhirVersion } from './fhirClient';
import { nationalDigits, requireE164, toE164, type E164 } from './phone';
import type { PatientSearchStrategy } from '../../contract';

/** FHIR administrative gender, as callers answer it. */
export type AdministrativeGender = 'female' | 'male' | 'other' | 'unknown';

/**
 * How the Patient search is phrased. Epic refuses a search without one of its minimum data sets:
 * `name` (given + family + legal sex + phone) always passes; `telecom` (phone + birth date; the sex
 * is checked locally) needs an Epic environment that relaxes the rule.
 */
export type { PatientSearchStrategy };

/** Who the caller says they are. */
export interface PatientQuery {
  /** Calling number as Connect presents it (`+16085550142`) or any written form. */
  readonly phone: string | undefined;
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly gender: AdministrativeGender;
  /**
   * The spoken first name: needed by the `name` strategy; with `telecom`, asked only when charts on
   * the number share the birth date ({@link PatientMatch} `firstNameNeeded`), and checked whenever given.
   */
  readonly given?: string;
  /** The spoken family name: needed by the `name` strategy. */
  readonly family?: string;
}

/** Options of {@link findPatient}. */
export interface PatientMatchOptions extends CallOptions {
  readonly strategy: PatientSearchStrategy;
  /** Region for numbers written without a country code. @default 'US' */
  readonly defaultRegion?: CountryCode;
  /** Sex search parameter; current Epic versions prefer `legal-sex`. @default 'legal-sex' on R4, 'gender' on STU3 */
  readonly sexParam?: 'legal-sex' | 'gender';
  /** Pages of search results followed at most. @default 5 */
  readonly maxPages?: number;
}

/**
 * Outcome of a match: exactly one patient, a failure that is never a guess, or (`telecom` only) the
 * first name needed before anyone can be told apart: not a failure, no chart chosen.
 */
export type PatientMatch =
  | { readonly kind: 'matched'; readonly patientId: string; readonly givenName: string | undefined }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'ambiguous'; readonly candidates: number }
  | { readonly kind: 'firstNameNeeded'; readonly candidates: number };

/**
 * Finds the caller's chart. Epic's Patient search is fuzzy and may return near matches, so every
 * candidate is re-checked locally: one of its phone numbers (any `use`) equals the calling number in
 * E.164, its birth date equals the spoken one exactly, and so does its gender; with the `name`
 * strategy one of its names also has both spoken names ({@link sameName}). Exactly one survivor is
 * a match; none or several is a failure. Returns the FHIR id and the first given name only.
 *
 * With `telecom`, charts that share the number and the birth date (twins, most often) are never told
 * apart by sex alone: while one of them has the spoken sex and no first name was given, the answer is
 * `firstNameNeeded`; a given first name must then be one of the chart's given names ({@link sameName}).
 */
export async function findPatient(fhir: FhirClient, query: PatientQuery, options: PatientMatchOptions): Promise<PatientMatch> {
  const region = options.defaultRegion ?? 'US';
  const phone = requireE164(query.phone, region);
  const params = patientSearchParams(query, options, fhir.fhirVersion);

  const { entries, truncated } = await fhir.searchAll<Patient>('Patient', params, options.maxPages ?? 5, { signal: options.signal });
  const candidates = new Map<string, Patient>();
  for (const entry of entries) {
    const resource = entry.resource;
    if (resource?.resourceType === 'Patient' && resource.id && entry.search?.mode !== 'include') {
      candidates.set(resource.id, resource);
    }
  }
  // Results beyond the pages read could hold a second person with the same answers: never a guess.
  if (truncated) return { kind: 'ambiguous', candidates: candidates.size };

  const onRecord = [...candidates.values()].filter((patient) => hasNumberAndBirthDate(patient, phone, query.birthDate, region));
  let matches = onRecord.filter((patient) => patient.gender === query.gender);
  if (options.strategy === 'name') {
    matches = matches.filter((patient) => hasSpokenNames(patient, query.given ?? '', query.family ?? ''));
  } else {
    const given = spokenName(query.given);
    if (given === undefined && onRecord.length > 1 && matches.length > 0) return { kind: 'firstNameNeeded', candidates: onRecord.length };
    if (given !== undefined) matches = matches.filter((patient) => hasGivenName(patient, given));
  }
  if (matches.length === 0) return { kind: 'notFound' };
  if (matches.length > 1) return { kind: 'ambiguous', candidates: matches.length };
  const [patient] = matches as [Patient];
  return { kind: 'matched', patientId: patient.id as string, givenName: firstGivenName(patient) };
}

/**
 * The Patient search {@link findPatient} sends for `query` under `options.strategy`: the one place
 * its parameters are chosen, so a probe of the strategy (`npm run epic-check`) sends the same.
 *
 * @throws {InvalidPhoneNumberError} when the number is missing or unusable
 * @throws {PatientQueryError} when the name strategy lacks a name, or a name holds search syntax
 * @example
 * patientSearchParams(query, { strategy: 'name' }, 'R4'); // { given, family, 'legal-sex', telecom }
 */
export function patientSearchParams(query: PatientQuery, options: PatientMatchOptions, fhirVersion: FhirVersion): FhirSearchParams {
  const phone = requireE164(query.phone, options.defaultRegion ?? 'US');
  const sexParam = options.sexParam ?? (fhirVersion === 'STU3' ? 'gender' : 'legal-sex');
  const telecom = nationalDigits(phone);
  if (options.strategy === 'telecom') {
    // No sex parameter: charts on the number with the same birth date must all come back, so that
    // sex alone never tells them apart (see findPatient). The sex is checked locally.
    return { telecom, birthdate: query.birthDate };
  }
  const given = spokenName(query.given);
  const family = spokenName(query.family);
  if (!given || !family) throw new PatientQueryError('the name search strategy needs a given and a family name');
  return { given: escapeSearchValue(given), family: escapeSearchValue(family), [sexParam]: query.gender, telecom };
}

/**
 * Characters that change a FHIR search (`,` is OR, `$` and `|` separate parts, `\` escapes) and that
 * speech recognition never produces in a name: a spoken name holding one is refused, not searched.
 */
const SEARCH_SYNTAX = /[,$|\\]/;

/**
 * Whether a spoken name can be searched with: not blank, and free of search syntax. The dialog asks
 * again for a name that is not; {@link findPatient} refuses it.
 *
 * @example
 * isSearchableName('Eleanor,Harold'); // false
 */
export function isSearchableName(value: string): boolean {
  return value.trim().length > 0 && !SEARCH_SYNTAX.test(value);
}

/** A spoken name, trimmed; refused when it holds search syntax. */
function spokenName(value: string | undefined): string | undefined {
  const name = value?.trim();
  if (name && SEARCH_SYNTAX.test(name)) throw new PatientQueryError('a spoken name holds a character that would change the search');
  return name || undefined;
}

/** A search value with FHIR's special characters escaped (R4 3.1.1.4.2): defence in depth after {@link spokenName}. */
function escapeSearchValue(value: string): string {
  return value.replace(/[\\,$|]/g, (character) => `\\${character}`);
}

/** A name reduced to what a spoken name can say: letters and digits, lower case, accents dropped. */
function nameKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s'’.\-]/g, '');
}

/**
 * Whether a spoken name is the chart's name: equal once case, accents, hyphens, apostrophes, periods
 * and spaces are dropped. Nothing closer is accepted (Epic's search is already fuzzy; the local check
 * is where a near miss stops), and a name of fewer than two letters never matches.
 *
 * @example
 * sameName("O'Brien", 'obrien'); // true
 */
export function sameName(spoken: string, charted: string): boolean {
  const key = nameKey(spoken);
  return key.length >= 2 && key === nameKey(charted);
}

/** Whether one of the chart's names (official, usual, nickname, any use but `old`) has both spoken names. */
function hasSpokenNames(patient: Patient, given: string, family: string): boolean {
  return (patient.name ?? []).some(
    (name) =>
      name.use !== 'old' &&
      name.family !== undefined &&
      sameName(family, name.family) &&
      (name.given ?? []).some((charted) => sameName(given, charted)),
  );
}

/** Whether one of the chart's names (any use but `old`) has the spoken first name among its given names. */
function hasGivenName(patient: Patient, given: string): boolean {
  return (patient.name ?? []).some((name) => name.use !== 'old' && (name.given ?? []).some((charted) => sameName(given, charted)));
}

/** An active chart with this birth date and, among its phone numbers (any `use`), the calling number. */
function hasNumberAndBirthDate(patient: Patient, phone: E164, birthDate: string, region: CountryCode): boolean {
  if (patient.active === false || patient.birthDate !== birthDate) return false;
  return (patient.telecom ?? []).some((point) => point.system === 'phone' && toE164(point.value, region) === phone);
}

function firstGivenName(patient: Patient): string | undefined {
  const names = patient.name ?? [];
  const name = names.find((candidate) => candidate.use === 'official') ?? names.find((candidate) => candidate.use === 'usual') ?? names[0];
  return name?.given?.[0];
}
