import * as z from 'zod';
import type { CallOptions } from './deadline';
import { FhirError } from './errors';
import type { FhirClient } from './fhirClient';
import type { Appointment } from './ports';

/**
 * Whether the server refused `_include` on Appointment. Shared by every lookup of one container (the
 * gateway holds one), so only the first lookup after a refusal pays the 400.
 */
export class AppointmentIncludeSupport {
  /** Set once the server answered 400 to the `_include`. */
  public refused = false;
}

/** Options of {@link upcomingAppointments}. */
export interface UpcomingAppointmentsOptions extends CallOptions {
  /** "Now": appointments starting before it are left out. */
  readonly now: number;
  /** Pages followed at most. @default 3 */
  readonly maxPages?: number;
  /** What this container knows of the server's `_include`. @default a fresh AppointmentIncludeSupport */
  readonly include?: AppointmentIncludeSupport;
}

/**
 * The statuses a caller is told about: `booked` (confirmed), `arrived` (checked in, not yet seen) and
 * `pending` (not all participants confirmed yet). `proposed`, `waitlist`, `cancelled`, `noshow`,
 * `fulfilled`, `entered-in-error` and `checked-in` are not appointments to come (FHIR R4
 * AppointmentStatus, https://hl7.org/fhir/R4/valueset-appointmentstatus.html). Filtered here: a
 * server that ignores a `status` parameter cannot make a cancelled visit sound booked.
 */
export const UPCOMING_STATUSES = ['booked', 'arrived', 'pending'] as const;

/**
 * `_include`s of the one request: the practitioners and the locations the participants reference
 * (FHIR R4 Appointment search parameters `practitioner` and `location`).
 */
export const APPOINTMENT_INCLUDES = ['Appointment:practitioner', 'Appointment:location'] as const;

/** Free text from the chart: trimmed, cut to a length a phone can read, absent when blank or not a string. */
const text = z
  .string()
  .transform((value) => value.replace(/\s+/g, ' ').trim().slice(0, 1000) || undefined)
  .optional()
  .catch(undefined);
const coding = z.object({ system: z.string().optional().catch(undefined), code: z.string().optional().catch(undefined), display: text });
const concept = z.object({ text, coding: z.array(coding).optional().catch(undefined) });
const reference = z.object({ reference: z.string().optional().catch(undefined), display: text });

/** The fields of an R4 Appointment read here; anything malformed is dropped, never trusted. */
const appointmentSchema = z.object({
  resourceType: z.literal('Appointment'),
  id: z.string().min(1).max(200),
  status: z.string(),
  start: z.string().refine((value) => Number.isFinite(Date.parse(value))),
  end: z.string().optional().catch(undefined),
  specialty: z.array(concept).optional().catch(undefined),
  serviceType: z.array(concept).optional().catch(undefined),
  appointmentType: concept.optional().catch(undefined),
  patientInstruction: text,
  extension: z.array(z.object({ url: z.string() })).optional().catch(undefined),
  participant: z.array(z.object({ actor: reference.optional().catch(undefined) })).catch([]),
});

const humanName = z.object({
  text,
  family: text,
  given: z.array(z.string()).optional().catch(undefined),
  prefix: z.array(z.string()).optional().catch(undefined),
  use: z.string().optional().catch(undefined),
});
const practitionerSchema = z.object({ resourceType: z.literal('Practitioner'), id: z.string(), name: z.array(humanName).optional().catch(undefined) });
const locationSchema = z.object({
  resourceType: z.literal('Location'),
  id: z.string(),
  name: text,
  address: z.object({ line: z.array(z.string()).optional().catch(undefined), city: text }).optional().catch(undefined),
  physicalType: concept.optional().catch(undefined),
});

type FhirAppointment = z.infer<typeof appointmentSchema>;
type Included = { practitioners: Map<string, z.infer<typeof practitionerSchema>>; locations: Map<string, z.infer<typeof locationSchema>> };

/** Words that mark a visit by video, in a coded type or its text. */
const VIDEO_WORDS = /\b(video|telehealth|telemedicine|virtual)\b/i;
/** `Location.physicalType` code of a virtual location (HL7 location-physical-type `vi`). */
const VIRTUAL_LOCATION = 'vi';

/**
 * The patient's appointments from now on, soonest first: Epic's `Appointment.Search (Appointments)
 * (R4)`, `Appointment?patient=&service-category=appointment&date=ge<now>` with the practitioners
 * and locations included, in one request. Statuses ({@link UPCOMING_STATUSES}), the start and the
 * patient are re-checked here. When the server refuses the `_include` (400) the search is sent
 * again without it, names then come from `participant.actor.display` (Epic's references carry
 * them) and the address is unknown: two requests for the first lookup only, since the refusal is
 * remembered per container; reading each Practitioner and Location would cost a request per visit.
 *
 * @example
 * const list = await upcomingAppointments(fhir, 'pat-1', { now: Date.now() });
 */
