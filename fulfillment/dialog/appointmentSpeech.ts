import { LOCALE_ID } from '../../contract';
import { CATALOGS } from '../../prompts';
import type { Appointment } from '../epic';

/** The words; one locale today, so the catalog is fixed here rather than chosen per call. */
const WORDS = CATALOGS[LOCALE_ID].appointments;

/** BCP 47 tag of the catalog's locale, for `Intl` (`en_US` → `en-US`). */
const INTL_LOCALE = LOCALE_ID.replace('_', '-');

/** Formatters by time zone: building one costs far more than using it, and a container serves one zone. */
const formatters = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string): { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat } {
  let found = formatters.get(timeZone);
  if (!found) {
    found = {
      date: new Intl.DateTimeFormat(INTL_LOCALE, { timeZone, weekday: 'long', month: 'long', day: 'numeric' }),
      time: new Intl.DateTimeFormat(INTL_LOCALE, { timeZone, hour: 'numeric', minute: '2-digit' }),
    };
    formatters.set(timeZone, found);
  }
  return found;
}

/**
 * When an appointment starts, in words, in the clinic's time zone: "Tuesday, March 10, at 2:30 PM";
 * on the hour "at 9 AM". `Intl` applies the zone's daylight-saving rules, so a visit the Monday
 * after the spring change is read at the same wall-clock time as the week before.
 *
 * @example
 * spokenWhen('2026-03-10T19:30:00Z', 'America/Chicago'); // 'Tuesday, March 10, at 2:30 PM'
 */
export function spokenWhen(start: string, timeZone: string): string {
  const instant = new Date(start);
  const { date, time } = formattersFor(timeZone);
  // ICU puts a narrow no-break space before AM/PM; TTS and text channels want a plain one.
  const clock = time.format(instant).replace(/\s+/gu, ' ').replace(/:00(?= )/, '');
  return WORDS.when(date.format(instant), clock);
}

/**
 * One appointment as a sentence: when, with whom, the department, where (name and street address),
 * video or in person, then the patient instructions, each only when Epic gives it.
 *
 * @example
 * describeAppointment(appointment, 'America/New_York');
 * // 'Tuesday, March 10, at 2:30 PM, with Dr. Priya Raman, in Cardiology, at Lakeside Clinic, 200 Lakeside Drive. This visit is in person.'
 */
export function describeAppointment(appointment: Appointment, timeZone: string): string {
  const parts = [spokenWhen(appointment.start, timeZone)];
  if (appointment.providerNames.length > 0) parts.push(WORDS.withProviders(joinNames(appointment.providerNames)));
  if (appointment.department) parts.push(WORDS.department(appointment.department));
  const place = [appointment.locationName, appointment.addressLine].filter(Boolean).join(', ');
  if (place && !appointment.video) parts.push(WORDS.place(place));
  const sentences = [`${parts.join(', ')}.`, appointment.video ? WORDS.video : WORDS.inPerson];
  if (appointment.instructions) sentences.push(endSentence(WORDS.instructions(appointment.instructions.replace(/\s+/g, ' ').trim())));
  return sentences.join(' ');
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${WORDS.and} ${names[names.length - 1] ?? ''}`;
}

function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
