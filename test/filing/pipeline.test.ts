import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../fulfillment/runtime/logger';
import { ExtractionError, LocalVocabularyExtractor, MemoryNoteStore, type EntityExtractor } from '../../fulfillment/notes';
import { MemoryNotifier, NOTE_IDENTIFIER_SYSTEM, processTranscript, type PipelineDeps } from '../../fulfillment/filing';
import { MemoryTaskCreator } from '../../fulfillment/tasks';
import { startLocalRuntime, type LocalRuntime } from '../../sandbox/localRuntime';
import { captureOutput } from '../support/captureOutput';

const PATIENT = 'pat-harold-halvorsen';
const TRANSCRIPT =
  'Hi, this is Harold. I have had a productive cough for five days and a fever since Sunday. ' +
  'Now there is some chest tightness when I climb stairs. No nausea. I have been taking Mucinex and Tylenol 500 mg every 6 hours.';

let runtime: LocalRuntime;
let counter = 0;

beforeAll(async () => {
  runtime = await startLocalRuntime();
});
afterAll(async () => {
  logger.setLogLevel('INFO');
  await runtime.close();
});

const nextId = () => `pipeline-${Date.now()}-${(counter += 1)}`;

function depsWith(overrides: Partial<PipelineDeps> = {}): PipelineDeps & { store: MemoryNoteStore; notifier: MemoryNotifier; tasks: MemoryTaskCreator } {
  return {
    extractor: new LocalVocabularyExtractor(),
    store: new MemoryNoteStore(),
    notifier: new MemoryNotifier(),
    tasks: new MemoryTaskCreator(),
    chart: runtime.epic,
    organizationDisplay: 'Example Clinic phone line',
    minIcd10Score: 0.5,
    ...overrides,
  } as PipelineDeps & { store: MemoryNoteStore; notifier: MemoryNotifier; tasks: MemoryTaskCreator };
}

async function filed(noteId: string): Promise<DocumentReference[]> {
  const bundle = await runtime.epic.fhir.search<DocumentReference>('DocumentReference', { identifier: `${NOTE_IDENTIFIER_SYSTEM}|${noteId}` });
  return (bundle.entry ?? []).map((entry) => entry.resource as DocumentReference);
}

