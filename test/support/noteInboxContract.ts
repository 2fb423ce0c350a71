import { describe, expect, it } from 'vitest';
import {
  buildSymptomNote,
  InvalidCursorError,
  LocalVocabularyExtractor,
  NoteNotFoundError,
  type NoteListFilter,
  type NoteReview,
  type NoteStore,
  type SymptomNote,
} from '../../fulfillment/notes';
import { FakeClock } from './fakeClock';
import { START } from './noteStoreContract';

const extractor = new LocalVocabularyExtractor();

/** A routine and an urgent note, built once; {@link noteAt} copies them with another id and time. */
async function templates(): Promise<{ readonly routine: SymptomNote; readonly urgent: SymptomNote }> {
  const build = async (transcript: string) =>
    buildSymptomNote({
      noteId: 'template',
      contactId: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
      patientId: 'pat-1',
      transcript,
      extraction: await extractor.extract(transcript),
      createdAt: new Date(START).toISOString(),
      minIcd10Score: 0.5,
    });
  return { routine: await build('I have a dry cough for three days.'), urgent: await build('I have crushing chest pain and I feel short of breath.') };
}

/** `template` as note `noteId`, received `minutes` after {@link START}, of `patientId`. */
function noteAt(template: SymptomNote, noteId: string, minutes: number, patientId = 'pat-1'): SymptomNote {
  return { ...template, noteId, patientId, createdAt: new Date(START + minutes * 60_000).toISOString() };
}

const clinician = { id: 'clin-1', displayName: 'Dr. Ada Moreno' };
const review = (at: string, comment?: string): NoteReview => ({ by: clinician, at, ...(comment ? { comment } : {}) });

