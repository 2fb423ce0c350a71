import { randomUUID } from 'node:crypto';
import { answeredStatus } from '../epic/errors';
import type { ChartWriter } from '../epic/ports';
import { logger as defaultLogger, type StructuredLogger } from '../runtime/logger';
import { DEFAULT_NOTE_LOINC, isNoteDocument, noteDocumentType, noteIdentifier, toDocumentReference } from './documentReference';
import { chooseEncounter, EncounterRequiredError, type EncounterStrategy } from './encounter';
import { errorName } from '../runtime/errors';
import type { SymptomNote } from '../notes/note';
import type { NoteStore } from '../notes/store';
import type { Notifier } from './notifier';

/** What {@link deliverNote} needs. */
export interface DeliveryDeps {
  /** The chart in Epic (the `EpicGateway`, or a `FhirChartWriter`). */
  readonly chart: ChartWriter;
  readonly store: NoteStore;
  readonly notifier: Notifier;
  /** `DocumentReference.author.display`, e.g. "Example Clinic phone line". */
  readonly organizationDisplay: string;
  /** How to pick `context.encounter` (see {@link EncounterStrategy}). */
  readonly encounterStrategy: EncounterStrategy;
  /**
   * The Epic environment refuses a DocumentReference without an encounter: when none fits, the note
   * is not sent; it stays stored, and the care team is told it needs staff to file it. @default false
   */
  readonly encounterRequired?: boolean;
  /** LOINC note type the organization maps (config `SYMPTOM_NOTE_LOINC`). @default DEFAULT_NOTE_LOINC */
  readonly noteLoinc?: string;
  /**
   * The encounter a clinician chose to file a kept note under (from the inbox): used instead of
   * {@link encounterStrategy}. The caller checks it is one of the patient's.
   */
  readonly encounterId?: string;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
  /** Owner token of this run's leases, unique per call. @default crypto.randomUUID */
  readonly newOwner?: () => string;
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
  /**
   * Error class name of the failed step, if any; the step is marked failed for a retry. {@link
   * STEP_IN_PROGRESS} when another live run holds the step: nothing is marked, retry later.
   */
  readonly error?: string;
}

/** How long a run holds a step's lease (delivery or notification); far above a FHIR create's timeouts. */
export const DELIVERY_LEASE_MS = 120_000;

/** `error` of a {@link DeliveryResult} when another live run holds the step: retry later. */
export const STEP_IN_PROGRESS = 'StepInProgress';

/**
 * Failed write-backs after which the pipeline has given up on a note: the capture queue's
 * `maxReceiveCount` (`infra/lib/SymptomPipeline.ts`; a test keeps the two equal). Each receive of a
 * note's transcription check whose delivery fails marks `delivered` failed once; after the last one
 * the message moves to the dead-letter queue and nothing retries the note by itself.
 */
export const DELIVERY_ATTEMPTS = 5;

/**
 * Writes the note back to Epic as a DocumentReference, then tells the care team. Safe to repeat and
 * to run twice at once (a duplicate SQS message, the polling check overlapping the Transcribe event):
 * - a DocumentReference id already in the store means the note was filed: no request to Epic;
 * - otherwise the run claims `delivered` (a lease of {@link DELIVERY_LEASE_MS} in the store); a run that
 *   cannot claim it returns `error: StepInProgress` without calling Epic, so its caller retries later;
 * - the claimant searches Epic for the note's identifier first (Epic's create does not deduplicate):
 *   a DocumentReference found is recorded and counts as delivered; only when none is found does it
 *   create, conditionally as well (`If-None-Exist`). The create is never resent by the FHIR client, so
 *   a create that failed after Epic stored it is found by the next run's search, not repeated;
 * - the id is stored BEFORE the note is marked delivered, so "delivered" always has an id behind it;
 * - a failed write-back leaves the note stored, `delivered` marked failed with the error's name, and
 *   no notification (the care team is told once the note can be read in Epic), except for an urgent
 *   note: the care team is told once (step `escalated`) that it is stored but not yet in the chart, since
 *   a red flag cannot wait for Epic to come back; the usual notification follows once it is filed;
 * - the notification is claimed the same way before it is published, and a note already notified is
 *   not notified again; only a run that crashed after publishing, and whose lease expired, lets the
 *   care team be told twice.
 *
 * @example
 * const result = await deliverNote(note, { chart: epic, store, notifier, organizationDisplay, encounterStrategy: 'none' });
 */
