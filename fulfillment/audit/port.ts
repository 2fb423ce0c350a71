import * as z from 'zod';
import { NamedError } from '../runtime/errors';

/**
 * Audit trail of access to patient data: one event per authentication attempt tied to a patient and
 * per read of their records on a call, and one per view of a message and per action in the care-team
 * inbox. Audit events hold patient ids and are written only to the audit store, never to the logger
 * (the logs are not a PHI store).
 */

/**
 * What was done: on a call, `authenticate`, `read` and `text` (a text sent to the caller at their
 * request; the event holds no content); in the inbox, `view` (a message page), `play`
 * (its audio), `review`, `callBack` and `file` (a kept message filed in Epic).
 */
export const AUDIT_ACTIONS = ['authenticate', 'read', 'text', 'view', 'play', 'review', 'callBack', 'file'] as const;

/** One of {@link AUDIT_ACTIONS}. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One access to patient data. */
export interface AuditEvent {
  /** Amazon Connect contact id, when known. */
  contactId?: string;
  /** Lex session id of the conversation; in the inbox, the sign-in session or request id. */
  sessionId: string;
  /** Epic FHIR Patient id the access concerns. */
  patientId: string;
  action: AuditAction;
  /** Who acted, when a person did: the clinician's id (token `sub`) in the inbox. Absent for callers. */
  actor?: string;
  /**
   * FHIR resource types touched, e.g. `['Patient']`, `['MedicationRequest', 'Medication']`, or the
   * inbox's own records (`SymptomNote`, `Recording`).
   */
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
  action: z.enum(AUDIT_ACTIONS),
  actor: z.string().min(1).max(256).optional(),
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
  const { contactId, actor, ...rest } = parsed.data;
  return { ...(contactId !== undefined ? { contactId } : {}), ...rest, ...(actor !== undefined ? { actor } : {}), at: new Date(rest.at).toISOString() };
}
