import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type GetCommandInput,
  type PutCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';

/**
 * The DynamoDB calls the stores share: a conditional write whose refused condition is an answer, not
 * an error, and a read; any other failure becomes the store's own error, built by the caller.
 */

/**
 * Builds a store's own error from a DynamoDB failure (which it should keep as `cause`).
 *
 * @example
 * const toError: DynamoErrorFactory = (error) => new LockoutStoreError('Lockout table could not be read', { cause: error });
 */
export type DynamoErrorFactory = (error: unknown) => Error;

/** Outcome of a conditional write: applied (with the attributes `ReturnValues` asked for), or refused by its condition. */
export type ConditionalWrite =
  | { readonly applied: true; readonly attributes: Record<string, unknown> | undefined }
  | { readonly applied: false; readonly conditionFailure: unknown };

/**
 * Whether DynamoDB refused a write because its condition did not hold. Matched by name too: an error
 * from another copy of the SDK (or a test double) is not an instance of this copy's class.
 */
export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: unknown } | undefined)?.name === 'ConditionalCheckFailedException';
}

/**
 * Sends one `UpdateItem`; a failed condition is returned, any other failure is thrown as `toError(error)`.
 *
 * @example
 * const write = await conditionalUpdate(client, { TableName, Key, UpdateExpression, ConditionExpression }, toError);
 * if (!write.applied) return undefined;
 */
export async function conditionalUpdate(client: DynamoDBDocumentClient, input: UpdateCommandInput, toError: DynamoErrorFactory): Promise<ConditionalWrite> {
  return conditionally(async () => (await client.send(new UpdateCommand(input))).Attributes, toError);
}

/**
 * Sends one `PutItem`; a failed condition is returned, any other failure is thrown as `toError(error)`.
 *
 * @example
 * const write = await conditionalPut(client, { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }, toError);
 */
export async function conditionalPut(client: DynamoDBDocumentClient, input: PutCommandInput, toError: DynamoErrorFactory): Promise<ConditionalWrite> {
  return conditionally(async () => (await client.send(new PutCommand(input))).Attributes, toError);
}

/**
 * Reads one item (`GetItem`): the item, or `undefined` when there is none; a failure is thrown as `toError(error)`.
 *
 * @example
 * const item = await getItem(client, { TableName, Key: { pk }, ConsistentRead: true }, toError);
 */
export async function getItem(client: DynamoDBDocumentClient, input: GetCommandInput, toError: DynamoErrorFactory): Promise<Record<string, unknown> | undefined> {
  try {
    return (await client.send(new GetCommand(input))).Item;
  } catch (error) {
    throw toError(error);
  }
}

async function conditionally(write: () => Promise<Record<string, unknown> | undefined>, toError: DynamoErrorFactory): Promise<ConditionalWrite> {
  try {
    return { applied: true, attributes: await write() };
  } catch (error) {
    if (isConditionalCheckFailed(error)) return { applied: false, conditionFailure: error };
    throw toError(error);
  }
}