export async function upcomingAppointments(fhir: FhirClient, patientId: string, options: UpcomingAppointmentsOptions): Promise<Appointment[]> {
  const include = options.include ?? new AppointmentIncludeSupport();
  // Whole seconds: a FHIR dateTime may carry fractions, but nothing is gained by sending them.
  const from = new Date(Math.floor(options.now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const params = { patient: patientId, 'service-category': 'appointment', date: `ge${from}` };
  const call: CallOptions = { signal: options.signal };
  const maxPages = options.maxPages ?? 3;
  let found;
  if (!include.refused) {
    try {
      found = await fhir.searchAll('Appointment', { ...params, _include: [...APPOINTMENT_INCLUDES] }, maxPages, call);
    } catch (error) {
      if (!(error instanceof FhirError) || error.status !== 400) throw error;
      include.refused = true;
    }
  }
  found ??= await fhir.searchAll('Appointment', params, maxPages, call);

  const appointments: FhirAppointment[] = [];
  const included: Included = { practitioners: new Map(), locations: new Map() };
  for (const { resource } of found.entries) {
    const appointment = appointmentSchema.safeParse(resource);
    if (appointment.success) appointments.push(appointment.data);
    const practitioner = practitionerSchema.safeParse(resource);
    if (practitioner.success) included.practitioners.set(practitioner.data.id, practitioner.data);
    const location = locationSchema.safeParse(resource);
    if (location.success) included.locations.set(location.data.id, location.data);
  }
  return appointments
    .filter((appointment) => (UPCOMING_STATUSES as readonly string[]).includes(appointment.status))
    .filter((appointment) => Date.parse(appointment.start) >= options.now)
    // A server that ignored `patient` must not read out someone else's visit.
    .filter((appointment) => appointment.participant.some((p) => referencedId(p.actor?.reference, 'Patient') === patientId))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .map((appointment) => toAppointment(appointment, included));
}

function toAppointment(appointment: FhirAppointment, included: Included): Appointment {
  const providers: string[] = [];
  let location: z.infer<typeof locationSchema> | undefined;
  let locationDisplay: string | undefined;
  for (const { actor } of appointment.participant) {
    const practitionerId = referencedId(actor?.reference, 'Practitioner');
    if (practitionerId !== undefined) {
      const name = practitionerName(included.practitioners.get(practitionerId)) ?? actor?.display;
      if (name && !providers.includes(name)) providers.push(name);
    }
    const locationId = referencedId(actor?.reference, 'Location');
    if (locationId !== undefined && location === undefined && locationDisplay === undefined) {
      location = included.locations.get(locationId);
      locationDisplay = actor?.display;
    }
  }
  const department = conceptText(appointment.specialty?.[0]);
  const locationName = location?.name ?? locationDisplay;
  const addressLine = location?.address?.line?.map((line) => line.trim()).filter(Boolean).join(', ');
  return {
    id: appointment.id,
    start: appointment.start,
    ...(appointment.end && Number.isFinite(Date.parse(appointment.end)) ? { end: appointment.end } : {}),
    status: appointment.status,
    providerNames: providers,
    ...(department ? { department } : {}),
    ...(locationName ? { locationName } : {}),
    ...(addressLine ? { addressLine: location?.address?.city ? `${addressLine}, ${location.address.city}` : addressLine } : {}),
    video: isVideo(appointment, location),
    ...(appointment.patientInstruction ? { instructions: appointment.patientInstruction } : {}),
  };
}

/**
 * A video visit: a type or service type that says so (video, telehealth, virtual), an extension whose
 * URL does, or a virtual location. Epic's own marker is not publicly documented (see the README).
 */
function isVideo(appointment: FhirAppointment, location: z.infer<typeof locationSchema> | undefined): boolean {
  const concepts = [appointment.appointmentType, ...(appointment.serviceType ?? [])];
  const words = concepts.flatMap((item) => [item?.text, ...(item?.coding ?? []).flatMap((c) => [c.display, c.code])]);
  if (words.some((word) => word !== undefined && VIDEO_WORDS.test(word))) return true;
  if ((appointment.extension ?? []).some((extension) => /telehealth|video|virtual/i.test(extension.url))) return true;
  return (location?.physicalType?.coding ?? []).some((c) => c.code === VIRTUAL_LOCATION);
}

function practitionerName(practitioner: z.infer<typeof practitionerSchema> | undefined): string | undefined {
  const names = practitioner?.name ?? [];
  const name = names.find((item) => item.use === 'usual') ?? names.find((item) => item.use === 'official') ?? names[0];
  if (!name) return undefined;
  if (name.text) return name.text;
  const parts = [...(name.prefix ?? []), ...(name.given ?? []).slice(0, 1), name.family].map((part) => part?.trim()).filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function conceptText(item: z.infer<typeof concept> | undefined): string | undefined {
  return item?.text ?? item?.coding?.find((c) => c.display)?.display;
}

/** The id of a relative or absolute reference to `type`. */
function referencedId(target: string | undefined, type: string): string | undefined {
  if (!target) return undefined;
  return new RegExp(`(?:^|/)${type}/([^/]+)(?:/_history/[^/]+)?$`).exec(target)?.[1];
}
