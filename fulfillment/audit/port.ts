import * as z from 'zod';
import { NamedError } from '../runtime/errors';

/**
 * Audit trail of access to patient data: one event per authentication attempt tied to a patient and
 * per read of their records. Audit events hold patient ids and are written only to the audit store,
 * never to the logger (the logs are not a PHI store).
 */

/** One access to patient data. */
export interface AuditEvent {
  /** Amazon Connect contact id, when known. */
  contactId?: string;
  /** Lex session id of the conversation. */
  sessionId: string;
  /** Epic FHIR Patient id the access concerns. */
  patientId: string;
  action: 'authenticate' | 'read';
  /** FHIR resource types touched, e.g. `['Patient']`, `['MedicationRequest', 'Medication']`. */
  resourceTypes: string[];
  outcome: 'success' | 'failure';
  /** When it happened, ISO 8601 in UTC (`2026-11-25T12:00:00.000Z`). */
  at: string;
}

/** Port: where audit events go. `record` resolves once the event is durably written. */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
}

/** An audit event could not be written, or was not a valid event. Messages carry no event content. */
export class AuditError extends NamedError {}

const auditEventSchema = z.strictObject({
  contactId: z.string().min(1).max(256).optional(),
  sessionId: z.string().min(1).max(256),
  patientId: z.string().min(1).max(256),
  action: z.enum(['authenticate', 'read']),
  resourceTypes: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/)).max(32),
  outcome: z.enum(['success', 'failure']),
  at: z.iso.datetime(),
});

/**
 * Validates an event and normalizes `at` to `Date.toISOString()` form (UTC, milliseconds), so that
 * timestamps sort correctly as strings. The error lists offending field names, never their values.
 */
export function parseAuditEvent(event: AuditEvent): AuditEvent {
  const parsed = auditEventSchema.safeParse(event);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(event)'))];
    throw new AuditError(`Invalid audit event: ${fields.join(', ')}`);
  }
  const { contactId, ...rest } = parsed.data;
  return { ...(contactId !== undefined ? { contactId } : {}), ...rest, at: new Date(rest.at).toISOString() };
}
