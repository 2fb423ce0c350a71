import { createHash } from 'node:crypto';
import * as z from 'zod';
import { NOTE_ID_PATTERN } from '../notes/note';

/** Prefix of every refill request's note id, so an id says what it is in logs and in the inbox's URLs. */
export const REFILL_NOTE_PREFIX = 'refill-';

/** What the code hook hands over when a caller confirmed a refill: enough to file it, off the call path. */
export const refillRequestSchema = z.strictObject({
  /** From {@link refillNoteId}: the same call and MedicationRequest always give the same id. */
  noteId: z.string().regex(NOTE_ID_PATTERN),
  /** Amazon Connect contact id of the call (the Lex session id under Connect). */
  contactId: z.string().min(1).max(128),
  /** Epic FHIR id of the verified caller. */
  patientId: z.string().min(1).max(128),
  /** Epic id of the MedicationRequest the caller chose from their active list. */
  medicationRequestId: z.string().min(1).max(128),
  /** The medication as the caller heard and confirmed it. */
  medication: z.string().min(1).max(300),
});

/** A refill request, parsed. */
export type RefillRequest = z.infer<typeof refillRequestSchema>;

/**
 * The note id of the refill of `medicationRequestId` asked in call `contactId`: `refill-` and 40 hex
 * digits of a SHA-256 of both, so a repeat in the call, a retried turn and a redelivered queue message
 * all converge on one note (one inbox item, one DocumentReference, one task), and the id reveals
 * neither the patient nor the medication.
 *
 * @example
 * refillNoteId('contact-1', 'medrx-1'); // 'refill-3f1c…' (47 characters)
 */
export function refillNoteId(contactId: string, medicationRequestId: string): string {
  const digest = createHash('sha256').update(`${contactId}\u0000${medicationRequestId}`).digest('hex');
  return `${REFILL_NOTE_PREFIX}${digest.slice(0, 40)}`;
}

/** Short opaque key of a refill note id, what the session keeps of the requests sent in the call. */
export function refillKey(noteId: string): string {
  return noteId.slice(REFILL_NOTE_PREFIX.length, REFILL_NOTE_PREFIX.length + 12);
}