/** Every id of a filter, page after page (a bounded loop: at most 50 pages). */
async function allIds(store: NoteStore, filter: NoteListFilter, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages += 1) {
    const page = await store.list({ filter, limit, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((item) => item.noteId));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('more than 50 pages');
}

/**
 * The inbox's side of every {@link NoteStore} adapter (review state, kept-for-staff, the list) as one
 * suite. `make` gives an EMPTY store on the clock for each test, since the list sees every note held.
 */
export function runNoteInboxContract(adapter: string, make: (clock: FakeClock) => Promise<NoteStore>): void {
  describe(`${adapter}: the inbox's state and list`, () => {
    it('keeps the first review and returns it to a second reviewer', async () => {
      // Prepare
      const store = await make(new FakeClock(START));
      const { routine } = await templates();
      await store.putIfAbsent(noteAt(routine, 'n-review', 0));
      // Act
      const first = await store.markReviewed('n-review', review('2025-03-04T16:00:00.000Z', 'Called pharmacy'));
      const second = await store.markReviewed('n-review', { by: { id: 'clin-2', displayName: 'Dr. Lee' }, at: '2025-03-04T16:05:00.000Z' });
      // Assess
      expect(second).toEqual(first);
      expect((await store.get('n-review'))?.reviewed).toEqual(review('2025-03-04T16:00:00.000Z', 'Called pharmacy'));
    });

    it('keeps the first called-back stamp', async () => {
      // Prepare
      const store = await make(new FakeClock(START));
      const { routine } = await templates();
      await store.putIfAbsent(noteAt(routine, 'n-call', 0));
      // Act
      const first = await store.markCalledBack('n-call', { by: clinician, at: '2025-03-04T16:00:00.000Z' });
      const second = await store.markCalledBack('n-call', { by: { id: 'clin-2', displayName: 'Dr. Lee' }, at: '2025-03-04T17:00:00.000Z' });
      // Assess
      expect(second).toEqual(first);
      expect((await store.get('n-call'))?.calledBack).toEqual({ by: clinician, at: '2025-03-04T16:00:00.000Z' });
    });

    it('refuses review, call-back and kept-for-staff marks on a note it does not hold', async () => {
      // Prepare
      const store = await make(new FakeClock(START));
      // Act + Assess
      await expect(store.markReviewed('n-missing', review('2025-03-04T16:00:00.000Z'))).rejects.toBeInstanceOf(NoteNotFoundError);
      await expect(store.markCalledBack('n-missing', { by: clinician, at: '2025-03-04T16:00:00.000Z' })).rejects.toBeInstanceOf(NoteNotFoundError);
      await expect(store.markKeptForStaff('n-missing', 'encounterRequired')).rejects.toBeInstanceOf(NoteNotFoundError);
    });

    it('keeps a note kept for staff as such after later delivery failures, and counts the failures', async () => {
      // Prepare
      const clock = new FakeClock(START);
      const store = await make(clock);
      const { routine } = await templates();
      await store.putIfAbsent(noteAt(routine, 'n-kept', 0));
      // Act
      await store.markStep('n-kept', 'delivered', { error: 'EncounterRequiredError' });
      await store.markKeptForStaff('n-kept', 'encounterRequired');
      clock.advance(60_000);
      await store.markKeptForStaff('n-kept', 'encounterRequired');
      await store.markStep('n-kept', 'delivered', { error: 'FhirUnavailableError' });
      // Assess
      const stored = await store.get('n-kept');
      expect(stored?.keptForStaff).toEqual({ reason: 'encounterRequired', at: '2025-03-04T15:20:00.000Z' });
      expect(stored?.deliveryFailures).toBe(2);
      expect(stored?.steps.delivered?.error).toBe('FhirUnavailableError');
    });

    it('lists urgent notes first, then the newest, with what a row shows and no transcript', async () => {
      // Prepare
      const store = await make(new FakeClock(START));
      const { routine, urgent } = await templates();
      await store.putIfAbsent(noteAt(routine, 'n-old', 0));
      await store.putIfAbsent(noteAt(urgent, 'n-urgent-old', 1));
      await store.putIfAbsent(noteAt(routine, 'n-new', 10, 'pat-2'));
      await store.putIfAbsent(noteAt(urgent, 'n-urgent-new', 5));
      await store.markStep('n-urgent-new', 'extracted', { error: 'ExtractionError' }); // a step record alone is not a row
      await store.markStep('n-without-note', 'extracted', { error: 'ExtractionError' });
      // Act
      const page = await store.list({ filter: 'all', limit: 10 });
      // Assess
      expect(page.items.map((item) => item.noteId)).toEqual(['n-urgent-new', 'n-urgent-old', 'n-new', 'n-old']);
      expect(page.nextCursor).toBeUndefined();
      expect(page.items[2]).toEqual({
        noteId: 'n-new',
        patientId: 'pat-2',
        contactId: routine.contactId,
        createdAt: '2025-03-04T15:30:00.000Z',
        urgent: false,
        chiefComplaint: routine.chiefComplaint,
      });
      expect(JSON.stringify(page)).not.toContain('dry cough for three days');
    });

    it('answers each filter with the notes that pass it', async () => {
      // Prepare: urgent/routine × reviewed/not × filed/not
      const store = await make(new FakeClock(START));
      const { routine, urgent } = await templates();
      const cases = [
        ['u-rev-filed', urgent, true, true],
        ['u-rev-open', urgent, true, false],
        ['u-new-filed', urgent, false, true],
        ['u-new-open', urgent, false, false],
        ['r-rev-filed', routine, true, true],
        ['r-rev-open', routine, true, false],
        ['r-new-filed', routine, false, true],
        ['r-new-open', routine, false, false],
      ] as const;
      for (const [index, [id, template, reviewed, filed]] of cases.entries()) {
        await store.putIfAbsent(noteAt(template, id, index));
        if (filed) await store.recordDocumentReference(id, `doc-${id}`);
        if (reviewed) await store.markReviewed(id, review('2025-03-04T16:00:00.000Z'));
      }
      // Act
      const lists = Object.fromEntries(
        await Promise.all((['needsReview', 'urgent', 'notFiled', 'reviewed', 'all'] as const).map(async (filter) => [filter, await allIds(store, filter, 3)] as const)),
      );
      // Assess: urgent first, then newest (a higher index is newer)
      expect(lists).toEqual({
        needsReview: ['u-new-open', 'u-new-filed', 'r-new-open', 'r-new-filed'],
        urgent: ['u-new-open', 'u-new-filed', 'u-rev-open', 'u-rev-filed'],
        notFiled: ['u-new-open', 'u-rev-open', 'r-new-open', 'r-rev-open'],
        reviewed: ['u-rev-open', 'u-rev-filed', 'r-rev-open', 'r-rev-filed'],
        all: ['u-new-open', 'u-new-filed', 'u-rev-open', 'u-rev-filed', 'r-new-open', 'r-new-filed', 'r-rev-open', 'r-rev-filed'],
      });
    });

    it('moves a note from needs-review to reviewed, and out of not-filed once filed', async () => {
      // Prepare
      const store = await make(new FakeClock(START));
      const { routine } = await templates();
      await store.putIfAbsent(noteAt(routine, 'n-moves', 0));
      const ids = async (filter: NoteListFilter) => (await store.list({ filter, limit: 10 })).items.map((item) => item.noteId);
      const before = { needsReview: await ids('needsReview'), reviewed: await ids('reviewed'), notFiled: await ids('notFiled') };
      // Act
      await store.markReviewed('n-moves', review('2025-03-04T16:00:00.000Z', 'ok'));
      await store.recordDocumentReference('n-moves', 'doc-1');
      // Assess
      expect(before).toEqual({ needsReview: ['n-moves'], reviewed: [], notFiled: ['n-moves'] });
      expect({ needsReview: await ids('needsReview'), reviewed: await ids('reviewed'), notFiled: await ids('notFiled') }).toEqual({ needsReview: [], reviewed: ['n-moves'], notFiled: [] });
      const [row] = (await store.list({ filter: 'reviewed', limit: 10 })).items;
      expect(row).toMatchObject({ documentReferenceId: 'doc-1', reviewed: review('2025-03-04T16:00:00.000Z', 'ok') });
    });

    it('pages through every note exactly once, the last page without a cursor', async () => {
      // Prepare: 23 notes, every fourth urgent
      const store = await make(new FakeClock(START));
      const { routine, urgent } = await templates();
      for (let index = 0; index < 23; index += 1) await store.putIfAbsent(noteAt(index % 4 === 0 ? urgent : routine, `n-${String(index).padStart(2, '0')}`, index));
      // Act
      const first = await store.list({ filter: 'all', limit: 10 });
      const paged = await allIds(store, 'all', 10);
      const urgentPaged = await allIds(store, 'urgent', 2);
      // Assess
      expect(first.items).toHaveLength(10);
      expect(first.nextCursor).toEqual(expect.any(String));
      expect(paged).toHaveLength(23);
      expect(new Set(paged).size).toBe(23);
      expect(paged.slice(0, 6)).toEqual(['n-20', 'n-16', 'n-12', 'n-08', 'n-04', 'n-00']);
      expect(urgentPaged).toEqual(['n-20', 'n-16', 'n-12', 'n-08', 'n-04', 'n-00']);
      expect((await store.list({ filter: 'all', limit: 23 })).nextCursor).toBeUndefined();
    });

    it('refuses a cursor it did not make, or one of another filter, and a page size out of range', async () => {
      // Prepare
      const store = await make(new FakeClock(START));
      const { routine } = await templates();
      for (let index = 0; index < 3; index += 1) await store.putIfAbsent(noteAt(routine, `n-c${index}`, index));
      const { nextCursor } = await store.list({ filter: 'all', limit: 1 });
      const forged = Buffer.from(JSON.stringify({ f: 'all', a: "0#x' OR 1=1" })).toString('base64url');
      // Act + Assess
      await expect(store.list({ filter: 'needsReview', limit: 1, cursor: nextCursor as string })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(store.list({ filter: 'all', limit: 1, cursor: forged })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(store.list({ filter: 'all', limit: 1, cursor: '../../etc/passwd' })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(store.list({ filter: 'all', limit: 0 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.list({ filter: 'all', limit: 101 })).rejects.toBeInstanceOf(RangeError);
    });
  });
}
