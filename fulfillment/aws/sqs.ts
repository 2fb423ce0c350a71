import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** What one `SendMessage` carries: the body, and a delay when the message should wait. */
export interface OutgoingMessage {
  readonly body: string;
  /** `DelaySeconds` (0–900 on a standard queue); absent, the request has none and the queue's default applies. */
  readonly delaySeconds?: number;
}

/**
 * Sends one message to `queueUrl`; a failure is thrown as `toError(error)`, the store's or port's own
 * error (which should keep `error` as `cause`).
 *
 * @example
 * await sendMessage(client, queueUrl, { body: JSON.stringify(ids) }, (error) => new CaptureQueueError(contactId, { cause: error }));
 */
export async function sendMessage(client: SQSClient, queueUrl: string, message: OutgoingMessage, toError: (error: unknown) => Error): Promise<void> {
  try {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: message.body,
        // Left out rather than undefined when not asked for: the request names no delay, so the queue's own default applies.
        ...(message.delaySeconds !== undefined ? { DelaySeconds: message.delaySeconds } : {}),
      }),
    );
  } catch (error) {
    throw toError(error);
  }
}
