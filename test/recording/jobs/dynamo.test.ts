import { afterAll, beforeAll } from 'vitest';
import { DynamoCaptureJobStore } from '../../../fulfillment/recording';
import { runCaptureJobStoreContract } from '../../support/captureJobStoreContract';
import { FakeClock } from '../../support/fakeClock';
import { startLocalDynamo, type LocalDynamo } from '../../support/localDynamo';

const TABLE = 'capture-jobs-test';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await dynamo.createPkTable(TABLE);
});
afterAll(async () => {
  await dynamo.close();
});

runCaptureJobStoreContract('DynamoDB', () => new DynamoCaptureJobStore({ client: dynamo.documentClient, tableName: TABLE, clock: new FakeClock() }));
