import type { ContactPoint, Identifier, Patient } from '@medplum/fhirtypes';
import { HttpError } from './http';

/** Patient search parameters the sandbox understands (Epic's R4 Patient.Search subset). */
export const PATIENT_SEARCH_PARAMS = [
  '_id',
  'identifier',
  'birthdate',
  'gender',
  'legal-sex',
  'telecom',
  'phone',
  'email',
  'family',
  'given',
] as const;

const GENDERS = new Set(['male', 'female', 'other', 'unknown']);

/** True when `params` has a non-blank value for `name`. */
function has(params: URLSearchParams, name: string): boolean {
  return params.getAll(name).some((value) => value.trim().length > 0);
}

/**
 * Epic refuses a Patient search unless it carries one of its minimum data sets, so a client must
 * send enough demographics to make a match meaningful. Throws a 400 naming the sets.
 */
export function checkMinimumDataSet(params: URLSearchParams, relaxed: boolean): void {
  const name = has(params, 'given') && has(params, 'family');
  const sex = has(params, 'gender') || has(params, 'legal-sex');
  const phone = has(params, 'telecom') || has(params, 'phone');
  const contact = phone || has(params, 'email');
  const birthdate = has(params, 'birthdate');
  const sets = [
    has(params, '_id'),
    has(params, 'identifier'),
    name && birthdate,
    name && sex && contact,
    relaxed && phone && birthdate,
  ];
  if (sets.some(Boolean)) return;
  const present = PATIENT_SEARCH_PARAMS.filter((param) => has(params, param));
  const wanted = [
    '_id',
    'identifier',
    'given+family+birthdate',
    'given+family+gender (or legal-sex)+telecom (or phone, email)',
    ...(relaxed ? ['telecom (or phone)+birthdate'] : []),
  ];
  throw new HttpError(
    400,
    'required',
    `Patient search is missing a minimum data set; supply one of: ${wanted.join('; ')}. ` +
      `Parameters given: ${present.length > 0 ? present.join(', ') : 'none'}`,
  );
}

/** Lower-cases and strips accents, as Epic's name matching ignores both. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

function digits(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * Epic's telecom match is fuzzy: numbers agreeing on their last seven digits match, so a caller
 * whose area code differs from the chart still comes back. Clients must re-check the result.
 */
export function phoneNearMatch(query: string, value: string): boolean {
  const wanted = digits(query);
  const actual = digits(value);
  if (wanted.length === 0 || actual.length === 0) return false;
  if (wanted.length < 7 || actual.length < 7) return wanted === actual;
  return wanted.slice(-7) === actual.slice(-7);
}

/** Splits a token `system|value` (either side optional). */
function splitToken(token: string): { system: string | undefined; value: string } {
  const bar = token.indexOf('|');
  if (bar < 0) return { system: undefined, value: token };
  return { system: token.slice(0, bar) || undefined, value: token.slice(bar + 1) };
}

function telecomMatches(points: readonly ContactPoint[], token: string, only?: 'phone' | 'email'): boolean {
  const { system, value } = splitToken(token);
  const kind = only ?? (system === 'email' || value.includes('@') ? 'email' : 'phone');
  return points.some((point) => {
    if (!point.value) return false;
    if (system && point.system !== system) return false;
    if (kind === 'email') return point.system === 'email' && point.value.toLowerCase() === value.trim().toLowerCase();
    return (point.system === 'phone' || point.system === 'sms' || point.system === undefined) && phoneNearMatch(value, point.value);
  });
}

/** True when any identifier matches `system|value` or a bare `value`. */
export function identifierMatches(identifiers: readonly Identifier[] | undefined, token: string): boolean {
  const { system, value } = splitToken(token);
  return (identifiers ?? []).some((identifier) => (!system || identifier.system === system) && identifier.value === value);
}

function validateValue(name: string, value: string): string {
  const trimmed = value.trim();
  if (name === 'birthdate') {
    // Epic matches birth dates exactly; range prefixes other than `eq` are not supported.
    const date = trimmed.startsWith('eq') ? trimmed.slice(2) : trimmed;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new HttpError(400, 'invalid', 'birthdate must be an exact date YYYY-MM-DD');
    }
    return date;
  }
  if ((name === 'gender' || name === 'legal-sex') && !GENDERS.has(trimmed.toLowerCase())) {
    throw new HttpError(400, 'invalid', `${name} must be one of male, female, other, unknown`);
  }
  return trimmed;
}

function valueMatches(patient: Patient, name: string, value: string): boolean {
  const names = patient.name ?? [];
  switch (name) {
    case '_id':
      return patient.id === value;
    case 'identifier':
      return identifierMatches(patient.identifier, value);
    case 'birthdate':
      return patient.birthDate === value;
    case 'gender':
    case 'legal-sex':
      return patient.gender === value.toLowerCase();
    case 'telecom':
      return telecomMatches(patient.telecom ?? [], value);
    case 'phone':
      return telecomMatches(patient.telecom ?? [], value, 'phone');
    case 'email':
      return telecomMatches(patient.telecom ?? [], value, 'email');
    case 'family':
      return names.some((humanName) => fold(humanName.family ?? '').startsWith(fold(value)));
    case 'given':
      return names.some((humanName) => (humanName.given ?? []).some((given) => fold(given).startsWith(fold(value))));
    default:
      return false;
  }
}

/**
 * Patients matching every search parameter (repeats AND together, comma-separated values OR), after
 * the minimum data set check. Unknown parameters were refused earlier by the router.
 */
export function searchPatients(patients: readonly Patient[], params: URLSearchParams, relaxed: boolean): Patient[] {
  checkMinimumDataSet(params, relaxed);
  const criteria: { name: string; alternatives: string[] }[] = [];
  for (const name of PATIENT_SEARCH_PARAMS) {
    for (const raw of params.getAll(name)) {
      if (raw.trim().length === 0) continue;
      criteria.push({ name, alternatives: raw.split(',').map((value) => validateValue(name, value)) });
    }
  }
  return patients.filter((patient) =>
    criteria.every(({ name, alternatives }) => alternatives.some((value) => valueMatches(patient, name, value))),
  );
}
