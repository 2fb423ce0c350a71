import { DynamoLiveTranscriptStore, liveKey, MemoryLiveTranscriptStore } from '../../../fulfillment/transcription/live';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fakeClock';
import { runLiveTranscriptStoreContract } from '../../support/liveTranscriptStoreContract';
import { useLocalDynamo } from '../../support/localDynamo';

const TABLE = 'live-transcripts-test';

const dynamo = useLocalDynamo(TABLE);

runLiveTranscriptStoreContract('memory', () => new MemoryLiveTranscriptStore());
runLiveTranscriptStoreContract('DynamoDB', () => new DynamoLiveTranscriptStore({ client: dynamo().documentClient, tableName: TABLE, clock: new FakeClock() }));

describe('DynamoLiveTranscriptStore', () => {
  it('stores a live transcript beside the capture job, typed, with a time to live', async () => {
    // Prepare
    const clock = new FakeClock();
    const store = new DynamoLiveTranscriptStore({ client: dynamo().documentClient, tableName: TABLE, clock, retentionDays: 2 });
    const contactId = randomUUID();
    // Act
    await store.claim(contactId, '2026-12-05T08:00:00.000Z');
    // Assess
    const { Item } = await dynamo().documentClient.send(new GetCommand({ TableName: TABLE, Key: { pk: liveKey(contactId) } }));
    expect(Item).toMatchObject({ pk: `live#${contactId}`, itemType: 'live', contactId, expiresAt: Math.floor(clock.now() / 1000) + 2 * 86_400 });
  });
});
