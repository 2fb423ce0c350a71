import type { Appointment, Location, Practitioner, Resource } from '@medplum/fhirtypes';
import { SCENARIOS } from './scenarios';

/**
 * The clinic's schedule in the sandbox: practitioners, locations and appointments, made relative to
 * `now` so that "upcoming" stays upcoming whenever the tests and the demo run. All names and
 * addresses are fictional.
 *
 * - Eleanor (the demo caller): a past visit, one later today, one next week with instructions, a
 *   cancelled one, a video visit, a pending one with two providers, a proposed one and a surgery
 *   (neither may be read out as an appointment): four upcoming in all.
 * - Harold: eight upcoming, in three departments, and a cancelled one.
 * - Ruth: none from now on (one past visit only).
 *
 * @example
 * startSandbox({ resources: [...loadSandboxResources(), ...sandboxSchedule(new Date())] });
 */
export function sandboxSchedule(now: Date): Resource[] {
  return [...PRACTITIONERS, ...LOCATIONS, ...appointments(now)];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Upcoming counts per scenario, as the schedule makes them (checked by test/sandbox/appointments.test.ts). */
export const UPCOMING_APPOINTMENT_COUNTS = { eleanor: 4, harold: 8, ruth: 0 } as const;

function practitioner(id: string, given: string, family: string, prefix: string): Practitioner {
  return { resourceType: 'Practitioner', id, active: true, name: [{ use: 'official', given: [given], family, prefix: [prefix] }] };
}

const PRACTITIONERS: Practitioner[] = [
  practitioner('prac-priya-raman', 'Priya', 'Raman', 'Dr.'),
  practitioner('prac-daniel-okafor', 'Daniel', 'Okafor', 'Dr.'),
  practitioner('prac-maria-lindgren', 'Maria', 'Lindgren', 'Dr.'),
  practitioner('prac-wei-chen', 'Wei', 'Chen', 'Nurse Practitioner'),
];

const LOCATIONS: Location[] = [
  { resourceType: 'Location', id: 'loc-lakeside', status: 'active', name: 'Lakeside Clinic', address: { line: ['200 Lakeside Drive'], city: 'Madison', state: 'WI', postalCode: '53703' } },
  { resourceType: 'Location', id: 'loc-maple', status: 'active', name: 'Maple Street Medical Center', address: { line: ['41 Maple Street', 'Suite 300'], city: 'Madison', state: 'WI', postalCode: '53704' } },
  { resourceType: 'Location', id: 'loc-prairie', status: 'active', name: 'Prairie View Clinic', address: { line: ['1800 Prairie View Road'], city: 'Sun Prairie', state: 'WI', postalCode: '53590' } },
  {
    resourceType: 'Location',
    id: 'loc-video',
    status: 'active',
    name: 'Video Visit',
    physicalType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'vi', display: 'Virtual' }] },
  },
];

const DISPLAY: Record<string, string> = {
  'prac-priya-raman': 'Priya Raman, MD',
  'prac-daniel-okafor': 'Daniel Okafor, MD',
  'prac-maria-lindgren': 'Maria Lindgren, MD',
  'prac-wei-chen': 'Wei Chen, NP',
  'loc-lakeside': 'Lakeside Clinic',
  'loc-maple': 'Maple Street Medical Center',
  'loc-prairie': 'Prairie View Clinic',
  'loc-video': 'Video Visit',
};

interface Visit {
  readonly id: string;
  readonly patientId: string;
  /** Start, in ms after `now`'s UTC midnight (or after `now` itself when `fromNow`). */
  readonly offsetMs: number;
  readonly fromNow?: boolean;
  readonly minutes?: number;
  readonly status: Appointment['status'];
  readonly practitioners: readonly string[];
  readonly location: string;
  readonly department: string;
  readonly category?: 'appointment' | 'surgery';
  readonly video?: boolean;
  readonly instructions?: string;
}

/** `days` after today's UTC midnight, at `hour` UTC (14:00 UTC is morning or midday in US zones). */
const at = (days: number, hour: number, minute = 0): number => days * DAY_MS + hour * HOUR_MS + minute * 60_000;

