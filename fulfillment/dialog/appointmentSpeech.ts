import { LOCALE_ID, type LocaleId } from '../../contract';
import { CATALOGS, dateTimeFormat } from '../../prompts';
import type { Appointment } from '../epic';

/**
 * When an appointment starts, in the locale's words, in the clinic's time zone: "Tuesday, March 10, at 2:30 PM";
 * on the hour "at 9 AM". `Intl` applies the zone's daylight-saving rules, so a visit the Monday
 * after the spring change is read at the same wall-clock time as the week before.
 *
 * @example
 * spokenWhen('2026-03-10T19:30:00Z', 'America/Chicago', 'en_US'); // 'Tuesday, March 10, at 2:30 PM'
 */
export function spokenWhen(start: string, timeZone: string, locale: LocaleId): string {
  const instant = new Date(start);
  // ICU puts a narrow no-break space before AM/PM; TTS and text channels want a plain one.
  const clock = dateTimeFormat(locale, timeZone, 'spokenTime').format(instant).replace(/\s+/gu, ' ').replace(/:00(?= )/, '');
  return CATALOGS[locale].appointments.when(dateTimeFormat(locale, timeZone, 'spokenDate').format(instant), clock);
}

/**
 * One appointment as a sentence: when, with whom, the department, where (name and street address),
 * video or in person, then the patient instructions, each only when Epic gives it (`when`: the
 * start as {@link spokenWhen} says it, for a caller that has it already). Epic's
 * instructions are English free text: a call in another language hears that they are only in
 * English instead (`instructionsInEnglish`), never a translation of them.
 *
 * @example
 * describeAppointment(appointment, 'America/New_York', 'en_US');
 * // 'Tuesday, March 10, at 2:30 PM, with Dr. Priya Raman, in Cardiology, at Lakeside Clinic, 200 Lakeside Drive. This visit is in person.'
 */
export function describeAppointment(appointment: Appointment, timeZone: string, locale: LocaleId, when = spokenWhen(appointment.start, timeZone, locale)): string {
  const words = CATALOGS[locale].appointments;
  const parts = [when];
  if (appointment.providerNames.length > 0) parts.push(words.withProviders(joinNames(appointment.providerNames, words.and)));
  if (appointment.department) parts.push(words.department(appointment.department));
  const place = [appointment.locationName, appointment.addressLine].filter(Boolean).join(', ');
  if (place && !appointment.video) parts.push(words.place(place));
  const sentences = [endSentence(parts.join(', ')), appointment.video ? words.video : words.inPerson];
  const instructions = patientInstructions(appointment);
  if (instructions) sentences.push(locale === LOCALE_ID ? endSentence(words.instructions(instructions)) : words.instructionsInEnglish);
  return sentences.join(' ');
}

/**
 * The appointment's patient instructions on one line ('' when Epic gives none, or only blanks):
 * Epic's free text, in English, which a call in another language never hears translated.
 */
export function patientInstructions(appointment: Appointment): string {
  return appointment.instructions?.replace(/\s+/g, ' ').trim() ?? '';
}

/**
 * What a caller of another language hears after choosing English: when the visit starts, then its
 * instructions, both in English ("Tuesday, March 10, at 2:30 PM. Instructions: Please arrive
 * early."); the instructions alone when the start is unknown.
 */
export function englishInstructionsLine(instructions: string, start: string | undefined, timeZone: string): string {
  const said = endSentence(CATALOGS[LOCALE_ID].appointments.instructions(instructions));
  return start ? `${endSentence(spokenWhen(start, timeZone, LOCALE_ID))} ${said}` : said;
}

function joinNames(names: readonly string[], and: string): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1] ?? ''}`;
}

function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
