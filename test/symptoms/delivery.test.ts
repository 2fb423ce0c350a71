import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../sandbox/localRuntime';
import {
  buildSymptomNote,
  deliverNote,
  LocalVocabularyExtractor,
  MemoryNoteStore,
  MemoryNotifier,
  NOTE_IDENTIFIER_SYSTEM,
  type DeliveryDeps,
  type SymptomNote,
} from '../../fulfillment/src/symptoms';

const PATIENT = 'pat-eleanor-whitfield';
let runtime: LocalRuntime;
let counter = 0;

beforeAll(async () => {
  runtime = await startLocalRuntime();
});
afterAll(async () => {
  await runtime.close();
});

async function aNote(transcript = 'I have had a sore throat and a fever since yesterday. I took Tylenol.'): Promise<SymptomNote> {
  counter += 1;
  return buildSymptomNote({
    noteId: `delivery-${Date.now()}-${counter}`,
    contactId: 'contact-1',
    patientId: PATIENT,
    transcript,
    extraction: await new LocalVocabularyExtractor().extract(transcript),
    createdAt: new Date().toISOString(),
    minIcd10Score: 0.5,
  });
}

function depsWith(store = new MemoryNoteStore(), notifier = new MemoryNotifier()): DeliveryDeps & { store: MemoryNoteStore; notifier: MemoryNotifier } {
  return { fhir: runtime.epic.fhir, store, notifier, organizationDisplay: 'Example Clinic phone line', encounterStrategy: 'none' };
}

/** What Epic (the sandbox) holds for the note, found over HTTP by its identifier. */
async function filedDocuments(noteId: string): Promise<DocumentReference[]> {
  const bundle = await runtime.epic.fhir.search<DocumentReference>('DocumentReference', { patient: PATIENT, identifier: `${NOTE_IDENTIFIER_SYSTEM}|${noteId}` });
  return (bundle.entry ?? []).map((entry) => entry.resource as DocumentReference);
}

describe('delivery of a symptom note to Epic (sandbox over HTTP)', () => {
  it('creates the DocumentReference, stores its id, marks the note delivered, then notifies', async () => {
    // Prepare
    const note = await aNote();
    const deps = depsWith();
    // Act
    const result = await deliverNote(note, deps);
    // Assess
    const filed = await filedDocuments(note.noteId);
    expect(filed).toHaveLength(1);
    expect(result).toEqual({ documentReferenceId: filed[0]?.id, created: true, delivered: true, notified: true });
    const stored = await deps.store.get(note.noteId);
    expect(stored?.documentReferenceId).toBe(filed[0]?.id);
    expect(stored?.steps.delivered?.state).toBe('done');
    expect(stored?.steps.notified?.state).toBe('done');
    expect(deps.notifier.messages).toMatchObject([{ noteId: note.noteId, urgent: false, readAt: { id: filed[0]?.id } }]);
    expect(filed[0]).toMatchObject({ docStatus: 'preliminary', subject: { reference: `Patient/${PATIENT}` } });
  });

  it('creates no duplicate when run again, from the same store or from a store that lost the id', async () => {
    // Prepare
    const note = await aNote();
    const deps = depsWith();
    await deliverNote(note, deps);
    const requestsBefore = runtime.sandbox.stats.fhirRequestsByType.DocumentReference ?? 0;
    // Act
    const rerun = await deliverNote(note, deps);
    const requestsAfterRerun = runtime.sandbox.stats.fhirRequestsByType.DocumentReference ?? 0;
    const fromScratch = await deliverNote(note, depsWith());
    // Assess: the rerun never calls Epic; the fresh store's conditional create finds the existing one.
    expect(requestsAfterRerun).toBe(requestsBefore);
    expect(rerun).toMatchObject({ created: false, delivered: true, notified: true });
    expect(deps.notifier.messages).toHaveLength(1);
    expect(fromScratch).toMatchObject({ created: false, delivered: true, documentReferenceId: rerun.documentReferenceId });
    expect(await filedDocuments(note.noteId)).toHaveLength(1);
  });

  it('leaves the note stored and marked for retry when Epic is unavailable, then a retry delivers once', async () => {
    // Prepare: more 503s than the FHIR client's retries (2).
    const note = await aNote('Severe headache for two days, no fever.');
    const deps = depsWith();
    runtime.sandbox.failNextFhir(3, 503);
    // Act
    const failed = await deliverNote(note, deps);
    const afterFailure = await deps.store.get(note.noteId);
    const retried = await deliverNote(note, deps);
    // Assess
    expect(failed).toEqual({ created: false, delivered: false, notified: false, error: 'FhirUnavailableError' });
    expect(afterFailure?.note).toEqual(note);
    expect(afterFailure?.documentReferenceId).toBeUndefined();
    expect(afterFailure?.steps.delivered).toMatchObject({ state: 'failed', error: 'FhirUnavailableError' });
    expect(deps.notifier.messages.filter((message) => message.noteId === note.noteId)).toHaveLength(1);
    expect(retried).toMatchObject({ created: true, delivered: true, notified: true });
    expect((await deps.store.get(note.noteId))?.steps.delivered?.state).toBe('done');
    expect(await filedDocuments(note.noteId)).toHaveLength(1);
  });

  it('marks a refused write-back (400) for retry with the error name only', async () => {
    // Prepare
    const note = await aNote('I have a cough and chest pain.');
    const deps = depsWith();
    runtime.sandbox.failNextFhir(1, 400);
    // Act
    const failed = await deliverNote(note, deps);
    // Assess
    expect(failed).toMatchObject({ delivered: false, error: 'FhirError' });
    const status = (await deps.store.get(note.noteId))?.steps.delivered;
    expect(status).toMatchObject({ state: 'failed', error: 'FhirError' });
    expect(JSON.stringify(status)).not.toMatch(/cough|chest|pat-/);
    // Chest pain makes the note urgent: the care team hears it is stored but not yet in the chart.
    expect(deps.notifier.messages).toMatchObject([{ noteId: note.noteId, urgent: true, inChart: false }]);
    expect(await filedDocuments(note.noteId)).toHaveLength(0);
  });

  it('refuses a note for a patient Epic does not know, and keeps it for a person to sort out', async () => {
    // Prepare
    const note = { ...(await aNote()), patientId: 'pat-does-not-exist' };
    const deps = depsWith();
    // Act
    const failed = await deliverNote(note, deps);
    // Assess
    expect(failed).toMatchObject({ delivered: false, error: 'FhirError' });
    expect((await deps.store.get(note.noteId))?.note?.patientId).toBe('pat-does-not-exist');
  });
});
