import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoNoteStore } from '../../../fulfillment/notes';
import { FakeClock } from '../../support/fakeClock';
import { useLocalDynamoWith } from '../../support/localDynamo';
import { runNoteInboxContract } from '../../support/noteInboxContract';
import { aNote, runNoteStoreContract, START } from '../../support/noteStoreContract';

const TABLE = 'symptom-notes';
/** The clock of the item tests below, fixed at the contract's start. */
const clock = new FakeClock(START);

const dynamo = useLocalDynamoWith((started) => started.createNotesTable(TABLE));

runNoteStoreContract('DynamoNoteStore (dynalite)', (testClock) => new DynamoNoteStore({ client: dynamo().documentClient, tableName: TABLE, clock: testClock, retentionDays: 30 }));

/** A fresh notes table (with the inbox index) per test: the list sees every note a table holds. */
let tables = 0;
runNoteInboxContract('DynamoNoteStore (dynalite)', async (testClock) => {
  tables += 1;
  const tableName = `symptom-notes-inbox-${tables}`;
  await dynamo().createNotesTable(tableName);
  return new DynamoNoteStore({ client: dynamo().documentClient, tableName, clock: testClock });
});

describe('DynamoNoteStore item', () => {
  it('lives under pk note#<id> with a TTL after the retention period', async () => {
    // Prepare
    const store = new DynamoNoteStore({ client: dynamo().documentClient, tableName: TABLE, clock, retentionDays: 30 });
    const note = await aNote();
    // Act
    await store.putIfAbsent(note);
    // Assess
    const { Item } = await dynamo().documentClient.send(new GetCommand({ TableName: TABLE, Key: { pk: `note#${note.noteId}` } }));
    expect(Item).toMatchObject({ noteId: note.noteId, expiresAt: START / 1000 + 30 * 86_400, step_stored: { state: 'done' } });
  });

  it('carries the inbox index keys and the list row, and moves buckets as the note is reviewed and filed', async () => {
    // Prepare
    const store = new DynamoNoteStore({ client: dynamo().documentClient, tableName: TABLE, clock });
    const note = await aNote();
    const item = async () => (await dynamo().documentClient.send(new GetCommand({ TableName: TABLE, Key: { pk: `note#${note.noteId}` } }))).Item;
    // Act
    await store.putIfAbsent(note);
    const stored = await item();
    await store.recordDocumentReference(note.noteId, 'doc-1');
    const filed = await item();
    await store.markReviewed(note.noteId, { by: { id: 'clin-1', displayName: 'Dr. Ada Moreno' }, at: '2025-03-04T16:00:00.000Z' });
    const reviewed = await item();
    // Assess
    expect(stored).toMatchObject({
      inboxBucket: 'needsReview#notFiled',
      inboxSort: `0#2025-03-04T15:20:00.000Z#${note.noteId}`,
      patientId: note.patientId,
      contactId: note.contactId,
      urgent: false,
      chiefComplaint: 'cough',
    });
    expect(filed?.inboxBucket).toBe('needsReview#filed');
    expect(reviewed?.inboxBucket).toBe('reviewed#filed');
  });

  it('names the failure without the note content when DynamoDB is unreachable', async () => {
    const store = new DynamoNoteStore({ client: dynamo().documentClient, tableName: 'no-such-table', clock });
    const note = await aNote('I have a migraine.');
    await expect(store.putIfAbsent(note)).rejects.toThrow(/Could not put symptom note note-\d+ in DynamoDB \(ResourceNotFoundException\)/);
    await expect(store.putIfAbsent(note)).rejects.not.toThrow(/migraine/);
  });

  it('names the DynamoDB call that failed, for reads, step updates and leases alike', async () => {
    // Prepare
    const store = new DynamoNoteStore({ client: dynamo().documentClient, tableName: 'no-such-table', clock });
    // Act + Assess
    await expect(store.get('note-x')).rejects.toThrow('Could not read symptom note note-x in DynamoDB (ResourceNotFoundException)');
    await expect(store.markStep('note-x', 'stored', {})).rejects.toThrow('Could not update symptom note note-x in DynamoDB (ResourceNotFoundException)');
    await expect(store.recordDocumentReference('note-x', 'doc-1')).rejects.toThrow('Could not update symptom note note-x in DynamoDB (ResourceNotFoundException)');
    await expect(store.claimStep('note-x', 'delivered', { owner: 'run-a', leaseMs: 1 })).rejects.toThrow('Could not claim a step of symptom note note-x in DynamoDB (ResourceNotFoundException)');
    await expect(store.releaseStep('note-x', 'delivered', 'run-a')).rejects.toThrow('Could not release a step of symptom note note-x in DynamoDB (ResourceNotFoundException)');
  });
});