export async function deliverNote(note: SymptomNote, deps: DeliveryDeps): Promise<DeliveryResult> {
  const log = deps.logger ?? defaultLogger;
  const { store } = deps;
  const owner = (deps.newOwner ?? randomUUID)();
  const claim = { owner, leaseMs: DELIVERY_LEASE_MS };
  const { stored } = await store.putIfAbsent(note);
  // The stored note is the one of record: a concurrent run may have stored its version first.
  const filed = stored.note ?? note;
  let documentReferenceId = stored.documentReferenceId;
  let created = false;
  let steps = stored.steps;
  if (!documentReferenceId) {
    const delivery = await store.claimStep(note.noteId, 'delivered', claim);
    if (!delivery.claimed) return inProgress(note, 'delivered', { created: false, delivered: false, notified: false }, log);
    ({ documentReferenceId } = delivery.stored);
    steps = delivery.stored.steps;
    if (!documentReferenceId) {
      try {
        const found = await findFiledDocument(filed, deps.chart);
        const id = found ?? (await createDocument(filed, deps));
        documentReferenceId = await store.recordDocumentReference(note.noteId, id);
        created = found === undefined;
      } catch (error) {
        const name = errorName(error);
        await store.markStep(note.noteId, 'delivered', { error: name });
        const forStaff = error instanceof EncounterRequiredError;
        // Kept for staff stays on the note, whatever a later attempt's error is.
        if (forStaff) await store.markKeptForStaff(note.noteId, 'encounterRequired');
        // A timeout or an unreachable server is a FhirError too, but has no status to log.
        const status = answeredStatus(error);
        log.warn(forStaff ? 'symptom note needs an encounter none fits; kept for staff to file' : 'symptom note write-back failed; marked for retry', {
          event: 'symptoms.delivery.failed',
          noteId: note.noteId,
          contactId: note.contactId,
          urgent: note.urgent,
          error: name,
          ...(status === undefined ? {} : { status }),
        });
        const failed = { created: false, delivered: false, notified: false, error: name };
        // An urgent note cannot wait for Epic, and one that needs an encounter waits for staff, not
        // for a retry: the care team is told once that either is stored but not in the chart.
        const tellStaff = filed.urgent || forStaff;
        const result = tellStaff ? { ...failed, escalated: await escalate(filed, steps.escalated?.state === 'done', deps, log) } : failed;
        await store.releaseStep(note.noteId, 'delivered', owner);
        return result;
      }
    }
  }
  if (steps.delivered?.state !== 'done') await store.markStep(note.noteId, 'delivered', {});
  if (!stored.documentReferenceId) await store.releaseStep(note.noteId, 'delivered', owner);
  log.info('symptom note filed in Epic', { event: 'symptoms.delivery.done', noteId: note.noteId, created, urgent: note.urgent });
  if (steps.notified?.state === 'done') return { documentReferenceId, created, delivered: true, notified: true };
  const notification = await store.claimStep(note.noteId, 'notified', claim);
  if (!notification.claimed) return inProgress(note, 'notified', { documentReferenceId, created, delivered: true, notified: false }, log);
  if (notification.stored.steps.notified?.state === 'done') {
    await store.releaseStep(note.noteId, 'notified', owner);
    return { documentReferenceId, created, delivered: true, notified: true };
  }
  try {
    // Paged at `#` already: exactly one page per urgent message, so the filing is not announced again.
    if (filed.livePage?.notified) log.info('care team paged at #; no second notification', { event: 'symptoms.notify.pagedLive', noteId: note.noteId });
    else await deps.notifier.notify({ noteId: note.noteId, urgent: filed.urgent, documentReferenceId, noteType: noteTypeName(deps), ...(note.kind === 'refill' ? { kind: 'refill' as const } : {}) });
  } catch (error) {
    const name = errorName(error);
    await store.markStep(note.noteId, 'notified', { error: name });
    await store.releaseStep(note.noteId, 'notified', owner);
    log.warn('care team notification failed; marked for retry', { event: 'symptoms.notify.failed', noteId: note.noteId, error: name });
    return { documentReferenceId, created, delivered: true, notified: false, error: name };
  }
  await store.markStep(note.noteId, 'notified', {});
  await store.releaseStep(note.noteId, 'notified', owner);
  return { documentReferenceId, created, delivered: true, notified: true };
}

/** Another live run holds `step`: nothing was sent, nothing is marked; the caller retries later. */
function inProgress(note: SymptomNote, step: 'delivered' | 'notified', result: Omit<DeliveryResult, 'error'>, log: StructuredLogger): DeliveryResult {
  log.info('symptom note step held by another run; retry later', { event: 'symptoms.delivery.inProgress', noteId: note.noteId, step });
  return { ...result, error: STEP_IN_PROGRESS };
}

/** Id of the note's DocumentReference already in Epic, found by its identifier, or `undefined`. */
async function findFiledDocument(note: SymptomNote, chart: ChartWriter): Promise<string | undefined> {
  const documents = await chart.findDocuments(note.patientId, noteIdentifier(note.noteId));
  return documents.find((document) => document.id && isNoteDocument(document, note.noteId))?.id;
}

/** Creates the note's DocumentReference (sent once: see {@link ChartWriter.createDocument}) and returns its id. */
async function createDocument(note: SymptomNote, deps: DeliveryDeps): Promise<string> {
  const encounterId = deps.encounterId ?? (await chooseEncounter(deps.chart, { patientId: note.patientId, messageAt: note.createdAt }, deps.encounterStrategy));
  if (encounterId === undefined && deps.encounterRequired === true) {
    throw new EncounterRequiredError(`No encounter fits note ${note.noteId} (strategy ${deps.encounterStrategy}) and Epic requires one`);
  }
  const document = toDocumentReference(note, {
    organizationDisplay: deps.organizationDisplay,
    noteLoinc: deps.noteLoinc ?? DEFAULT_NOTE_LOINC,
    ...(encounterId ? { encounterId } : {}),
  });
  return (await deps.chart.createDocument(document, noteIdentifier(note.noteId))).id;
}

/** What the care team looks for in Epic's Documents: the note type's display, or its LOINC code. */
function noteTypeName(deps: DeliveryDeps): string {
  const type = noteDocumentType(deps.noteLoinc ?? DEFAULT_NOTE_LOINC);
  return type.display ?? `LOINC ${type.code}`;
}

/** Tells the care team an urgent note is stored but not in the chart, once; a failure is recorded, not thrown. */
async function escalate(note: SymptomNote, alreadyDone: boolean, deps: DeliveryDeps, log: StructuredLogger): Promise<boolean> {
  // Paged at `#` already: the care team knows, whatever Epic does.
  if (alreadyDone || note.livePage?.notified) return true;
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
