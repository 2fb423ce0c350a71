import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { inboxMessageUrl, MemoryNotifier, NotificationError, SnsNotifier } from '../../fulfillment/filing';
import { ALL_PHONE_STRINGS } from '../../sandbox/data/scenarios';
import { patientDataIn } from '../support/patientStrings';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:clinic-ivr-symptom-notes';
const INBOX = 'https://abc123.execute-api.us-east-1.amazonaws.com';

/** The parts of a published message: the `default` JSON body and the `email` text (MessageStructure json). */
function publishedParts(index = 0): { readonly input: unknown; readonly body: Record<string, unknown>; readonly email: string } {
  const input = sns.commandCalls(PublishCommand)[index]?.args[0].input;
  const parts = JSON.parse(input?.Message ?? '{}') as { default?: string; email?: string };
  return { input, body: JSON.parse(parts.default ?? '{}') as Record<string, unknown>, email: parts.email ?? '' };
}

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
    const { input, body: message } = publishedParts();
    expect(message).toMatchObject({
      type: 'symptom-note',
      noteId: 'note-7f3a',
      urgent: true,
      readAt: { system: 'Epic', resourceType: 'DocumentReference', id: 'doc-91', identifier: 'urn:clinic-ivr:symptom-note|note-7f3a' },
    });
    const everything = JSON.stringify(input);
    for (const word of [...transcriptWords, patientId]) expect(everything.toLowerCase()).not.toContain(word.toLowerCase());
  });

  it('links each message to its page in the inbox, in the JSON body and in the e-mail, with no sandbox patient\'s name, birth date or phone', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-link' });
    const notifier = new SnsNotifier({ client: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, inboxBaseUrl: INBOX });
    // Act
    await notifier.notify({ noteId: 'note-7f3a', urgent: true, documentReferenceId: 'doc-91' });
    await notifier.notify({ noteId: 'note-8b4c', urgent: false });
    // Assess
    const [filed, pending] = [publishedParts(0), publishedParts(1)];
    expect(sns).toHaveReceivedCommandWith(PublishCommand, { MessageStructure: 'json' });
    expect(filed.body).toMatchObject({ noteId: 'note-7f3a', inboxUrl: `${INBOX}/messages/note-7f3a` });
    expect(filed.email).toContain(`\n${INBOX}/messages/note-7f3a\n`);
    expect(pending.body).toMatchObject({ noteId: 'note-8b4c', inChart: false, inboxUrl: `${INBOX}/messages/note-8b4c` });
    expect(pending.email).toContain(`${INBOX}/messages/note-8b4c`);
    for (const part of [filed, pending]) {
      const everything = JSON.stringify(part.input);
      expect(patientDataIn(everything)).toEqual([]);
      expect(ALL_PHONE_STRINGS.filter((phone) => everything.includes(phone))).toEqual([]);
    }
  });

  it('says to open the inbox when none is configured, with no link', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-nolink' });
    // Act
    await new SnsNotifier({ client: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC }).notify({ noteId: 'n-9', urgent: false, documentReferenceId: 'doc-9' });
    // Assess
    const { body, email } = publishedParts();
    expect(body['inboxUrl']).toBeUndefined();
    expect(body['text']).toMatch(/Open the care-team inbox to read it\.$/);
    expect(email).toContain('Open the care-team inbox to read it.');
    expect(email).not.toContain('/messages/');
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
    expect(notifier.messages[0]?.text).toBe('A symptom message was filed in Epic (Documents, "Progress note", preliminary). Open the care-team inbox to read it.');
  });

  it('gives the link of the local inbox when the memory notifier has one', async () => {
    // Prepare
    const notifier = new MemoryNotifier({ inboxBaseUrl: 'http://127.0.0.1:4321' });
    // Act
    await notifier.notify({ noteId: 'n-2', urgent: true, documentReferenceId: 'doc-2' });
    // Assess
    expect(notifier.messages[0]).toMatchObject({ inboxUrl: 'http://127.0.0.1:4321/messages/n-2' });
    expect(notifier.messages[0]?.text).toMatch(/Review it now\. Open it in the care-team inbox: http:\/\/127\.0\.0\.1:4321\/messages\/n-2$/);
  });
});

describe('inbox message URL', () => {
  it('puts the note id under /messages of the inbox origin, dropping a trailing slash and encoding the id', () => {
    // Act / Assess
    expect(inboxMessageUrl(`${INBOX}/`, 'note-1')).toBe(`${INBOX}/messages/note-1`);
    expect(inboxMessageUrl(INBOX, 'a/../b?c')).toBe(`${INBOX}/messages/a%2F..%2Fb%3Fc`);
  });
});
