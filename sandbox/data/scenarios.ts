import type { Patient } from '@medplum/fhirtypes';
import { loadSandboxResources } from './load';

/** One synthetic patient of `sandbox/data/patients/`, named for tests and the demo. */
export interface SandboxPatientScenario {
  /** FHIR id of the Patient. */
  readonly patientId: string;
  /** First given name. */
  readonly given: string;
  readonly family: string;
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly gender: 'female' | 'male' | 'other' | 'unknown';
  /** How Amazon Connect would present the caller: E.164, e.g. `+16085550142`. */
  readonly callerNumber: string;
  /** MedicationRequests with status `active`. */
  readonly activeMedicationCount: number;
  /** The edge case this patient exists for, one line. */
  readonly note: string;
}

/**
 * Every synthetic patient, by first name. All names, phone numbers (555-01XX), addresses and e-mail
 * addresses are fictional. `test/sandbox/data.test.ts` checks each entry against the data.
 */
export const SCENARIOS = {
  eleanor: {
    patientId: 'pat-eleanor-whitfield',
    given: 'Eleanor',
    family: 'Whitfield',
    birthDate: '1948-03-14',
    gender: 'female',
    callerNumber: '+16085550142',
    activeMedicationCount: 4,
    note: 'demo caller: unique phone, middle name, 4 active medications in every shape (coded, text, inhaler, contained) plus one stopped; two fully structured (said in Spanish), two English text only',
  },
  harold: {
    patientId: 'pat-harold-halvorsen',
    given: 'Harold',
    family: 'Halvorsen',
    birthDate: '1951-09-02',
    gender: 'male',
    callerNumber: '+14145550117',
    activeMedicationCount: 2,
    note: 'married couple sharing a home phone, older spouse; structured dose without dosage text; a completed course',
  },
  ruth: {
    patientId: 'pat-ruth-halvorsen',
    given: 'Ruth',
    family: 'Halvorsen',
    birthDate: '1953-01-27',
    gender: 'female',
    callerNumber: '+14145550117',
    activeMedicationCount: 3,
    note: 'married couple sharing a home phone, different birth date; the shared phone is her second number; a cancelled order; a weekly timing coded only in an Epic-style local system (English only in Spanish)',
  },
  tobias: {
    patientId: 'pat-tobias-lindqvist',
    given: 'Tobias',
    family: 'Lindqvist',
    birthDate: '1999-07-21',
    gender: 'male',
    callerNumber: '+16085550183',
    activeMedicationCount: 1,
    note: 'twin living with his sister: same phone and birth date, different gender; telecom search asks their first name',
  },
  annika: {
    patientId: 'pat-annika-lindqvist',
    given: 'Annika',
    family: 'Lindqvist',
    birthDate: '1999-07-21',
    gender: 'female',
    callerNumber: '+16085550183',
    activeMedicationCount: 2,
    note: 'twin living with her brother: same phone and birth date, different gender; telecom search asks their first name; a medication with no dosage',
  },
  beatrice: {
    patientId: 'pat-beatrice-nakamura',
    given: 'Beatrice',
    family: 'Nakamura',
    birthDate: '1962-11-05',
    gender: 'female',
    callerNumber: '+12625550129',
    activeMedicationCount: 2,
    note: 'near match of Gwendolyn: same birth date, gender and last 7 phone digits, area code 262 instead of 920',
  },
  gwendolyn: {
    patientId: 'pat-gwendolyn-farrow',
    given: 'Gwendolyn',
    family: 'Farrow',
    birthDate: '1962-11-05',
    gender: 'female',
    callerNumber: '+19205550129',
    activeMedicationCount: 3,
    note: 'near match of Beatrice: same birth date, gender and last 7 phone digits, area code 920 instead of 262',
  },
  desmond: {
    patientId: 'pat-desmond-achterberg',
    given: 'Desmond',
    family: 'Achterberg',
    birthDate: '1987-04-30',
    gender: 'male',
    callerNumber: '+17155550154',
    activeMedicationCount: 0,
    note: 'no medications at all; only a work phone written 1-715-555-0154, after an e-mail address',
  },
  winifred: {
    patientId: 'pat-winifred-castellano',
    given: 'Winifred',
    family: 'Castellano',
    birthDate: '1939-12-08',
    gender: 'female',
    callerNumber: '+19205550176',
    activeMedicationCount: 12,
    note: 'exactly 12 active medications (paging, long lists) plus one stopped, completed, on-hold and cancelled each',
  },
  cornelius: {
    patientId: 'pat-cornelius-abernathy',
    given: 'Cornelius',
    family: 'Abernathy',
    birthDate: '1958-06-17',
    gender: 'male',
    callerNumber: '+16085550191',
    activeMedicationCount: 2,
    note: 'more inactive orders (stopped, completed, on-hold, cancelled) than active ones; one active has no dosage at all',
  },
  rowan: {
    patientId: 'pat-rowan-thistlewood',
    given: 'Rowan',
    family: 'Thistlewood',
    birthDate: '1995-02-11',
    gender: 'other',
    callerNumber: '+12625550133',
    activeMedicationCount: 1,
    note: 'gender "other"; calls from the mobile, listed after a work phone',
  },
  sasha: {
    patientId: 'pat-sasha-everhart',
    given: 'Sasha',
    family: 'Everhart',
    birthDate: '2001-08-19',
    gender: 'unknown',
    callerNumber: '+12625550107',
    activeMedicationCount: 2,
    note: 'gender "unknown"; phone charted already in E.164; a nasal spray with the Epic route "Each Nare" (English only in Spanish)',
  },
  theodora: {
    patientId: 'pat-theodora-marchetti',
    given: 'Theodora',
    family: 'Marchetti',
    birthDate: '1970-10-03',
    gender: 'female',
    callerNumber: '+14145550165',
    activeMedicationCount: 3,
    note: 'middle name; e-mail, work phone, then the mobile she calls from; insulin pen with a structured dose and no text (nor route: English only in Spanish); metformin structured with meals (said in Spanish)',
  },
  augustin: {
    patientId: 'pat-augustin-pemberton',
    given: 'Augustin',
    family: 'Pemberton',
    birthDate: '1944-05-22',
    gender: 'male',
    callerNumber: '+17155550148',
    activeMedicationCount: 4,
    note: 'anticoagulated: warfarin with both dosage text and structured dose plus an "as directed" instruction (English only in Spanish), contained metoprolol, potassium with no dosage',
  },
  ingrid: {
    patientId: 'pat-ingrid-brekke',
    given: 'Ingrid',
    family: 'Brekke',
    birthDate: '1986-10-09',
    gender: 'female',
    callerNumber: '+17155550162',
    activeMedicationCount: 1,
    note: 'twin sister of Astrid: same home phone, birth date and gender, told apart only by first name; has her own mobile too',
  },
  astrid: {
    patientId: 'pat-astrid-brekke',
    given: 'Astrid',
    family: 'Brekke',
    birthDate: '1986-10-09',
    gender: 'female',
    callerNumber: '+17155550162',
    activeMedicationCount: 2,
    note: 'twin sister of Ingrid: same home phone, birth date and gender, told apart only by first name; a completed course',
  },
} as const satisfies Record<string, SandboxPatientScenario>;

/** Every scenario, in patient-file order. */
export const ALL_SCENARIOS: readonly SandboxPatientScenario[] = Object.values(SCENARIOS);

/** The demo's default caller: a patient with a unique phone, exactly 4 active medications. */
export const DEMO_CALLER = SCENARIOS.eleanor;

/** Every phone number as written in some Patient.telecom (system `phone`), in file order, without repeats. */
export const ALL_PHONE_STRINGS: readonly string[] = [
  ...new Set(
    loadSandboxResources()
      .filter((resource): resource is Patient => resource.resourceType === 'Patient')
      .flatMap((patient) => patient.telecom ?? [])
      .filter((point) => point.system === 'phone' && typeof point.value === 'string')
      .map((point) => point.value as string),
  ),
];
