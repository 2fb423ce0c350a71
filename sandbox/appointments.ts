import type { Appointment, Resource } from '@medplum/fhirtypes';
import { alternatives, filterAll, type SearchResult } from './clinical';
import { HttpError } from './http';
import { referencedId, type ResourceStore } from './store';

/**
 * `_include`s the sandbox serves on Appointment: the standard R4 search parameters `practitioner`,
 * `location` and `actor`. Epic's support of them is not documented publicly (see the README); an Epic
 * that refuses them is played with `refuseInclude`.
 */
export const APPOINTMENT_SEARCH_INCLUDES = ['Appointment:practitioner', 'Appointment:location', 'Appointment:actor'] as const;

const APPOINTMENT_STATUSES = new Set(['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist']);
/** `service-category` values of Epic's two Appointment searches: clinic visits and scheduled surgeries. */
const SERVICE_CATEGORIES = new Set(['appointment', 'surgery']);
const DATE_PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb'] as const;

/** The patients an appointment is for (its `Patient` participants). */
function patientsOf(appointment: Appointment): string[] {
  return (appointment.participant ?? []).map((p) => referencedId(p.actor, 'Patient')).filter((id): id is string => id !== undefined);
}

/** One `date` value as a test on the start: a prefix (`ge2026-03-01T00:00:00Z`) and a date or date-time. */
function dateTest(raw: string): (start: number) => boolean {
  const prefix = DATE_PREFIXES.find((candidate) => raw.startsWith(candidate)) ?? 'eq';
  const value = raw.startsWith(prefix) ? raw.slice(2) : raw;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) {
    throw new HttpError(400, 'invalid', 'date must be a FHIR date or dateTime with an optional prefix (ge, gt, le, lt, eq)');
  }
  const dayOnly = value.length === 10;
  const low = Date.parse(dayOnly ? `${value}T00:00:00Z` : value);
  const high = dayOnly ? low + 86_400_000 : low + 1000;
  switch (prefix) {
    case 'ge':
      return (start) => start >= low;
    case 'gt':
    case 'sa':
      return (start) => start >= high;
    case 'le':
      return (start) => start < high;
    case 'lt':
    case 'eb':
      return (start) => start < low;
    case 'ne':
      return (start) => start < low || start >= high;
    default:
      return (start) => start >= low && start < high;
  }
}

function includes(store: ResourceStore, query: URLSearchParams): ((page: readonly Resource[]) => readonly Resource[]) | undefined {
  const asked = query.getAll('_include');
  for (const value of asked) {
    if (!(APPOINTMENT_SEARCH_INCLUDES as readonly string[]).includes(value)) {
      throw new HttpError(400, 'not-supported', `_include supports only ${APPOINTMENT_SEARCH_INCLUDES.join(', ')}`);
    }
  }
  if (asked.length === 0) return undefined;
  const types = new Set(asked.flatMap((value) => (value === 'Appointment:actor' ? ['Practitioner', 'Location'] : value === 'Appointment:location' ? ['Location'] : ['Practitioner'])));
  return (page) => {
    const found = new Map<string, Resource>();
    for (const appointment of page as Appointment[]) {
      for (const { actor } of appointment.participant ?? []) {
        for (const type of types) {
          const id = referencedId(actor, type);
          const resource = id ? store.get(type, id) : undefined;
          if (resource) found.set(`${type}/${id ?? ''}`, resource);
        }
      }
    }
    return [...found.values()];
  };
}

/**
 * `Appointment?patient=&service-category=appointment&date=ge…&status=&_include=…`, as Epic's
 * `Appointment.Search (Appointments) (R4)`: a patient is required (400 without), `date` takes the
 * FHIR prefixes and may repeat (a range), `service-category` tells clinic visits from surgeries,
 * statuses are FHIR's. Sorted by start, as a schedule is.
 */
export function searchAppointments(store: ResourceStore, query: URLSearchParams): SearchResult {
  const patients = alternatives(query, 'patient').map((values) => values.map((value) => (value.includes('/') ? (referencedId(value, 'Patient') ?? '') : value)));
  if (patients.length === 0 && alternatives(query, '_id').length === 0) throw new HttpError(400, 'required', 'Appointment search requires a patient');
  const categories = alternatives(query, 'service-category');
  for (const category of categories.flat()) {
    if (!SERVICE_CATEGORIES.has(category)) throw new HttpError(400, 'invalid', `service-category must be one of ${[...SERVICE_CATEGORIES].join(', ')}`);
  }
  const statuses = alternatives(query, 'status');
  for (const status of statuses.flat()) {
    if (!APPOINTMENT_STATUSES.has(status)) throw new HttpError(400, 'invalid', `Appointment status must be one of ${[...APPOINTMENT_STATUSES].join(', ')}`);
  }
  const dates = query.getAll('date').map(dateTest);
  const include = includes(store, query);
  let matches = store.all<Appointment>('Appointment').filter((appointment) => patients.every((group) => patientsOf(appointment).some((id) => group.includes(id))));
  matches = filterAll(matches, alternatives(query, '_id'), (appointment) => appointment.id);
  matches = filterAll(matches, statuses, (appointment) => appointment.status);
  matches = matches.filter((appointment) =>
    categories.every((group) => (appointment.serviceCategory ?? []).some((concept) => (concept.coding ?? []).some((coding) => group.includes(coding.code ?? '')))),
  );
  matches = matches.filter((appointment) => dates.every((test) => test(Date.parse(appointment.start ?? ''))));
  matches.sort((a, b) => Date.parse(a.start ?? '') - Date.parse(b.start ?? ''));
  return include ? { matches, includes: include } : { matches };
}
