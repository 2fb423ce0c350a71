import { systemClock, type Clock } from '../runtime/clock';
import type { ChartWriter } from '../epic/ports';
import { logger as defaultLogger } from '../runtime/logger';
import { deliverNote } from './delivery';
import { type StructuredLogger } from '../runtime/logger';
import { errorName } from '../runtime/errors';
import { EncounterRequiredError, type EncounterStrategy } from './encounter';
import type { MessageLanguage } from '../../contract';
import type { EntityExtractor } from '../notes/extraction';
import { TranslationError, type Translator } from '../translation';
import { assertNoteId, buildSymptomNote, type LivePage, type SymptomNote } from '../notes/note';
import type { NoteStore, StoredNote } from '../notes/store';
import type { TaskCreator } from '../tasks';
import { createNoteTask, taskGivenUp } from './noteTask';
import type { Notifier } from './notifier';

/** One transcribed symptom message. */
export interface TranscriptInput {
  /** Id of the note, chosen upstream (one per recorded message) and stable across retries. */
  readonly noteId: string;
  /** Amazon Connect contact id of the call. */
  readonly contactId: string;
  /** Epic FHIR id of the verified caller. */
  readonly patientId: string;
  /** The caller's words. */
  readonly transcript: string;
  /** The caller's language (the capture job's). @default 'en-US' */
  readonly language?: MessageLanguage;
  /** The page sent at `#` (the capture job's durable "paged" marker): the pipeline does not page again. @default none */
  readonly livePage?: LivePage;
}

/** What {@link processTranscript} needs. */
export interface PipelineDeps {
  readonly extractor: EntityExtractor;
  /**
   * Translates a message not in English for the extractor (Amazon Translate, or the local stand-in):
   * Comprehend Medical reads US English only. @default none: such a message fails extraction, recorded.
   */
  readonly translator?: Translator;
  readonly store: NoteStore;
  /** The chart in Epic the note is filed in (the `EpicGateway`). */
  readonly chart: ChartWriter;
  readonly notifier: Notifier;
  /** Where the care team's task of each message is created (Amazon Connect, or the local stand-in). */
  readonly tasks: TaskCreator;
  /** Public origin of the care-team inbox (config `INBOX_BASE_URL`): each task links to its message's page. @default no link */
  readonly inboxBaseUrl?: string;
  /** `DocumentReference.author.display`. */
  readonly organizationDisplay: string;
  /** ICD-10-CM concepts below this are left out of the note (config `SYMPTOM_ICD10_MIN_SCORE`). @default 0.5 */
  readonly minIcd10Score?: number;
  /** How `context.encounter` is chosen (config `SYMPTOM_ENCOUNTER_STRATEGY`). @default 'none' */
  readonly encounterStrategy?: EncounterStrategy;
  /** Epic requires an encounter (config `SYMPTOM_ENCOUNTER_REQUIRED`). @default false */
  readonly encounterRequired?: boolean;
  /** LOINC note type the organization maps (config `SYMPTOM_NOTE_LOINC`). @default DEFAULT_NOTE_LOINC */
  readonly noteLoinc?: string;
  /** LOINC note type of refill requests, filed by the same workers (config `REFILL_NOTE_LOINC`). @default 34109-9 */
  readonly refillNoteLoinc?: string;
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
}

/** Outcome of {@link processTranscript}: where the note stands. No PHI, so it can be logged. */
export interface PipelineResult {
  readonly noteId: string;
  /** False when the note was already stored by an earlier run (nothing was extracted again). */
  readonly built: boolean;
  readonly urgent: boolean;
  readonly form: SymptomNote['form'];
  /** The care team's task exists in Amazon Connect. */
  readonly tasked: boolean;
  /** Its contact id. */
  readonly taskContactId?: string;
  /** Every attempt to create the task failed: the message has "no task" (it stays in the inbox). Not retried. */
  readonly noTask?: boolean;
  readonly delivered: boolean;
  readonly notified: boolean;
  readonly documentReferenceId?: string;
  /** The note stays stored for staff to file: Epic requires an encounter and none fits. Not retried. */
  readonly needsStaff?: boolean;
  /** Set when a step failed and is marked for retry (the first such step, in pipeline order): run again later. */
  readonly retry?: { readonly step: 'tasked' | 'delivered' | 'notified'; readonly error: string };
}

/** What {@link fileStoredNote} needs: the pipeline's deps for the steps after the note is stored. */
export type StoredNoteDeps = Pick<
  PipelineDeps,
  'store' | 'chart' | 'notifier' | 'tasks' | 'inboxBaseUrl' | 'organizationDisplay' | 'encounterStrategy' | 'encounterRequired'
>;

/**
 * The steps after a note is stored, the same for a symptom message and a refill request: the care
 * team's task, then delivery to Epic and the care team's notification. Each is idempotent and
 * recorded in the store; what failed comes back as `retry` (the task first, in pipeline order), and a
 * note Epic cannot take without an encounter none fits waits for staff (`needsStaff`, not retried).
 *
 * @example
 * const result = await fileStoredNote(note, built, deps, { noteLoinc: '34109-9', logger });
 */
