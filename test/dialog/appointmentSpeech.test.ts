/**
 * How an appointment sounds: the weekday, date and time in the clinic's time zone (daylight saving
 * by the zone's own rules, dates that cross midnight in UTC), then who, where, video or in person and
 * the patient's instructions, SSML-safe.
 */
import { describe, expect, it } from 'vitest';
import { spokenPosition } from '../../fulfillment/dialog/appointments';
import { describeAppointment, englishInstructionsLine, patientInstructions, spokenWhen } from '../../fulfillment/dialog/appointmentSpeech';
import { phrasesFor } from '../../fulfillment/dialog/phrases';
import { LOCALE_ID } from '../../contract';
import { CATALOGS, EN_US } from '../../prompts';
import type { Appointment } from '../../fulfillment/epic';
import { toSsml } from '../../fulfillment/lex/speech';

/** The default locale's phrases (en_US). */
const PHRASES = phrasesFor(EN_US);

const VISIT: Appointment = {
  id: 'appt-1',
  start: '2026-03-10T19:30:00Z',
  status: 'booked',
  providerNames: ['Dr. Priya Raman'],
  department: 'Cardiology',
  locationName: 'Maple Street Medical Center',
  addressLine: '41 Maple Street, Madison',
  video: false,
};

describe('spoken appointment times', () => {
  it.each([
    ['the Friday before spring forward, on standard time', '2026-03-06T15:00:00Z', 'America/New_York', 'Friday, March 6, at 10 AM'],
    ['the Monday after spring forward, on daylight time: same wall clock, one hour less of UTC offset', '2026-03-09T14:00:00Z', 'America/New_York', 'Monday, March 9, at 10 AM'],
    ['just before the spring-forward gap', '2026-03-08T06:30:00Z', 'America/New_York', 'Sunday, March 8, at 1:30 AM'],
    ['just after the gap, 2:30 never happening that night', '2026-03-08T07:30:00Z', 'America/New_York', 'Sunday, March 8, at 3:30 AM'],
    ['the first 1:30 of the fall-back night, on daylight time', '2026-11-01T05:30:00Z', 'America/New_York', 'Sunday, November 1, at 1:30 AM'],
    ['the second 1:30 of the fall-back night, on standard time', '2026-11-01T06:30:00Z', 'America/New_York', 'Sunday, November 1, at 1:30 AM'],
    ['a UTC date that is still the evening before on the west coast', '2026-03-10T03:00:00Z', 'America/Los_Angeles', 'Monday, March 9, at 8 PM'],
    ['a zone without daylight saving, at noon', '2026-07-01T19:00:00Z', 'America/Phoenix', 'Wednesday, July 1, at 12 PM'],
    ['the clinic default zone in the afternoon', '2026-03-10T19:30:00Z', 'America/Chicago', 'Tuesday, March 10, at 2:30 PM'],
    ['a start written with its own offset', '2026-03-10T14:30:00-05:00', 'America/Chicago', 'Tuesday, March 10, at 2:30 PM'],
  ])('says %s', (_case, start, zone, expected) => {
    // Act
    const said = spokenWhen(start, zone, LOCALE_ID);
    // Assess
    expect(said).toBe(expected);
  });
});

describe('spoken appointments', () => {
  it('says when, with whom, the department, the place and its street address, and in person', () => {
    // Act
    const sentence = describeAppointment(VISIT, 'America/Chicago', LOCALE_ID);
    // Assess
    expect(sentence).toBe('Tuesday, March 10, at 2:30 PM, with Dr. Priya Raman, in Cardiology, at Maple Street Medical Center, 41 Maple Street, Madison. This visit is in person.');
  });

  it('says a video visit is one, without an address to drive to, and reads the instructions as a sentence', () => {
    // Act
    const sentence = describeAppointment({ ...VISIT, video: true, instructions: 'Join from the link in your portal' }, 'America/Chicago', LOCALE_ID);
    // Assess
    expect(sentence).toBe('Tuesday, March 10, at 2:30 PM, with Dr. Priya Raman, in Cardiology. This is a video visit. Instructions: Join from the link in your portal.');
  });

  it('joins several providers with "and", and leaves out what Epic does not give', () => {
    // Act
    const sentence = describeAppointment({ id: 'a', start: VISIT.start, status: 'booked', providerNames: ['Wei Chen, NP', 'Daniel Okafor, MD', 'Ken Ito'], video: false }, 'America/Chicago', LOCALE_ID);
    // Assess
    expect(sentence).toBe('Tuesday, March 10, at 2:30 PM, with Wei Chen, NP, Daniel Okafor, MD and Ken Ito. This visit is in person.');
  });

  it('ends a Spanish sentence whose time ends in "p.m." with one period, not two', () => {
    // Act
    const sentence = describeAppointment({ id: 'a', start: VISIT.start, status: 'booked', providerNames: [], video: false }, 'America/Chicago', 'es_US');
    // Assess
    expect(sentence).toMatch(/p\.\s?m\. /);
    expect(sentence).not.toContain('..');
  });

  it('says in a Spanish call that the instructions are only in English, never the English text itself', () => {
    // Act
    const sentence = describeAppointment({ ...VISIT, instructions: 'Fast for 12 hours.' }, 'America/Chicago', 'es_US');
    // Assess
    expect(sentence.endsWith(`Es una consulta en persona. ${CATALOGS.es_US.appointments.instructionsInEnglish}`)).toBe(true);
    expect(sentence).not.toContain('Fast');
  });

  it('leaves out instructions Epic sends as blanks only, in either language', () => {
    // Prepare
    const blank = { ...VISIT, instructions: ' \n\t ' };
    // Act
    const english = describeAppointment(blank, 'America/Chicago', LOCALE_ID);
    const spanish = describeAppointment(blank, 'America/Chicago', 'es_US');
    // Assess
    expect(english).toBe(describeAppointment(VISIT, 'America/Chicago', LOCALE_ID));
    expect(spanish).toBe(describeAppointment(VISIT, 'America/Chicago', 'es_US'));
    expect(patientInstructions(blank)).toBe('');
  });

  it('reads the chosen English as when the visit starts, then its instructions on one line, or the instructions alone without a start', () => {
    // Act
    const withStart = englishInstructionsLine(patientInstructions({ ...VISIT, instructions: 'Fast for\n12 hours' }), VISIT.start, 'America/Chicago');
    const alone = englishInstructionsLine('Fast for 12 hours', undefined, 'America/Chicago');
    // Assess
    expect(withStart).toBe('Tuesday, March 10, at 2:30 PM. Instructions: Fast for 12 hours.');
    expect(alone).toBe('Instructions: Fast for 12 hours.');
  });

  it('escapes chart text in SSML, so instructions with markup or ampersands cannot break the message', () => {
    // Prepare
    const sentence = describeAppointment({ ...VISIT, instructions: 'Bring <b>labs</b> & "forms"' }, 'America/Chicago', LOCALE_ID);
    // Act
    const ssml = toSsml(PHRASES.appointmentItem(sentence));
    // Assess
    expect(ssml).toContain('&amp;');
    expect(ssml).not.toContain('<b>');
  });
});

describe('the position a caller names', () => {
  it.each([
    ['change the second one', 1],
    ['cancel the 3rd one', 2],
    ['reschedule my next appointment', 0],
    ['the first one', 0],
    ['change appointment number two', 1],
    ['change my appointment', undefined],
  ])('"%s" is position %s', (transcript, expected) => {
    expect(spokenPosition(transcript, LOCALE_ID)).toBe(expected);
  });
});
