import type { Encounter } from '@medplum/fhirtypes';

/**
 * A telephone encounter of `patientId` under way since `start`, as clinic staff open one for a
 * patient's call (Epic's "Telephone" encounter type, class `VR`, virtual). Added to the sandbox's
 * resources, it gives a message of that day an encounter to be filed under (`sameDay`).
 *
 * @example
 * startSandbox({ resources: [...loadSandboxResources(), telephoneEncounter('pat-eleanor-whitfield', new Date(Date.now() - 10 * 60_000))] });
 */
export function telephoneEncounter(patientId: string, start: Date, id = `enc-phone-${patientId}-${start.getTime()}`): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' },
    type: [{ text: 'Telephone' }],
    subject: { reference: `Patient/${patientId}` },
    period: { start: start.toISOString() },
  };
}
