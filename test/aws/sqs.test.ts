import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { sendMessage } from '../../fulfillment/aws/sqs';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/clinic-ivr-capture';
const sqs = mockClient(SQSClient);

class QueueFailed extends Error {}

afterEach(() => {
  sqs.reset();
});

describe('sending one SQS message', () => {
  it('names no delay unless one is asked for', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    // Act
    await sendMessage(new SQSClient({ region: 'us-east-1' }), QUEUE_URL, { body: '{"noteId":"n-1"}' }, (error) => new QueueFailed('x', { cause: error }));
    // Assess
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({ QueueUrl: QUEUE_URL, MessageBody: '{"noteId":"n-1"}' });
  });

  it('passes the delay it is given', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    // Act
    await sendMessage(new SQSClient({ region: 'us-east-1' }), QUEUE_URL, { body: '{}', delaySeconds: 60 }, (error) => new QueueFailed('x', { cause: error }));
    // Assess
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: QUEUE_URL, MessageBody: '{}', DelaySeconds: 60 });
  });

  it('throws the caller’s error, keeping the SQS error as its cause', async () => {
    // Prepare
    const throttled = Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    sqs.on(SendMessageCommand).rejects(throttled);
    // Act
    const sent = sendMessage(new SQSClient({ region: 'us-east-1' }), QUEUE_URL, { body: '{}' }, (error) => new QueueFailed('not queued', { cause: error }));
    // Assess
    await expect(sent).rejects.toBeInstanceOf(QueueFailed);
    await expect(sent).rejects.toMatchObject({ message: 'not queued', cause: { name: 'ThrottlingException' } });
  });
});
