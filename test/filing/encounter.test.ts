/**
 * `context.encounter` of a filed note: none by default, the same day's visit when configured, and a
 * note that needs an encounter none fits stays stored for staff instead of being sent or retried.
 */
import type { DocumentReference } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { buildSymptomNote, LocalVocabularyExtractor, MemoryNoteStore, type SymptomNote } from '../../fulfillment/notes';
import { chooseEncounter, deliverNote, MemoryNotifier, NOTE_IDENTIFIER_SYSTEM, processTranscript } from '../../fulfillment/filing';
import { MemoryTaskCreator } from '../../fulfillment/tasks';
import { useLocalRuntime } from '../support/localRuntime';

// The demo patient's sandbox chart has a finished visit on 2026-02-03 at 14:00 (UTC-6) and one in 2025.
const PATIENT = 'pat-eleanor-whitfield';
const VISIT = 'enc-eleanor-whitfield-2';
const DAY_AFTER_VISIT = '2026-02-04T09:00:00.000Z';
const WEEK_AFTER_VISIT = '2026-02-10T09:00:00.000Z';

const runtime = useLocalRuntime();
let counter = 0;

async function noteAt(createdAt: string): Promise<SymptomNote> {
  counter += 1;
  const transcript = 'My knee has been swollen since Monday.';
  return buildSymptomNote({
    noteId: `encounter-${Date.now()}-${counter}`,
    contactId: 'contact-encounter',
    patientId: PATIENT,
    transcript,
    extraction: await new LocalVocabularyExtractor().extract(transcript),
    createdAt,
    minIcd10Score: 0.5,
  });
}

async function filed(noteId: string): Promise<DocumentReference[]> {
  const bundle = await runtime.epic.fhir.search<DocumentReference>('DocumentReference', { patient: PATIENT, identifier: `${NOTE_IDENTIFIER_SYSTEM}|${noteId}` });
  return (bundle.entry ?? []).map((entry) => entry.resource as DocumentReference);
}

describe('encounter of a filed note', () => {
  it('picks the visit that started in the 24 hours before the message, and none otherwise', async () => {
    // Act
    const sameDay = await chooseEncounter(runtime.epic, { patientId: PATIENT, messageAt: DAY_AFTER_VISIT }, 'sameDay');
    const weekLater = await chooseEncounter(runtime.epic, { patientId: PATIENT, messageAt: WEEK_AFTER_VISIT }, 'sameDay');
    const before = await chooseEncounter(runtime.epic, { patientId: PATIENT, messageAt: '2026-02-03T12:00:00.000Z' }, 'sameDay');
    const none = await chooseEncounter(runtime.epic, { patientId: PATIENT, messageAt: DAY_AFTER_VISIT }, 'none');
    // Assess
    expect([sameDay, weekLater, before, none]).toEqual([VISIT, undefined, undefined, undefined]);
  });

  it('files the note under the chosen visit', async () => {
    // Prepare
    const note = await noteAt(DAY_AFTER_VISIT);
    // Act
    const result = await deliverNote(note, {
      chart: runtime.epic,
      store: new MemoryNoteStore(),
      notifier: new MemoryNotifier(),
      organizationDisplay: 'Example Clinic phone line',
      encounterStrategy: 'sameDay',
    });
    // Assess
    expect(result.delivered).toBe(true);
    const [document] = await filed(note.noteId);
    expect(document?.context?.encounter).toEqual([{ reference: `Encounter/${VISIT}` }]);
  });

  it('keeps a note that needs an encounter none fits, tells the care team once, sends nothing to Epic and asks no retry', async () => {
    // Prepare
    const note = await noteAt(WEEK_AFTER_VISIT);
    const store = new MemoryNoteStore();
    const notifier = new MemoryNotifier();
    const deps = {
      extractor: new LocalVocabularyExtractor(),
      store,
      chart: runtime.epic,
      notifier,
      tasks: new MemoryTaskCreator(),
      organizationDisplay: 'Example Clinic phone line',
      encounterStrategy: 'sameDay' as const,
      encounterRequired: true,
    };
    await store.putIfAbsent(note, ['transcribed', 'extracted', 'stored']);
    // Act
    const first = await processTranscript({ noteId: note.noteId, contactId: note.contactId, patientId: PATIENT, transcript: note.transcript }, deps);
    const again = await processTranscript({ noteId: note.noteId, contactId: note.contactId, patientId: PATIENT, transcript: note.transcript }, deps);
    // Assess
    // The care team's task does not wait for Epic: a message kept for staff gets it all the same, once.
    expect(first).toMatchObject({ delivered: false, needsStaff: true, tasked: true });
    expect(deps.tasks.tasks).toHaveLength(1);
    expect(first.retry).toBeUndefined();
    expect(again.retry).toBeUndefined();
    expect(await filed(note.noteId)).toEqual([]);
    expect((await store.get(note.noteId))?.steps.delivered).toMatchObject({ state: 'failed', error: 'EncounterRequiredError' });
    expect((await store.get(note.noteId))?.keptForStaff).toMatchObject({ reason: 'encounterRequired' });
    expect(notifier.messages).toEqual([expect.objectContaining({ noteId: note.noteId, inChart: false })]);
    expect(JSON.stringify(notifier.messages)).not.toContain(PATIENT);
  });

  it('files a kept note under the encounter staff chose, even when the strategy finds none', async () => {
    // Prepare
    const note = await noteAt(WEEK_AFTER_VISIT);
    const store = new MemoryNoteStore();
    const deps = { chart: runtime.epic, store, notifier: new MemoryNotifier(), organizationDisplay: 'Example Clinic phone line', encounterStrategy: 'sameDay' as const, encounterRequired: true };
    const kept = await deliverNote(note, deps);
    // Act
    const result = await deliverNote(note, { ...deps, encounterId: VISIT });
    // Assess
    expect(kept).toMatchObject({ delivered: false, error: 'EncounterRequiredError' });
    expect(result).toMatchObject({ delivered: true, created: true });
    const [document] = await filed(note.noteId);
    expect(document?.context?.encounter).toEqual([{ reference: `Encounter/${VISIT}` }]);
    expect((await store.get(note.noteId))?.documentReferenceId).toBe(result.documentReferenceId);
  });
});
