/**
 * Every appointment detail of the sandbox's schedule that could show up in text: providers' names,
 * places and street addresses, departments, patient instructions and appointment ids. For "nothing
 * of this in the logs" checks, beside `patientStrings.ts`.
 */

import type { Appointment, Location, Practitioner } from '@medplum/fhirtypes';
import { sandboxSchedule } from '../../sandbox/data/appointments';

/** The forms of every appointment detail of the schedule (made for now; the details do not depend on the date). */
export function forbiddenAppointmentStrings(): string[] {
  const forms = new Set<string>();
  for (const resource of sandboxSchedule(new Date())) {
    if (resource.resourceType === 'Practitioner') {
      for (const name of (resource as Practitioner).name ?? []) if (name.family) forms.add(name.family);
    } else if (resource.resourceType === 'Location') {
      const location = resource as Location;
      if (location.name && location.name !== 'Video Visit') forms.add(location.name);
      for (const line of location.address?.line ?? []) forms.add(line);
    } else if (resource.resourceType === 'Appointment') {
      const appointment = resource as Appointment;
      if (appointment.id) forms.add(appointment.id);
      for (const specialty of appointment.specialty ?? []) if (specialty.text) forms.add(specialty.text);
      if (appointment.patientInstruction) forms.add(appointment.patientInstruction);
    }
  }
  return [...forms];
}

/** The schedule's patient instructions (Epic's English free text), each as written. */
export function appointmentInstructions(): string[] {
  return sandboxSchedule(new Date()).flatMap((resource) => {
    const instruction = resource.resourceType === 'Appointment' ? (resource as Appointment).patientInstruction : undefined;
    return instruction ? [instruction] : [];
  });
}

/** The appointment details that occur in `text` (empty when clean). */
export function appointmentDataIn(text: string): string[] {
  return forbiddenAppointmentStrings().filter((form) => text.includes(form));
}
