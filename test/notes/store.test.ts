import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../fulfillment/runtime/clock';
import {
  buildSymptomNote,
  DynamoNoteStore,
  LocalVocabularyExtractor,
  MemoryNoteStore,
  NoteNotFoundError,
  NoteStoreError,
  type NoteStore,
  type SymptomNote,
} from '../../fulfillment/notes';
import { startLocalDynamo, type LocalDynamo } from '../support/localDynamo';

const TABLE = 'symptom-notes';
const START = Date.parse('2025-03-04T15:20:00.000Z');
let now = START;
const clock: Clock = { now: () => now, sleep: async () => undefined };

let dynamo: LocalDynamo;
let counter = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await dynamo.createPkTable(TABLE);
});
afterAll(async () => {
  await dynamo.close();
});

async function aNote(transcript = 'I have a dry cough for three days and no fever. I take albuterol twice a day.'): Promise<SymptomNote> {
  counter += 1;
  return buildSymptomNote({
    noteId: `note-${counter}`,
    contactId: 'contact-1',
    patientId: 'pat-1',
    transcript,
    extraction: await new LocalVocabularyExtractor().extract(transcript),
    createdAt: new Date(now).toISOString(),
    minIcd10Score: 0.5,
  });
}

const adapters: [string, () => NoteStore][] = [
  ['DynamoNoteStore (dynalite)', () => new DynamoNoteStore({ client: dynamo.documentClient, tableName: TABLE, clock, retentionDays: 30 })],
  ['MemoryNoteStore', () => new MemoryNoteStore({ clock })],
];

describe.each(adapters)('%s', (_name, makeStore) => {
  it('stores a note once: a second put of the same id keeps the first note', async () => {
    // Prepare
    const store = makeStore();
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
    const store = makeStore();
    const note = await aNote();
    await store.putIfAbsent(note);
    // Act
    now = START + 60_000;
    await store.markStep(note.noteId, 'delivered', { error: 'FhirUnavailableError' });
    // Assess
    expect((await store.get(note.noteId))?.steps.delivered).toEqual({ state: 'failed', at: '2025-03-04T15:21:00.000Z', error: 'FhirUnavailableError' });
    now = START;
  });

  it('refuses to mark a note delivered before its DocumentReference id is recorded', async () => {
    // Prepare
    const store = makeStore();
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
    const store = makeStore();
    const note = await aNote();
    await store.putIfAbsent(note);
    // Act
    const first = await store.recordDocumentReference(note.noteId, 'doc-first');
    const again = await store.recordDocumentReference(note.noteId, 'doc-second');
    // Assess
    expect([first, again]).toEqual(['doc-first', 'doc-first']);
    expect((await store.get(note.noteId))?.documentReferenceId).toBe('doc-first');
  });

  it('records a failure that happened before the note existed, then accepts the note', async () => {
    // Prepare
    const store = makeStore();
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
    await expect(makeStore().recordDocumentReference('note-missing', 'doc-1')).rejects.toBeInstanceOf(NoteNotFoundError);
    expect(await makeStore().get('note-missing')).toBeUndefined();
  });

  it('lets one run claim a step; another live run is refused until the lease is released or has expired', async () => {
    // Prepare
    const store = makeStore();
    const note = await aNote();
    await store.putIfAbsent(note);
    const started = now;
    try {
      // Act
      const first = await store.claimStep(note.noteId, 'delivered', { owner: 'run-a', leaseMs: 120_000 });
      const concurrent = await store.claimStep(note.noteId, 'delivered', { owner: 'run-b', leaseMs: 120_000 });
      const otherStep = await store.claimStep(note.noteId, 'notified', { owner: 'run-b', leaseMs: 120_000 });
      const renewed = await store.claimStep(note.noteId, 'delivered', { owner: 'run-a', leaseMs: 120_000 });
      await store.releaseStep(note.noteId, 'delivered', 'run-b'); // not run-b's lease: left alone
      const stillHeld = await store.claimStep(note.noteId, 'delivered', { owner: 'run-c', leaseMs: 120_000 });
      await store.releaseStep(note.noteId, 'delivered', 'run-a');
      const afterRelease = await store.claimStep(note.noteId, 'delivered', { owner: 'run-c', leaseMs: 120_000 });
      now += 120_000;
      const afterExpiry = await store.claimStep(note.noteId, 'delivered', { owner: 'run-d', leaseMs: 120_000 });
      // Assess
      expect([first.claimed, concurrent.claimed, otherStep.claimed, renewed.claimed]).toEqual([true, false, true, true]);
      expect([stillHeld.claimed, afterRelease.claimed, afterExpiry.claimed]).toEqual([false, true, true]);
      expect(concurrent.stored.note).toEqual(note);
    } finally {
      now = started;
    }
  });

  it('grants exactly one of two claims made at the same time', async () => {
    // Prepare
    const store = makeStore();
    const note = await aNote();
    await store.putIfAbsent(note);
    // Act
    const claims = await Promise.all(['run-a', 'run-b'].map((owner) => store.claimStep(note.noteId, 'notified', { owner, leaseMs: 120_000 })));
    // Assess
    expect(claims.map((claim) => claim.claimed).sort()).toEqual([false, true]);
  });

  it('shows a claimant what another run finished before the claim', async () => {
    // Prepare: run A filed and released; run B claims afterwards.
    const store = makeStore();
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
    await expect(makeStore().claimStep('note-missing', 'delivered', { owner: 'run-a', leaseMs: 120_000 })).rejects.toBeInstanceOf(NoteNotFoundError);
  });
});

describe('DynamoNoteStore item', () => {
  it('lives under pk note#<id> with a TTL after the retention period', async () => {
    // Prepare
    const store = new DynamoNoteStore({ client: dynamo.documentClient, tableName: TABLE, clock, retentionDays: 30 });
    const note = await aNote();
    // Act
    await store.putIfAbsent(note);
    // Assess
    const { Item } = await dynamo.documentClient.send(new GetCommand({ TableName: TABLE, Key: { pk: `note#${note.noteId}` } }));
    expect(Item).toMatchObject({ noteId: note.noteId, expiresAt: START / 1000 + 30 * 86_400, step_stored: { state: 'done' } });
  });

  it('names the failure without the note content when DynamoDB is unreachable', async () => {
    const store = new DynamoNoteStore({ client: dynamo.documentClient, tableName: 'no-such-table', clock });
    const note = await aNote('I have a migraine.');
    await expect(store.putIfAbsent(note)).rejects.toThrow(/Could not put symptom note note-\d+ in DynamoDB \(ResourceNotFoundException\)/);
    await expect(store.putIfAbsent(note)).rejects.not.toThrow(/migraine/);
  });
});
