/**
 * Long chart entries for tests of the kept lists' size bounds: many of them fill a sealed list
 * before `MAX_KEPT_*` is reached.
 */
import type { Appointment, MedicationSummary } from '../../fulfillment/epic';

/** A medication with free-text instructions only (English only in Spanish), long enough to reach the sentence cap. */
export function longEnglishOnlyMedication(index: number): MedicationSummary {
  return {
    id: `rx-${index}`,
    name: `medication number ${index} ${'extended release combination '.repeat(6)}`.trim(),
    doseText: `${index} mg`,
    instructions: `take one tablet by mouth every morning with food and plenty of water, number ${index}`,
    authoredOn: undefined,
  };
}

/** A visit `index` days after a fixed Monday (15:00 UTC), with long instructions. */
export function longVisit(index: number): Appointment {
  return {
    id: `appt-long-${index}`,
    start: new Date(Date.UTC(2030, 0, 7 + index, 15)).toISOString(),
    status: 'booked',
    providerNames: [`Dr. Provider Number ${index}`],
    department: 'Family Medicine',
    locationName: 'Lakeside Clinic',
    addressLine: '200 Lakeside Drive, Madison',
    video: false,
    instructions: `Please bring your insurance card, a photo id and the list of questions you want to ask, visit ${index}. `.repeat(3),
  };
}
