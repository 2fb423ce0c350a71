import { DynamoCaptureJobStore } from '../../../fulfillment/recording';
import { runCaptureJobStoreContract } from '../../support/captureJobStoreContract';
import { FakeClock } from '../../support/fakeClock';
import { useLocalDynamo } from '../../support/localDynamo';

const TABLE = 'capture-jobs-test';

const dynamo = useLocalDynamo(TABLE);

runCaptureJobStoreContract('DynamoDB', () => new DynamoCaptureJobStore({ client: dynamo().documentClient, tableName: TABLE, clock: new FakeClock() }));
