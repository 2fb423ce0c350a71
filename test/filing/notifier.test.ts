import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryNotifier, NotificationError, SnsNotifier } from '../../fulfillment/filing';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:clinic-ivr-symptom-notes';

afterEach(() => {
  sns.reset();
});

describe('SNS notifier', () => {
  it('publishes the note id, the urgency and where to read it, and no patient data', async () => {
    // Prepare: the words of the message and the patient are known to the caller of notify, not to SNS.
    sns.on(PublishCommand).resolves({ MessageId: '5b3c1f2e-0000-4000-8000-000000000001' });
    const notifier = new SnsNotifier({ client: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC });
    const transcriptWords = ['chest', 'pain', 'aspirin', 'Eleanor', 'Whitfield'];
    const patientId = 'pat-eleanor-whitfield';
    // Act
    await notifier.notify({ noteId: 'note-7f3a', urgent: true, documentReferenceId: 'doc-91' });
    // Assess
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC,
      Subject: 'URGENT symptom message',
      MessageAttributes: { urgent: { DataType: 'String', StringValue: 'true' } },
    });
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    const message = JSON.parse(input?.Message ?? '{}') as Record<string, unknown>;
    expect(message).toMatchObject({
      type: 'symptom-note',
      noteId: 'note-7f3a',
      urgent: true,
      readAt: { system: 'Epic', resourceType: 'DocumentReference', id: 'doc-91', identifier: 'urn:clinic-ivr:symptom-note|note-7f3a' },
    });
    const everything = JSON.stringify(input);
    for (const word of [...transcriptWords, patientId]) expect(everything.toLowerCase()).not.toContain(word.toLowerCase());
  });

  it('says a routine note is not urgent, for the subscription filter', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' });
    await new SnsNotifier({ client: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC }).notify({ noteId: 'n-2', urgent: false, documentReferenceId: 'doc-2' });
    expect(sns).toHaveReceivedCommandWith(PublishCommand, { Subject: 'New symptom message', MessageAttributes: { urgent: { DataType: 'String', StringValue: 'false' } } });
  });

  it('fails with a named error carrying the cause', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('denied'), { name: 'AuthorizationErrorException' }));
    const attempt = new SnsNotifier({ client: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC }).notify({ noteId: 'n-3', urgent: false, documentReferenceId: 'd' });
    await expect(attempt).rejects.toThrow(new NotificationError('SNS publish for note n-3 failed (AuthorizationErrorException)'));
  });

  it('refuses a topic that is not an SNS ARN', () => {
    expect(() => new SnsNotifier({ client: new SNSClient({ region: 'us-east-1' }), topicArn: 'clinic-notes' })).toThrow(TypeError);
  });
});

describe('memory notifier', () => {
  it('keeps the messages it would have published, in order', async () => {
    const notifier = new MemoryNotifier();
    await notifier.notify({ noteId: 'a', urgent: false, documentReferenceId: 'd-a' });
    await notifier.notify({ noteId: 'b', urgent: true, documentReferenceId: 'd-b' });
    expect(notifier.messages.map((message) => [message.noteId, message.urgent])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });
});

describe('notification text', () => {
  it('names the note type the note was filed as, so the care team finds it in Epic', async () => {
    // Prepare
    const notifier = new MemoryNotifier();
    // Act
    await notifier.notify({ noteId: 'n-1', urgent: false, documentReferenceId: 'doc-1', noteType: 'Progress note' });
    // Assess
    expect(notifier.messages[0]?.text).toBe('A symptom message was filed in Epic (Documents, "Progress note", preliminary).');
  });
});
