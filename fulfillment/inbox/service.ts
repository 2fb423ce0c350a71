import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditLog } from '../audit/port';
import type { ChartPatient, ChartWriter, EncounterReader, PatientSummaryReader } from '../epic/ports';
import { deliverNote, STEP_IN_PROGRESS } from '../filing/delivery';
import type { Notifier } from '../filing/notifier';
import { InvalidCursorError } from '../notes/errors';
import { NOTE_ID_PATTERN, type SymptomNote } from '../notes/note';
import { NOTE_STEPS, summaryOf, type NoteListFilter, type NoteStore, type StoredNote } from '../notes/store';
import type { RecordingReader, RecordingStore } from '../recording/audio/types';
import { systemClock, type Clock } from '../runtime/clock';
import { errorName } from '../runtime/errors';
import { logger as defaultLogger, type StructuredLogger } from '../runtime/logger';
import { encounterChoices } from './encounterChoices';
import {
  FilingFailedError,
  FilingInProgressError,
  InvalidListRequestError,
  MessageNotFoundError,
  NotKeptForStaffError,
  UnknownEncounterError,
} from './errors';
import { filingStatus } from './filingState';
import { taskStatus } from './taskState';
import { INBOX_FILTERS, INBOX_PAGE_SIZE, type Clinician, type InboxFilter, type InboxListItem, type InboxService, type PatientSummary } from './ports';
import { reviewComment } from './reviewComment';

/** The inbox's filters and the store's are one list: this fails to compile if they part. */
const FILTERS_AGREE: [InboxFilter] extends [NoteListFilter] ? ([NoteListFilter] extends [InboxFilter] ? true : never) : never = true;

/** What {@link createInboxService} needs: the ports it reads and writes through. */
export interface InboxServiceDeps {
  /** Symptom notes, their steps and review state. */
  readonly notes: NoteStore;
  /** The callers' recordings: `find` tells whether one is stored, `read` streams it. */
  readonly recordings: RecordingReader & Pick<RecordingStore, 'find'>;
  /** Epic: names for the list, the patient for a message, encounters and filing (the `EpicGateway`). */
  readonly epic: PatientSummaryReader & EncounterReader & ChartWriter;
  /** Where every view and action is recorded. */
  readonly audit: AuditLog;
  /** `DocumentReference.author.display` of a note filed from the inbox (config `SYMPTOM_NOTE_AUTHOR`). */
  readonly organizationDisplay: string;
  /** LOINC note type (config `SYMPTOM_NOTE_LOINC`). @default DEFAULT_NOTE_LOINC */
  readonly noteLoinc?: string;
  /** LOINC note type of a refill request (config `REFILL_NOTE_LOINC`), as the workers file one. @default DEFAULT_NOTE_LOINC */
  readonly refillNoteLoinc?: string;
  /** IANA time zone of encounter labels (config `CLINIC_TIME_ZONE`). @default 'America/Chicago' */
  readonly timeZone?: string;
  /** Time Epic gets to answer a list's names, a message's patient or the encounters. @default 5000 */
  readonly epicDeadlineMs?: number;
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
  /** A request id for audit events when the clinician carries no session id. @default crypto.randomUUID */
  readonly newRequestId?: () => string;
}

/** A stored record that holds its note: what every method works on. */
type NoteOnFile = StoredNote & { readonly note: SymptomNote };

/** An id from the browser, fit for an error message (which may be logged): as given when well formed. */
const shown = (id: unknown, pattern: RegExp): string => (typeof id === 'string' && pattern.test(id) ? id : '(malformed id)');

/** FHIR id syntax (R4): what an encounter id from the browser must look like to be named in an error. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** How long a file request waits for a concurrent one (a double click) to record its DocumentReference id. */
const FILING_WAIT = { attempts: 20, intervalMs: 250 } as const;

/**
 * A note filed from the inbox is filed by a member of the care team, who knows: the pipeline's
 * "filed" notification is not sent again (the note's `notified` step is still marked, so a late
 * pipeline run leaves it alone).
 */
const alreadyKnown: Notifier = { notify: async () => undefined };

/**
 * The care-team inbox over the note store, the recordings, Epic and the audit trail. Every message
 * id from the browser is checked against the note id syntax and looked up in the store; the patient,
 * the contact (hence the recording key) and the encounter's owner come from the stored note, never
 * from the request. Every view of a message and every action writes an audit event (who, which
 * patient, what); when that write fails, the call fails and nothing is shown or served.
 *
 * @example
 * const inbox = createInboxService({ notes, recordings, epic: gateway, audit, organizationDisplay: config.symptoms.authorDisplay });
 * const page = await inbox.list(clinician, { filter: 'needsReview' });
 */
