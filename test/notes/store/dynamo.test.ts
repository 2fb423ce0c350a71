import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoNoteStore } from '../../../fulfillment/notes';
import { FakeClock } from '../../support/fakeClock';
import { useLocalDynamo } from '../../support/localDynamo';
import { aNote, runNoteStoreContract, START } from '../../support/noteStoreContract';

const TABLE = 'symptom-notes';
/** The clock of the item tests below, fixed at the contract's start. */
const clock = new FakeClock(START);

const dynamo = useLocalDynamo(TABLE);

runNoteStoreContract('DynamoNoteStore (dynalite)', (testClock) => new DynamoNoteStore({ client: dynamo().documentClient, tableName: TABLE, clock: testClock, retentionDays: 30 }));

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
