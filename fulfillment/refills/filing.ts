import { fileStoredNote, type PipelineDeps, type PipelineResult } from '../filing';
import { assertNoteId, type SymptomNote } from '../notes/note';
import { logger as defaultLogger } from '../runtime/logger';
import { systemClock } from '../runtime/clock';
import type { RefillRequest } from './request';

/**
 * Default note type of refill requests: LOINC 34109-9 "Note", as for symptom messages. No LOINC
 * document type for a refill request is on Epic's list of Clinical Notes types (see
 * `LOINC_NOTE_DISPLAYS`), so the organization maps the type it files refill requests under and sets
 * `REFILL_NOTE_LOINC`.
 */
export const DEFAULT_REFILL_NOTE_LOINC = '34109-9';

/** What {@link fileRefill} needs: the symptom pipeline's own deps (its `refillNoteLoinc`; no extractor). */
export type RefillFilingDeps = Omit<PipelineDeps, 'extractor' | 'noteLoinc' | 'minIcd10Score'>;

/**
 * The stored note of a refill request: kind `refill`, the medication, nothing extracted. Its "chief
 * complaint" (what the inbox list shows) says what it is.
 */
export function refillNote(request: RefillRequest, createdAt: string): SymptomNote {
  return {
    kind: 'refill',
    refill: { medicationRequestId: request.medicationRequestId, medication: request.medication },
    noteId: request.noteId,
    contactId: request.contactId,
    patientId: request.patientId,
    createdAt,
    form: 'complete',
    urgent: false,
    chiefComplaint: `Refill request: ${request.medication}`,
    findings: [],
    medications: [],
    icd10Candidates: [],
    redFlags: [],
    minIcd10Score: 0,
    transcript: '',
  };
}

/**
 * Files a refill request as a symptom message is filed, with the same idempotent steps: the note is
 * stored once (`putIfAbsent` on its id), the care team's task (kind `refill`) is created once, the
 * DocumentReference (type `REFILL_NOTE_LOINC`, identifier = note id, searched before create) is
 * written once, and the care team is told once. Running it again after a failure resumes; after a
 * success it changes nothing. Failures of the task, delivery and notification come back as `retry`.
 *
 * @example
 * const result = await fileRefill(request, deps);
 * if (result.retry) throw new Error('retry later'); // let the queue redeliver
 */
export async function fileRefill(request: RefillRequest, deps: RefillFilingDeps): Promise<PipelineResult> {
  assertNoteId(request.noteId);
  const log = deps.logger ?? defaultLogger;
  const clock = deps.clock ?? systemClock;
  const { store } = deps;
  let note = (await store.get(request.noteId))?.note;
  const built = note === undefined;
  if (!note) {
    const fresh = refillNote(request, new Date(clock.now()).toISOString());
    const { stored } = await store.putIfAbsent(fresh, ['stored']);
    note = stored.note ?? fresh;
  }
  const result = await fileStoredNote(note, built, deps, { noteLoinc: deps.refillNoteLoinc ?? DEFAULT_REFILL_NOTE_LOINC, logger: log });
  // Ids and outcomes only: never the medication or the patient id.
  log.info('refill request processed', { event: 'refills.processed', ...result, contactId: request.contactId });
  return result;
}
