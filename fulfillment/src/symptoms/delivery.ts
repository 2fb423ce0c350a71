import { FhirError, FhirResponseError } from '../epic/errors';
import type { FhirClient } from '../epic/fhirClient';
import { logger as defaultLogger } from '../logger';
import { noteIfNoneExist, toDocumentReference } from './documentReference';
import { errorName } from './errors';
import type { SymptomNote } from './note';
import type { NoteStore } from './noteStore';
import type { Notifier } from './notifier';

export { MemoryNotifier, notificationMessage, SnsNotifier, type NoteNotification, type NotificationMessage, type Notifier, type SnsNotifierOptions } from './notifier';

/** Structured logger of the symptom pipeline (the Powertools logger fits). Never pass PHI to it. */
export interface SymptomsLogger {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
}

/** What {@link deliverNote} needs. */
export interface DeliveryDeps {
  /** FHIR client of the Epic gateway (`EpicGateway.fhir`). */
  readonly fhir: FhirClient;
  readonly store: NoteStore;
  readonly notifier: Notifier;
  /** `DocumentReference.author.display`, e.g. "Example Clinic phone line". */
  readonly organizationDisplay: string;
  /**
   * How to pick `context.encounter`. Only `none` for now: a phone message belongs to no visit, and
   * guessing one from the schedule would file it under the wrong encounter.
   */
  readonly encounterStrategy: 'none';
  /** @default the fulfillment logger */
  readonly logger?: SymptomsLogger;
}

/** Outcome of {@link deliverNote}. Failures are recorded in the store, not thrown. */
export interface DeliveryResult {
  /** Epic's id of the note's DocumentReference, when known. */
  readonly documentReferenceId?: string;
  /** True when this call created the DocumentReference (false when it existed, or on failure). */
  readonly created: boolean;
  readonly delivered: boolean;
  readonly notified: boolean;
  /**
   * Only for an urgent note whose write-back failed: true when the care team has been told (now or by
   * an earlier run) that it is stored but not yet in the chart.
   */
  readonly escalated?: boolean;
  /** Error class name of the failed step, if any; the step is marked failed for a retry. */
  readonly error?: string;
}

/**
 * Writes the note back to Epic as a DocumentReference, then tells the care team. Safe to repeat:
 * - a DocumentReference id already in the store means the note was filed: no request to Epic;
 * - otherwise the create is conditional (`If-None-Exist: identifier=urn:clinic-ivr:symptom-note|<id>`),
 *   so a create that reached Epic before a crash is found, not repeated;
 * - the id is stored BEFORE the note is marked delivered, so "delivered" always has an id behind it;
 * - a failed write-back leaves the note stored, `delivered` marked failed with the error's name, and
 *   no notification (the care team is told once the note can be read in Epic), except for an urgent
 *   note: the care team is told once (step `escalated`) that it is stored but not yet in the chart, since
 *   a red flag cannot wait for Epic to come back; the usual notification follows once it is filed;
 * - a note already notified is not notified again.
 *
 * @example
 * const result = await deliverNote(note, { fhir: epic.fhir, store, notifier, organizationDisplay, encounterStrategy: 'none' });
 */
export async function deliverNote(note: SymptomNote, deps: DeliveryDeps): Promise<DeliveryResult> {
  const log = deps.logger ?? defaultLogger;
  const { store } = deps;
  const { stored } = await store.putIfAbsent(note);
  // The stored note is the one of record: a concurrent run may have stored its version first.
  const filed = stored.note ?? note;
  let documentReferenceId = stored.documentReferenceId;
  let created = false;
  if (!documentReferenceId) {
    try {
      const document = toDocumentReference(filed, { organizationDisplay: deps.organizationDisplay });
      const result = await deps.fhir.create(document, { ifNoneExist: noteIfNoneExist(note.noteId) });
      if (!result.resource.id) throw new FhirResponseError('Epic returned the DocumentReference without an id');
      documentReferenceId = await store.recordDocumentReference(note.noteId, result.resource.id);
      created = result.created;
    } catch (error) {
      const name = errorName(error);
      await store.markStep(note.noteId, 'delivered', { error: name });
      log.warn('symptom note write-back failed; marked for retry', {
        event: 'symptoms.delivery.failed',
        noteId: note.noteId,
        contactId: note.contactId,
        urgent: note.urgent,
        error: name,
        ...(error instanceof FhirError ? { status: error.status } : {}),
      });
      if (!filed.urgent) return { created: false, delivered: false, notified: false, error: name };
      return { created: false, delivered: false, notified: false, escalated: await escalate(filed, stored.steps.escalated?.state === 'done', deps, log), error: name };
    }
  }
  if (stored.steps.delivered?.state !== 'done') await store.markStep(note.noteId, 'delivered', {});
  log.info('symptom note filed in Epic', { event: 'symptoms.delivery.done', noteId: note.noteId, created, urgent: note.urgent });
  if (stored.steps.notified?.state === 'done') return { documentReferenceId, created, delivered: true, notified: true };
  try {
    await deps.notifier.notify({ noteId: note.noteId, urgent: filed.urgent, documentReferenceId });
  } catch (error) {
    const name = errorName(error);
    await store.markStep(note.noteId, 'notified', { error: name });
    log.warn('care team notification failed; marked for retry', { event: 'symptoms.notify.failed', noteId: note.noteId, error: name });
    return { documentReferenceId, created, delivered: true, notified: false, error: name };
  }
  await store.markStep(note.noteId, 'notified', {});
  return { documentReferenceId, created, delivered: true, notified: true };
}

/** Tells the care team an urgent note is stored but not in the chart, once; a failure is recorded, not thrown. */
async function escalate(note: SymptomNote, alreadyDone: boolean, deps: DeliveryDeps, log: SymptomsLogger): Promise<boolean> {
  if (alreadyDone) return true;
  try {
    await deps.notifier.notify({ noteId: note.noteId, urgent: true });
  } catch (error) {
    const name = errorName(error);
    await deps.store.markStep(note.noteId, 'escalated', { error: name });
    log.error('urgent note not in the chart and the care team could not be told', { event: 'symptoms.escalate.failed', noteId: note.noteId, error: name });
    return false;
  }
  await deps.store.markStep(note.noteId, 'escalated', {});
  log.warn('urgent note not yet in the chart; care team told', { event: 'symptoms.escalate.done', noteId: note.noteId, contactId: note.contactId });
  return true;
}
