import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { conditionalPut, conditionalUpdate, getItem, isConditionalCheckFailed } from '../../fulfillment/aws/dynamo';
import { useLocalDynamo } from '../support/localDynamo';

const TABLE = 'conditional-writes-test';

class StoreFailed extends Error {}
const toError = (error: unknown): Error => new StoreFailed('store failed', { cause: error });

const dynamo = useLocalDynamo(TABLE);

describe('conditional DynamoDB writes', () => {
  it('applies a write whose condition holds and returns the attributes asked for', async () => {
    // Prepare
    const pk = randomUUID();
    // Act
    const write = await conditionalUpdate(
      dynamo().documentClient,
      { TableName: TABLE, Key: { pk }, UpdateExpression: 'SET n = :one', ConditionExpression: 'attribute_not_exists(pk)', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'ALL_NEW' },
      toError,
    );
    // Assess
    expect(write).toEqual({ applied: true, attributes: { pk, n: 1 } });
  });

  it('answers a refused condition instead of throwing, with the refusal kept', async () => {
    // Prepare
    const pk = randomUUID();
    await conditionalPut(dynamo().documentClient, { TableName: TABLE, Item: { pk }, ConditionExpression: 'attribute_not_exists(pk)' }, toError);
    // Act
    const again = await conditionalPut(dynamo().documentClient, { TableName: TABLE, Item: { pk }, ConditionExpression: 'attribute_not_exists(pk)' }, toError);
    // Assess
    expect(again.applied).toBe(false);
    expect(again.applied ? undefined : again.conditionFailure).toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('throws the caller’s error, with the DynamoDB error as cause, for any other failure', async () => {
    // Act
    const write = conditionalUpdate(dynamo().documentClient, { TableName: 'no-such-table', Key: { pk: 'x' }, UpdateExpression: 'SET n = :one', ExpressionAttributeValues: { ':one': 1 } }, toError);
    // Assess
    await expect(write).rejects.toBeInstanceOf(StoreFailed);
    await expect(write).rejects.toMatchObject({ cause: { name: 'ResourceNotFoundException' } });
  });

  it('knows a refused condition by its name, whichever copy of the SDK raised it', () => {
    expect(isConditionalCheckFailed(Object.assign(new Error('refused'), { name: 'ConditionalCheckFailedException' }))).toBe(true);
    expect(isConditionalCheckFailed(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }))).toBe(false);
    expect(isConditionalCheckFailed(undefined)).toBe(false);
  });
});

describe('reading one DynamoDB item', () => {
  it('reads the item, or undefined when there is none', async () => {
    // Prepare
    const pk = randomUUID();
    await conditionalPut(dynamo().documentClient, { TableName: TABLE, Item: { pk, n: 2 } }, toError);
    // Act
    const [found, missing] = await Promise.all([
      getItem(dynamo().documentClient, { TableName: TABLE, Key: { pk }, ConsistentRead: true }, toError),
      getItem(dynamo().documentClient, { TableName: TABLE, Key: { pk: randomUUID() } }, toError),
    ]);
    // Assess
    expect(found).toEqual({ pk, n: 2 });
    expect(missing).toBeUndefined();
  });

  it('throws the caller’s error when the table cannot be read', async () => {
    await expect(getItem(dynamo().documentClient, { TableName: 'no-such-table', Key: { pk: 'x' } }, toError)).rejects.toBeInstanceOf(StoreFailed);
  });
});
