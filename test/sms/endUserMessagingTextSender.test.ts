/**
 * The AWS End User Messaging SMS adapter, against a mocked client answering as the SendTextMessage
 * reference documents it: a `MessageId` on success; `ConflictException` with `Reason:
 * DESTINATION_PHONE_NUMBER_OPTED_OUT` for a number that replied STOP; `ThrottlingException`,
 * `ServiceQuotaExceededException`, `ValidationException`, `AccessDeniedException`,
 * `ResourceNotFoundException`, `InternalServerException` otherwise.
 */
import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  PinpointSMSVoiceV2Client,
  ResourceNotFoundException,
  SendTextMessageCommand,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import type { E164 } from '../../fulfillment/epic';
import { EndUserMessagingTextSender, SmsError, SmsOptedOutError, SmsRejectedError, SmsThrottledError, SmsUnavailableError } from '../../fulfillment/sms';

const ORIGIN = 'arn:aws:sms-voice:us-east-1:111122223333:phone-number/phone-0123456789abcdef0123456789abcdef';
const TO = '+16085550142' as E164;
const BODY = 'Sandbox Family Clinic: your request was received. Reply STOP to opt out.';

const sms = mockClient(PinpointSMSVoiceV2Client);
afterEach(() => sms.reset());

const sender = (configurationSet?: string) =>
  new EndUserMessagingTextSender({ client: new PinpointSMSVoiceV2Client({ region: 'us-east-1' }), originationIdentity: ORIGIN, ...(configurationSet ? { configurationSet } : {}) });

describe('EndUserMessagingTextSender (SendTextMessage)', () => {
  it('sends one TRANSACTIONAL text from the origination identity to the number, with the configuration set and never DryRun', async () => {
    // Prepare
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'msg-1' });
    // Act
    const sent = await sender('clinic-texts').send({ to: TO, body: BODY });
    // Assess
    expect(sent).toEqual({ messageId: 'msg-1' });
    expect(sms).toHaveReceivedCommandTimes(SendTextMessageCommand, 1);
    const input = sms.commandCalls(SendTextMessageCommand)[0]?.args[0].input;
    expect(input).toEqual({ DestinationPhoneNumber: TO, OriginationIdentity: ORIGIN, MessageBody: BODY, MessageType: 'TRANSACTIONAL', ConfigurationSetName: 'clinic-texts' });
    expect(input).not.toHaveProperty('DryRun');
  });

  it('leaves ConfigurationSetName out when none is configured', async () => {
    // Prepare
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'msg-2' });
    // Act
    await sender().send({ to: TO, body: BODY });
    // Assess
    expect(Object.keys(sms.commandCalls(SendTextMessageCommand)[0]?.args[0].input ?? {}).sort()).toEqual(['DestinationPhoneNumber', 'MessageBody', 'MessageType', 'OriginationIdentity']);
  });

  it('names an opted-out destination (ConflictException, DESTINATION_PHONE_NUMBER_OPTED_OUT) SmsOptedOutError', async () => {
    // Prepare
    sms.on(SendTextMessageCommand).rejects(new ConflictException({ message: 'opted out', Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT', $metadata: { httpStatusCode: 409 } }));
    // Act
    const error = await sender().send({ to: TO, body: BODY }).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(SmsOptedOutError);
    expect(error).toMatchObject({ code: 'ConflictException', reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT' });
  });

  it.each([
    ['ThrottlingException', () => new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }), SmsThrottledError],
    ['ServiceQuotaExceededException', () => new ServiceQuotaExceededException({ message: 'limit', Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT', $metadata: { httpStatusCode: 402 } }), SmsThrottledError],
    ['ValidationException', () => new ValidationException({ message: 'bad', $metadata: { httpStatusCode: 400 } }), SmsRejectedError],
    ['AccessDeniedException', () => new AccessDeniedException({ message: 'denied', $metadata: { httpStatusCode: 403 } }), SmsRejectedError],
    ['ResourceNotFoundException', () => new ResourceNotFoundException({ message: 'no such origination identity', $metadata: { httpStatusCode: 404 } }), SmsRejectedError],
    ['ConflictException (another reason)', () => new ConflictException({ message: 'mismatch', Reason: 'MESSAGE_TYPE_MISMATCH', $metadata: { httpStatusCode: 409 } }), SmsRejectedError],
    ['InternalServerException', () => new InternalServerException({ message: 'oops', $metadata: { httpStatusCode: 500 } }), SmsUnavailableError],
  ])('names %s as its SmsError, with no number or text in the message', async (_name, makeError, Expected) => {
    // Prepare
    sms.on(SendTextMessageCommand).rejects(makeError());
    // Act
    const error = await sender().send({ to: TO, body: BODY }).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(Expected);
    expect(error).toBeInstanceOf(SmsError);
    const message = (error as Error).message;
    expect(message).not.toContain('0142');
    expect(message).not.toContain('request was received');
  });

  it('names a network failure (no AWS fault) SmsUnavailableError', async () => {
    // Prepare
    sms.on(SendTextMessageCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    // Act
    const error = await sender().send({ to: TO, body: BODY }).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(SmsUnavailableError);
  });

  it('treats an answer without a MessageId as not sent', async () => {
    // Prepare
    sms.on(SendTextMessageCommand).resolves({});
    // Act
    const error = await sender().send({ to: TO, body: BODY }).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(SmsUnavailableError);
  });
});
