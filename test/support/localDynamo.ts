import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { INBOX_INDEX, INBOX_INDEX_KEYS, INBOX_INDEX_PROJECTION } from '../../fulfillment/notes/store/listing';

/**
 * dynalite ships no type declarations; loading it through `require` with a local signature avoids a
 * global `declare module` that could clash with another one in the repository.
 */
// The SDK warns once per process that releases after January 2027 need Node 22; tests run on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const loadDynalite = createRequire(import.meta.url)('dynalite') as (options?: { createTableMs?: number; deleteTableMs?: number }) => Server;

/** An in-process DynamoDB (dynalite) on a free loopback port, with clients pointed at it. */
export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  createTable(input: CreateTableCommandInput): Promise<void>;
  /**
   * A table keyed by `pk` (String) alone, on demand: the schema of the lockout, notes and capture-job
   * tables in the CDK stack (TTL is the stack's; dynalite has none, and no decision relies on it).
   */
  createPkTable(tableName: string): Promise<void>;
  /** The notes table as the CDK stack defines it: keyed by `pk`, with the inbox's global secondary index. */
  createNotesTable(tableName: string): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const server = loadDynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
  const documentClient = DynamoDBDocumentClient.from(client);
  return {
    endpoint,
    client,
    documentClient,
    async createTable(input) {
      await client.send(new CreateTableCommand(input));
    },
    async createPkTable(tableName) {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    },
    async createNotesTable(tableName) {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: INBOX_INDEX_KEYS.partition, AttributeType: 'S' },
            { AttributeName: INBOX_INDEX_KEYS.sort, AttributeType: 'S' },
          ],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          GlobalSecondaryIndexes: [
            {
              IndexName: INBOX_INDEX,
              KeySchema: [
                { AttributeName: INBOX_INDEX_KEYS.partition, KeyType: 'HASH' },
                { AttributeName: INBOX_INDEX_KEYS.sort, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...INBOX_INDEX_PROJECTION] },
            },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    },
    async close() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * A local DynamoDB for one test file: started with `tableNames` (keyed by `pk`, see
 * {@link LocalDynamo.createPkTable}) before its tests, closed after them. Returns a getter, since the
 * server exists only once the file's `beforeAll` has run.
 *
 * @example
 * const dynamo = useLocalDynamo('symptom-notes');
 * it('…', async () => { const client = dynamo().documentClient; });
 */
export function useLocalDynamo(...tableNames: string[]): () => LocalDynamo {
  return useLocalDynamoWith(async (dynamo) => {
    for (const tableName of tableNames) await dynamo.createPkTable(tableName);
  });
}

/**
 * {@link useLocalDynamo} with the tables `setup` creates, e.g. the notes table with its index.
 *
 * @example
 * const dynamo = useLocalDynamoWith((started) => started.createNotesTable('symptom-notes'));
 */
export function useLocalDynamoWith(setup: (dynamo: LocalDynamo) => Promise<void>): () => LocalDynamo {
  let dynamo: LocalDynamo | undefined;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    await setup(dynamo);
  });
  afterAll(async () => {
    await dynamo?.close();
  });
  return () => {
    if (!dynamo) throw new Error('The local DynamoDB is started by beforeAll: use it inside a test or a hook');
    return dynamo;
  };
}