export function createInboxService(deps: InboxServiceDeps): InboxService {
  void FILTERS_AGREE;
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? defaultLogger;
  const timeZone = deps.timeZone ?? 'America/Chicago';
  const deadline = () => ({ signal: AbortSignal.timeout(deps.epicDeadlineMs ?? 5000) });
  const now = () => new Date(clock.now()).toISOString();

  const audit = async (viewer: Clinician, stored: NoteOnFile, action: AuditAction, resourceTypes: string[], outcome: 'success' | 'failure' = 'success') => {
    const contactId = stored.contactId ?? stored.note.contactId;
    await deps.audit.record({
      sessionId: viewer.sessionId ?? `inbox-${(deps.newRequestId ?? randomUUID)()}`,
      patientId: stored.note.patientId,
      action,
      actor: viewer.id,
      resourceTypes,
      outcome,
      at: now(),
      ...(contactId ? { contactId } : {}),
    });
  };

  /** The stored message of a browser-given id, or `undefined` (a malformed id is not looked up). */
  const find = async (noteId: string) => {
    if (typeof noteId !== 'string' || !NOTE_ID_PATTERN.test(noteId)) return undefined;
    const stored = await deps.notes.get(noteId);
    return stored?.note ? (stored as NoteOnFile) : undefined;
  };
  const mustFind = async (noteId: string) => {
    const stored = await find(noteId);
    if (!stored) throw new MessageNotFoundError(shown(noteId, NOTE_ID_PATTERN));
    return stored;
  };
  const actor = (viewer: Clinician) => ({ id: viewer.id, displayName: viewer.displayName });

  return {
    async list(viewer, request) {
      const started = clock.now();
      const limit = request.limit ?? INBOX_PAGE_SIZE;
      if (!INBOX_FILTERS.includes(request.filter) || !Number.isInteger(limit) || limit < 1 || limit > INBOX_PAGE_SIZE) {
        throw new InvalidListRequestError(`The list takes a known filter and 1 to ${INBOX_PAGE_SIZE} rows`);
      }
      let page;
      try {
        page = await deps.notes.list({ filter: request.filter, limit, ...(request.cursor ? { cursor: request.cursor } : {}) });
      } catch (error) {
        if (error instanceof InvalidCursorError) throw new InvalidListRequestError('The list cursor is not valid for this list', { cause: error });
        throw error;
      }
      // One Epic request for the whole page; without Epic the rows still show, without names.
      const ids = [...new Set(page.items.map((item) => item.patientId))];
      let patients = new Map<string, ChartPatient>();
      let patientsUnavailable = false;
      if (ids.length > 0) {
        try {
          patients = new Map((await deps.epic.patientSummaries(ids, deadline())).map((patient) => [patient.id, patient]));
        } catch (error) {
          patientsUnavailable = true;
          log.warn('inbox list without patient names: Epic did not answer', { event: 'inbox.list.patientsUnavailable', error: errorName(error) });
        }
      }
      const items = page.items.map((row): InboxListItem => {
        const patient = patients.get(row.patientId);
        return {
          noteId: row.noteId,
          receivedAt: row.createdAt,
          urgent: row.urgent,
          chiefComplaint: row.chiefComplaint,
          filing: filingStatus(row).state,
          ...(row.reviewed ? { reviewed: row.reviewed } : {}),
          ...(row.calledBack ? { calledBack: row.calledBack } : {}),
          // The list shows name and birth date; the MRN only on the message page.
          patient: { id: row.patientId, ...(patient?.name ? { name: patient.name } : {}), ...(patient?.birthDate ? { birthDate: patient.birthDate } : {}) },
        };
      });
      log.info('inbox list', { event: 'inbox.list', filter: request.filter, count: items.length, more: page.nextCursor !== undefined, patientsUnavailable, durationMs: clock.now() - started });
      return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), patientsUnavailable };
    },

    async message(viewer, noteId) {
      const stored = await find(noteId);
      if (!stored) return undefined;
      const { note } = stored;
      const contactId = stored.contactId ?? note.contactId;
      const [patient, hasAudio] = await Promise.all([
        deps.epic.patientSummaries([note.patientId], deadline()).then(
          ([found]): PatientSummary => found ?? { id: note.patientId },
          (error: unknown): PatientSummary => {
            log.warn('inbox message without the patient: Epic did not answer', { event: 'inbox.message.patientUnavailable', noteId, error: errorName(error) });
            return { id: note.patientId };
          },
        ),
        deps.recordings.find(contactId).then(
          (recording) => recording !== undefined,
          (error: unknown) => {
            log.warn('inbox message: the recording could not be looked up', { event: 'inbox.message.recordingUnavailable', noteId, error: errorName(error) });
            return false;
          },
        ),
      ]);
      const filing = filingStatus(summaryOf(stored) ?? {});
      await audit(viewer, stored, 'view', ['SymptomNote', 'Patient']);
      return {
        noteId: stored.noteId,
        receivedAt: note.createdAt,
        note,
        patient,
        filing: {
          state: filing.state,
          ...(stored.documentReferenceId ? { documentReferenceId: stored.documentReferenceId } : {}),
          ...(filing.reason ? { reason: filing.reason } : {}),
        },
        task: taskStatus(stored),
        timeline: NOTE_STEPS.flatMap((step) => {
          const status = stored.steps[step];
          return status ? [{ step, status }] : [];
        }),
        ...(stored.reviewed ? { reviewed: stored.reviewed } : {}),
        ...(stored.calledBack ? { calledBack: stored.calledBack } : {}),
        hasAudio,
      };
    },

    async audio(viewer, noteId, range) {
      const stored = await find(noteId);
      if (!stored) return undefined;
      // The key comes from the note's own call, never from the request.
      const part = await deps.recordings.read(stored.contactId ?? stored.note.contactId, range);
      if (!part) return undefined;
      try {
        await audit(viewer, stored, 'play', ['Recording']);
      } catch (error) {
        discard(part.body);
        throw error;
      }
      return part;
    },

    async markReviewed(viewer, noteId, comment) {
      const stored = await mustFind(noteId);
      const text = reviewComment(comment);
      const review = { by: actor(viewer), at: now(), ...(text ? { comment: text } : {}) };
      const kept = await deps.notes.markReviewed(stored.noteId, review);
      await audit(viewer, stored, 'review', ['SymptomNote']);
      // No comment in the log: it may name the patient.
      log.info('inbox message reviewed', { event: 'inbox.review', noteId: stored.noteId, first: kept.at === review.at && kept.by.id === review.by.id });
      return kept;
    },

    async markCalledBack(viewer, noteId) {
      const stored = await mustFind(noteId);
      const kept = await deps.notes.markCalledBack(stored.noteId, { by: actor(viewer), at: now() });
      await audit(viewer, stored, 'callBack', ['SymptomNote']);
      log.info('inbox patient called back', { event: 'inbox.callBack', noteId: stored.noteId });
      return kept;
    },

    async encounters(viewer, noteId) {
      const stored = await mustFind(noteId);
      if (!stored.keptForStaff || stored.documentReferenceId) throw new NotKeptForStaffError(stored.noteId);
      const choices = encounterChoices(await deps.epic.recentEncounters(stored.note.patientId, deadline()), timeZone);
      await audit(viewer, stored, 'view', ['Encounter']);
      return choices;
    },

    async fileKept(viewer, noteId, encounterId) {
      const stored = await mustFind(noteId);
      if (!stored.keptForStaff) throw new NotKeptForStaffError(stored.noteId);
      // Filed already (a second click, or a retry): the same DocumentReference, nothing sent to Epic.
      if (stored.documentReferenceId) {
        await audit(viewer, stored, 'file', ['DocumentReference']);
        return { documentReferenceId: stored.documentReferenceId };
      }
      let encounters;
      try {
        encounters = await deps.epic.recentEncounters(stored.note.patientId, deadline());
      } catch (error) {
        await audit(viewer, stored, 'file', ['DocumentReference'], 'failure');
        throw new FilingFailedError(stored.noteId, errorName(error), { cause: error });
      }
      const choices = encounterChoices(encounters, timeZone);
      if (typeof encounterId !== 'string' || !choices.some((choice) => choice.id === encounterId)) {
        throw new UnknownEncounterError(stored.noteId, shown(encounterId, FHIR_ID));
      }
      // The pipeline's own filing: identifier searched before a create, a lease against a concurrent click.
      const result = await deliverNote(stored.note, {
        chart: deps.epic,
        store: deps.notes,
        notifier: alreadyKnown,
        organizationDisplay: deps.organizationDisplay,
        encounterStrategy: 'none',
        encounterRequired: true,
        encounterId,
        ...noteTypeOf(stored.note, deps),
        logger: log,
      });
      let documentReferenceId = result.documentReferenceId;
      if (!documentReferenceId && result.error === STEP_IN_PROGRESS) {
        try {
          documentReferenceId = await filedByAnother(stored.noteId);
        } catch (error) {
          await audit(viewer, stored, 'file', ['DocumentReference'], 'failure');
          throw error;
        }
      }
      if (!documentReferenceId) {
        await audit(viewer, stored, 'file', ['DocumentReference'], 'failure');
        throw new FilingFailedError(stored.noteId, result.error ?? 'UnknownError');
      }
      await audit(viewer, stored, 'file', ['DocumentReference']);
      log.info('inbox kept message filed', { event: 'inbox.file', noteId: stored.noteId, created: result.created });
      return { documentReferenceId };
    },
  };

  /** Waits (bounded) for the request holding the filing lease to record its DocumentReference id. */
  async function filedByAnother(noteId: string): Promise<string> {
    for (let attempt = 0; attempt < FILING_WAIT.attempts; attempt += 1) {
      await clock.sleep(FILING_WAIT.intervalMs);
      const id = (await deps.notes.get(noteId))?.documentReferenceId;
      if (id) return id;
    }
    throw new FilingInProgressError(noteId);
  }
}

/** Releases a body that will not be served (an open file or S3 stream). */
function discard(body: AsyncIterable<Uint8Array> | Uint8Array): void {
  const stream = body as { destroy?: () => void };
  if (typeof stream.destroy === 'function') stream.destroy();
}

/** The note type a kept note is filed as: a refill request's own, as the workers would have filed it. */
function noteTypeOf(note: SymptomNote, deps: Pick<InboxServiceDeps, 'noteLoinc' | 'refillNoteLoinc'>): { noteLoinc?: string } {
  const loinc = note.kind === 'refill' ? deps.refillNoteLoinc : deps.noteLoinc;
  return loinc ? { noteLoinc: loinc } : {};
}