describe('symptom pipeline: transcript to a note filed in Epic', () => {
  it('extracts, builds, stores, files and notifies, with every step visible in the store', async () => {
    // Prepare
    const noteId = nextId();
    const deps = depsWith();
    // Act
    const result = await processTranscript({ noteId, contactId: 'contact-9', patientId: PATIENT, transcript: TRANSCRIPT }, deps);
    // Assess
    const documents = await filed(noteId);
    expect(documents).toHaveLength(1);
    const [task] = deps.tasks.tasks;
    expect(result).toEqual({
      noteId,
      built: true,
      urgent: true,
      form: 'complete',
      tasked: true,
      taskContactId: task?.contactId,
      delivered: true,
      notified: true,
      documentReferenceId: documents[0]?.id,
    });
    const stored = await deps.store.get(noteId);
    expect(Object.entries(stored?.steps ?? {}).map(([step, status]) => [step, status.state])).toEqual([
      ['transcribed', 'done'],
      ['extracted', 'done'],
      ['stored', 'done'],
      ['tasked', 'done'],
      ['delivered', 'done'],
      ['notified', 'done'],
    ]);
    expect(stored?.taskContactId).toBe(task?.contactId);
    expect(stored?.note).toMatchObject({ chiefComplaint: 'cough', urgent: true });
    const text = Buffer.from(documents[0]?.content[0]?.attachment.data ?? '', 'base64').toString('utf8');
    expect(text).toMatch(/^\*\*\* URGENT: the caller mentioned chest pain\./);
    expect(text).toContain('- cough: quality productive; duration for five days');
    expect(text).toContain('- Tylenol (acetaminophen, RxNorm 161): dose 500 mg; frequency every 6 hours');
  });

  it('changes nothing when run again after a success: no extraction, no second document, no second notification', async () => {
    // Prepare
    const noteId = nextId();
    let extractions = 0;
    const counting: EntityExtractor = {
      extract: async (text) => {
        extractions += 1;
        return new LocalVocabularyExtractor().extract(text);
      },
    };
    const deps = depsWith({ extractor: counting });
    const input = { noteId, contactId: 'contact-9', patientId: PATIENT, transcript: TRANSCRIPT };
    const first = await processTranscript(input, deps);
    const before = await deps.store.get(noteId);
    // Act
    const second = await processTranscript(input, deps);
    // Assess
    expect(second).toEqual({ ...first, built: false });
    expect(extractions).toBe(1);
    expect(await deps.store.get(noteId)).toEqual(before);
    expect(deps.notifier.messages).toHaveLength(1);
    expect(deps.tasks.tasks).toHaveLength(1);
    expect(await filed(noteId)).toHaveLength(1);
  });

  it('resumes after an Epic outage: the rerun files the stored note once', async () => {
    // Prepare
    const noteId = nextId();
    const deps = depsWith();
    const input = { noteId, contactId: 'contact-9', patientId: PATIENT, transcript: 'Mild sore throat since yesterday, no fever.' };
    runtime.sandbox.failNextFhir(3, 503);
    // Act
    const failed = await processTranscript(input, deps);
    const resumed = await processTranscript(input, deps);
    // Assess
    // The care team's task does not wait for Epic: it is made in the run that could not file the note.
    expect(failed).toMatchObject({ built: true, tasked: true, delivered: false, notified: false, retry: { step: 'delivered', error: 'FhirUnavailableError' } });
    expect(resumed).toMatchObject({ built: false, tasked: true, taskContactId: failed.taskContactId, delivered: true, notified: true });
    expect(await filed(noteId)).toHaveLength(1);
    expect(deps.tasks.tasks).toHaveLength(1);
  });

  it('files one document and sends one notification when two runs process the same transcript at once', async () => {
    // Prepare: a duplicate SQS message, or the polling check overlapping the Transcribe EventBridge event.
    const deps = depsWith();
    const input = { noteId: nextId(), contactId: 'contact-concurrent', patientId: PATIENT, transcript: TRANSCRIPT };
    // Act
    const results = await Promise.all([processTranscript(input, deps), processTranscript(input, deps)]);
    const redelivered = await processTranscript(input, deps);
    // Assess: a run that lost a step's claim asks to be retried and did not do that step; the retry changes nothing.
    const documents = await filed(input.noteId);
    expect(documents).toHaveLength(1);
    expect(deps.notifier.messages).toHaveLength(1);
    expect(deps.tasks.tasks).toHaveLength(1);
    expect(results.filter((result) => result.notified)).toHaveLength(1);
    expect(results.filter((result) => result.tasked)).toHaveLength(1);
    expect(results.some((result) => result.retry?.error === 'StepInProgress')).toBe(true);
    expect(redelivered).toMatchObject({ built: false, tasked: true, delivered: true, notified: true, documentReferenceId: documents[0]?.id });
    expect(redelivered.retry).toBeUndefined();
    expect(deps.notifier.messages).toHaveLength(1);
    expect(deps.tasks.tasks).toHaveLength(1);
  });

  it('records a failed extraction in the store and throws it', async () => {
    // Prepare
    const noteId = nextId();
    const failing: EntityExtractor = { extract: async () => Promise.reject(new ExtractionError('Comprehend Medical DetectEntitiesV2 failed (TooManyRequestsException) after 4 attempt(s)')) };
    const deps = depsWith({ extractor: failing });
    // Act
    const attempt = processTranscript({ noteId, contactId: 'c', patientId: PATIENT, transcript: TRANSCRIPT }, deps);
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ExtractionError);
    expect((await deps.store.get(noteId))?.steps.extracted).toMatchObject({ state: 'failed', error: 'ExtractionError' });
  });

  it('never writes the transcript, the words found in it or the patient id to the logs', async () => {
    // Prepare
    logger.setLogLevel('DEBUG');
    const deps = depsWith();
    const noteId = nextId();
    // Act
    const output = await captureOutput(async () => {
      runtime.sandbox.failNextFhir(1, 400);
      await processTranscript({ noteId, contactId: 'contact-9', patientId: PATIENT, transcript: TRANSCRIPT }, deps);
      await processTranscript({ noteId, contactId: 'contact-9', patientId: PATIENT, transcript: TRANSCRIPT }, deps);
    });
    // Assess
    expect(output).toContain(noteId);
    expect(output).toContain('symptoms.processed');
    const words = ['Harold', 'cough', 'fever', 'tightness', 'stairs', 'nausea', 'Mucinex', 'Tylenol', 'acetaminophen', '500 mg', 'R05.9', PATIENT];
    for (const word of words) expect(output).not.toContain(word);
  });

  it('refuses a note id that could break an identifier search or a job name', async () => {
    await expect(processTranscript({ noteId: 'a|b', contactId: 'c', patientId: PATIENT, transcript: 'x' }, depsWith())).rejects.toThrow(RangeError);
  });
});