export async function fileStoredNote(
  note: SymptomNote,
  built: boolean,
  deps: StoredNoteDeps,
  options: { readonly noteLoinc?: string | undefined; readonly logger: StructuredLogger },
): Promise<PipelineResult> {
  const { store } = deps;
  const log = options.logger;
  const task = await createNoteTask(note, { tasks: deps.tasks, store, logger: log, ...(deps.inboxBaseUrl === undefined ? {} : { inboxBaseUrl: deps.inboxBaseUrl }) });
  const delivery = await deliverNote(note, {
    chart: deps.chart,
    store,
    notifier: deps.notifier,
    organizationDisplay: deps.organizationDisplay,
    encounterStrategy: deps.encounterStrategy ?? 'none',
    encounterRequired: deps.encounterRequired ?? false,
    ...(options.noteLoinc ? { noteLoinc: options.noteLoinc } : {}),
    logger: log,
  });
  // A note that needs an encounter none fits waits for staff (they were told): retrying cannot help.
  const needsStaff = delivery.error === EncounterRequiredError.name;
  const deliveryRetry = delivery.error && !needsStaff ? { step: delivery.delivered ? ('notified' as const) : ('delivered' as const), error: delivery.error } : undefined;
  const taskRetry = task.error && !task.noTask ? { step: 'tasked' as const, error: task.error } : undefined;
  const retry = taskRetry ?? deliveryRetry;
  return {
    noteId: note.noteId,
    built,
    urgent: note.urgent,
    form: note.form,
    tasked: task.tasked,
    ...(task.taskContactId ? { taskContactId: task.taskContactId } : {}),
    ...(task.noTask ? { noTask: true } : {}),
    delivered: delivery.delivered,
    ...(needsStaff ? { needsStaff } : {}),
    notified: delivery.notified,
    ...(delivery.documentReferenceId ? { documentReferenceId: delivery.documentReferenceId } : {}),
    ...(retry ? { retry } : {}),
  };
}

/**
 * True when nothing is left for the pipeline to do for a stored note: the care team was told it is
 * filed, and its task exists or was given up. A run for such a note changes nothing (the workers skip it).
 *
 * @example
 * if (stored && pipelineDone(stored)) return { outcome: 'already-done' };
 */
export function pipelineDone(stored: StoredNote): boolean {
  return stored.steps.notified?.state === 'done' && (stored.taskContactId !== undefined || taskGivenUp(stored));
}

/**
 * Transcript to filed note: (translate a message in Spanish →) extract → build → store → the care team's task in Amazon Connect →
 * deliver to Epic → notify the care team. Each step is idempotent and recorded in the store, so
 * running it again for the same note id after a failure resumes where it stopped, and after a success
 * changes nothing (no second extraction, no second task, no second DocumentReference, no second
 * notification). An extraction failure is recorded (`extracted` failed) and thrown, since nothing else
 * can proceed; task, delivery and notification failures are recorded and returned as `retry`.
 *
 * The task comes right after the note is stored, before Epic: its link target, the inbox page, exists
 * from then on; the care team's work must not wait for Epic (which may be down, retried for hours, or
 * need staff to pick an encounter, and a message kept for staff needs a task more than any); and the
 * two steps are independent, so a failure of one never holds the other back in the same run.
 *
 * @example
 * const result = await processTranscript({ noteId, contactId, patientId, transcript }, deps);
 * if (result.retry) throw new Error('retry later'); // let the queue redeliver
 */
export async function processTranscript(input: TranscriptInput, deps: PipelineDeps): Promise<PipelineResult> {
  assertNoteId(input.noteId);
  const log = deps.logger ?? defaultLogger;
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const { store } = deps;
  let note = (await store.get(input.noteId))?.note;
  const built = note === undefined;
  if (!note) {
    let extraction;
    let translation;
    try {
      // A message in Spanish: translated to English first, and entities and codes come from the English (issue 18).
      if (input.language === 'es-US') {
        if (!deps.translator) throw new TranslationError('No translator configured for a message in es-US');
        translation = await deps.translator.translate(input.transcript, 'es');
      }
      extraction = await deps.extractor.extract(translation?.text ?? input.transcript);
    } catch (error) {
      await store.markStep(input.noteId, 'extracted', { error: errorName(error) });
      log.error('symptom extraction failed', { event: 'symptoms.extract.failed', noteId: input.noteId, contactId: input.contactId, error: errorName(error) });
      throw error;
    }
    const fresh = buildSymptomNote({
      ...input,
      extraction,
      ...(translation ? { translation } : {}),
      createdAt: new Date(clock.now()).toISOString(),
      minIcd10Score: deps.minIcd10Score ?? 0.5,
    });
    // A concurrent run may have stored its note first; from here on, everyone works on the stored one.
    const { stored } = await store.putIfAbsent(fresh, ['transcribed', 'extracted', 'stored']);
    note = stored.note ?? fresh;
  }
  const result = await fileStoredNote(note, built, deps, { noteLoinc: deps.noteLoinc, logger: log });
  // Counts only: never the transcript, the entities' words or the patient id.
  log.info('symptom message processed', {
    event: 'symptoms.processed',
    ...result,
    contactId: input.contactId,
    language: note.language ?? 'en-US',
    findings: note.findings.length,
    medications: note.medications.length,
    icd10Candidates: note.icd10Candidates.length,
    durationMs: clock.now() - started,
  });
  return result;
}