function visits(): Visit[] {
  const eleanor = SCENARIOS.eleanor.patientId;
  const harold = SCENARIOS.harold.patientId;
  const ruth = SCENARIOS.ruth.patientId;
  const haroldPlan: [number, string, string, string][] = [
    [3, 'prac-daniel-okafor', 'loc-lakeside', 'Family Medicine'],
    [9, 'prac-priya-raman', 'loc-maple', 'Cardiology'],
    [16, 'prac-wei-chen', 'loc-lakeside', 'Family Medicine'],
    [23, 'prac-maria-lindgren', 'loc-prairie', 'Endocrinology'],
    [30, 'prac-priya-raman', 'loc-maple', 'Cardiology'],
    [44, 'prac-daniel-okafor', 'loc-lakeside', 'Family Medicine'],
    [58, 'prac-maria-lindgren', 'loc-prairie', 'Endocrinology'],
    [72, 'prac-priya-raman', 'loc-maple', 'Cardiology'],
  ];
  return [
    { id: 'appt-eleanor-past', patientId: eleanor, offsetMs: at(-14, 15), status: 'fulfilled', practitioners: ['prac-daniel-okafor'], location: 'loc-lakeside', department: 'Family Medicine' },
    // Later today, whatever the hour: two hours from now.
    { id: 'appt-eleanor-today', patientId: eleanor, offsetMs: 2 * HOUR_MS, fromNow: true, status: 'booked', practitioners: ['prac-daniel-okafor'], location: 'loc-lakeside', department: 'Family Medicine' },
    { id: 'appt-eleanor-cancelled', patientId: eleanor, offsetMs: at(5, 15), status: 'cancelled', practitioners: ['prac-priya-raman'], location: 'loc-maple', department: 'Cardiology' },
    { id: 'appt-eleanor-proposed', patientId: eleanor, offsetMs: at(6, 16), status: 'proposed', practitioners: ['prac-wei-chen'], location: 'loc-lakeside', department: 'Family Medicine' },
    {
      id: 'appt-eleanor-cardiology',
      patientId: eleanor,
      offsetMs: at(7, 19, 30),
      status: 'booked',
      practitioners: ['prac-priya-raman'],
      location: 'loc-maple',
      department: 'Cardiology',
      instructions: 'Please arrive 15 minutes early and bring your medication list.',
    },
    {
      id: 'appt-eleanor-video',
      patientId: eleanor,
      offsetMs: at(10, 14),
      status: 'booked',
      practitioners: ['prac-maria-lindgren'],
      location: 'loc-video',
      department: 'Endocrinology',
      video: true,
      instructions: 'Join from the link in your patient portal ten minutes before the visit.',
    },
    { id: 'appt-eleanor-surgery', patientId: eleanor, offsetMs: at(12, 13), status: 'booked', practitioners: ['prac-priya-raman'], location: 'loc-maple', department: 'Cardiology', category: 'surgery' },
    { id: 'appt-eleanor-pending', patientId: eleanor, offsetMs: at(21, 16, 15), status: 'pending', practitioners: ['prac-wei-chen', 'prac-daniel-okafor'], location: 'loc-lakeside', department: 'Family Medicine' },
    ...haroldPlan.map(([days, doctor, location, department], index): Visit => ({
      id: `appt-harold-${index + 1}`,
      patientId: harold,
      offsetMs: at(days, 14 + (index % 4)),
      status: 'booked',
      practitioners: [doctor],
      location,
      department,
    })),
    { id: 'appt-harold-cancelled', patientId: harold, offsetMs: at(4, 15), status: 'cancelled', practitioners: ['prac-priya-raman'], location: 'loc-maple', department: 'Cardiology' },
    { id: 'appt-ruth-past', patientId: ruth, offsetMs: at(-30, 15), status: 'fulfilled', practitioners: ['prac-wei-chen'], location: 'loc-lakeside', department: 'Family Medicine' },
  ];
}

function appointments(now: Date): Appointment[] {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return visits().map((visit) => {
    // Rounded to the quarter hour, as schedules are.
    const start = visit.fromNow ? Math.ceil((now.getTime() + visit.offsetMs) / 900_000) * 900_000 : midnight + visit.offsetMs;
    const category = visit.category ?? 'appointment';
    return {
      resourceType: 'Appointment',
      id: visit.id,
      status: visit.status,
      serviceCategory: [{ coding: [{ code: category, display: category === 'surgery' ? 'Surgery' : 'Appointment' }], text: category }],
      serviceType: [{ text: visit.video ? 'Video Visit' : 'Office Visit' }],
      specialty: [{ text: visit.department }],
      start: new Date(start).toISOString(),
      end: new Date(start + (visit.minutes ?? 30) * 60_000).toISOString(),
      minutesDuration: visit.minutes ?? 30,
      ...(visit.instructions ? { patientInstruction: visit.instructions } : {}),
      participant: [
        { actor: { reference: `Patient/${visit.patientId}` }, status: 'accepted' },
        ...visit.practitioners.map((id) => ({ actor: { reference: `Practitioner/${id}`, display: DISPLAY[id] }, status: 'accepted' as const })),
        { actor: { reference: `Location/${visit.location}`, display: DISPLAY[visit.location] }, status: 'accepted' },
      ],
    };
  });
}
