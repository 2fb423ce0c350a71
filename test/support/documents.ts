import type { DocumentReference } from '@medplum/fhirtypes';

/**
 * A small DocumentReference for `patientId` carrying `identifier`, with a plain-text attachment:
 * what the chart tests file and look up again.
 *
 * @example
 * await chart.createDocument(aDocument({ system: 'urn:test', value: 'n-1' }, 'pat-eleanor-whitfield'), identifier);
 */
export function aDocument(identifier: { system: string; value: string }, patientId: string): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    identifier: [identifier],
    status: 'current',
    subject: { reference: `Patient/${patientId}` },
    content: [{ attachment: { contentType: 'text/plain', data: Buffer.from('a note').toString('base64') } }],
  };
}
