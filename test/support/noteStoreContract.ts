import { describe, expect, it } from 'vitest';
import { buildSymptomNote, LocalVocabularyExtractor, NoteNotFoundError, NoteStoreError, type NoteStore, type SymptomNote } from '../../fulfillment/notes';
import { FakeClock } from './fakeClock';

/** The instant every contract test starts at. */
export const START = Date.parse('2025-03-04T15:20:00.000Z');

let counter = 0;

/** A note built from `transcript` with a new id (`note-<n>`), so tests sharing one table never see each other's notes. */
export async function aNote(transcript = 'I have a dry cough for three days and no fever. I take albuterol twice a day.'): Promise<SymptomNote> {
  counter += 1;
  return buildSymptomNote({
    noteId: `note-${counter}`,
    contactId: 'contact-1',
    patientId: 'pat-1',
    transcript,
    extraction: await new LocalVocabularyExtractor().extract(transcript),
    createdAt: new Date(START).toISOString(),
    minIcd10Score: 0.5,
  });
}

/**
 * The behaviour every {@link NoteStore} adapter must have, as one suite; `make` builds one on the given
 * clock (called inside each test, so it may use what a `beforeAll` started).
 */
export function runNoteStoreContract(adapter: string, make: (clock: FakeClock) => NoteStore): void {
  describe(adapter, () => {
    it('stores a note once: a second put of the same id keeps the first note', async () => {
      // Prepare
      const clock = new FakeClock(START);
      const store = make(clock);
      const note = await aNote();
      // Act
      const first = await store.putIfAbsent(note, ['transcribed', 'extracted', 'stored']);
      const second = await store.putIfAbsent({ ...note, chiefComplaint: 'something else' });
      // Assess
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.stored.note).toEqual(note);
      expect((await store.get(note.noteId))?.note).toEqual(note);
      expect(second.stored.steps).toEqual({
        transcribed: { state: 'done', at: '2025-03-04T15:20:00.000Z' },
        extracted: { state: 'done', at: '2025-03-04T15:20:00.000Z' },
        stored: { state: 'done', at: '2025-03-04T15:20:00.000Z' },
      });
    });

    it('records each step with its time and, on failure, the error name', async () => {
      // Prepare
      const clock = new FakeClock(START);
      const store = make(clock);
      const note = await aNote();
      await store.putIfAbsent(note);
      // Act
      clock.advance(60_000);
      await store.markStep(note.noteId, 'delivered', { error: 'FhirUnavailableError' });
      // Assess
      expect((await store.get(note.noteId))?.steps.delivered).toEqual({ state: 'failed', at: '2025-03-04T15:21:00.000Z', error: 'FhirUnavailableError' });
    });

    it('refuses to mark a note delivered before its DocumentReference id is recorded', async () => {
      // Prepare
      const clock = new FakeClock(START);
      const store = make(clock);
      const note = await aNote();
      await store.putIfAbsent(note);
      // Act + Assess
      await expect(store.markStep(note.noteId, 'delivered', {})).rejects.toBeInstanceOf(NoteStoreError);
      await store.recordDocumentReference(note.noteId, 'doc-1');
      await store.markStep(note.noteId, 'delivered', {});
      expect((await store.get(note.noteId))?.steps.delivered?.state).toBe('done');
    });

    it('keeps the first DocumentReference id', async () => {
      // Prepare
      const clock = new FakeClock(START);
      const store = make(clock);
      const note = await aNote();
      await store.putIfAbsent(note);
      // Act
      const first = await store.recordDocumentReference(note.noteId, 'doc-first');
      const again = await store.recordDocumentReference(note.noteId, 'doc-second');
      // Assess
      expect([first, again]).toEqual(['doc-first', 'doc-first']);
      expect((await store.get(note.noteId))?.documentReferenceId).toBe('doc-first');
    });

    it('keeps the first care-team task contact id, marks tasked only once one is recorded, and counts failed task attempts', async () => {
      // Prepare
      const clock = new FakeClock(START);
      const store = make(clock);
      const note = await aNote();
      await store.putIfAbsent(note);
      // Act
      await store.markStep(note.noteId, 'tasked', { error: 'TaskThrottledError:ThrottlingException' });
      await store.markStep(note.noteId, 'tasked', { error: 'TaskThrottledError:ServiceQuotaExceededException' });
      const refused = store.markStep(note.noteId, 'tasked', {});
      await expect(refused).rejects.toBeInstanceOf(NoteStoreError);
      const first = await store.recordTaskContact(note.noteId, 'task-first');
      const again = await store.recordTaskContact(note.noteId, 'task-second');
      await store.markStep(note.noteId, 'tasked', {});
      // Assess
      expect([first, again]).toEqual(['task-first', 'task-first']);
      const stored = await store.get(note.noteId);
      expect(stored).toMatchObject({ taskContactId: 'task-first', taskFailures: 2, steps: { tasked: { state: 'done' } } });
      expect(stored?.deliveryFailures).toBeUndefined();
      await expect(store.recordTaskContact('note-missing', 'task-1')).rejects.toBeInstanceOf(NoteNotFoundError);
    });

    it('records a failure that happened before the note existed, then accepts the note', async () => {
      // Prepare
      const clock = new FakeClock(START);
      const store = make(clock);
      const note = await aNote();
      // Act
      await store.markStep(note.noteId, 'extracted', { error: 'ExtractionError' });
      const before = await store.get(note.noteId);
      const put = await store.putIfAbsent(note, ['extracted', 'stored']);
      // Assess
      expect(before).toEqual({ noteId: note.noteId, steps: { extracted: { state: 'failed', at: '2025-03-04T15:20:00.000Z', error: 'ExtractionError' } } });
      expect(put.created).toBe(true);
      expect(put.stored.steps.extracted?.state).toBe('done');
    });

    it('cannot record a DocumentReference for a note it does not hold', async () => {
      await expect(make(new FakeClock(START)).recordDocumentReference('note-missing', 'doc-1')).rejects.toBeInstanceOf(NoteNotFoundError);
      expect(await make(new FakeClock(START)).get('note-missing')).toBeUndefined();
    });

    it('lets one run claim a step; another live run is refused until the lease is released or has expired', async () => {
      // Prepare
      const clock = new FakeClock(START);
      const store = make(clock);
      const note = await aNote();
      await store.putIfAbsent(note);
      // Act
      const first = await store.claimStep(note.noteId, 'delivered', { owner: 'run-a', leaseMs: 120_000 });
      const concurrent = await store.claimStep(note.noteId, 'delivered', { owner: 'run-b', leaseMs: 120_000 });
      const otherStep = await store.claimStep(note.noteId, 'notified', { owner: 'run-b', leaseMs: 120_000 });
      const renewed = await store.claimStep(note.noteId, 'delivered', { owner: 'run-a', leaseMs: 120_000 });
      await store.releaseStep(note.noteId, 'delivered', 'run-b'); // not run-b's lease: left alone
      const stillHeld = await store.claimStep(note.noteId, 'delivered', { owner: 'run-c', leaseMs: 120_000 });
      await store.releaseStep(note.noteId, 'delivered', 'run-a');
      const afterRelease = await store.claimStep(note.noteId, 'delivered', { owner: 'run-c', leaseMs: 120_000 });
      clock.advance(120_000);
      const afterExpiry = await store.claimStep(note.noteId, 'delivered', { owner: 'run-d', leaseMs: 120_000 });
      // Assess
      expect([first.claimed, concurrent.claimed, otherStep.claimed, renewed.claimed]).toEqual([true, false, true, true]);
      expect([stillHeld.claimed, afterRelease.claimed, afterExpiry.claimed]).toEqual([false, true, true]);
      expect(concurrent.stored.note).toEqual(note);
    });

    it('grants exactly one of two claims made at the same time', async () => {
      // Prepare
      const clock = new FakeClock(START);
      const store = make(clock);
      const note = await aNote();
      await store.putIfAbsent(note);
      // Act
      const claims = await Promise.all(['run-a', 'run-b'].map((owner) => store.claimStep(note.noteId, 'notified', { owner, leaseMs: 120_000 })));
      // Assess
      expect(claims.map((claim) => claim.claimed).sort()).toEqual([false, true]);
    });

    it('shows a claimant what another run finished before the claim', async () => {
      // Prepare: run A filed and released; run B claims afterwards.
      const clock = new FakeClock(START);
      const store = make(clock);
      const note = await aNote();
      await store.putIfAbsent(note);
      await store.claimStep(note.noteId, 'delivered', { owner: 'run-a', leaseMs: 120_000 });
      await store.recordDocumentReference(note.noteId, 'doc-a');
      await store.markStep(note.noteId, 'delivered', {});
      await store.releaseStep(note.noteId, 'delivered', 'run-a');
      // Act
      const claim = await store.claimStep(note.noteId, 'delivered', { owner: 'run-b', leaseMs: 120_000 });
      // Assess
      expect(claim.claimed).toBe(true);
      expect(claim.stored.documentReferenceId).toBe('doc-a');
      expect(claim.stored.steps.delivered?.state).toBe('done');
    });

    it('cannot claim a step of a note it does not hold', async () => {
      await expect(make(new FakeClock(START)).claimStep('note-missing', 'delivered', { owner: 'run-a', leaseMs: 120_000 })).rejects.toBeInstanceOf(NoteNotFoundError);
    });
  });
}
