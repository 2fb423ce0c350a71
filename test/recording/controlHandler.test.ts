import { randomBytes } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CaptureQueueError,
  createCaptureHandler,
  DynamoCaptureJobStore,
  SqsCaptureQueue,
  type RecordingControlDeps,
  type CaptureHandler,
} from '../../fulfillment/recording';
import { CAPTURE_RESULTS } from '../../contract';
import { logger } from '../../fulfillment/runtime/logger';
import { SessionTokenService } from '../../fulfillment/session';
import { NOTE_ID_PATTERN } from '../../fulfillment/notes';
import { captureOutput } from '../support/captureOutput';
import { FakeClock } from '../support/fakeClock';
import { startLocalDynamo, type LocalDynamo } from '../support/localDynamo';
import { FIXTURE_AUDIO, FIXTURE_PHONE, FIXTURE_STREAMS, fixture, INSTANCE_ARN, newContactId } from '../support/recordingJobs';

const TABLE = 'symptom-notes-capture-test';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/clinic-ivr-capture';
const PATIENT_ID = 'eRt9Gm3kYp2Qw8vX1zL0aBc3';
const MINUTE = 60_000;

const sqs = mockClient(SQSClient);

describe('capture function', () => {
  let dynamo: LocalDynamo;
  let clock: FakeClock;
  let key: Uint8Array;
  let deps: RecordingControlDeps;
  let handler: CaptureHandler;

  /** A session token PatientAuth would have issued for this contact (Connect's contact id is the Lex session id). */
  const tokenFor = (contactId: string, options: { key?: Uint8Array; patientId?: string } = {}): Promise<string> =>
    new SessionTokenService({ key: options.key ?? key, clock }).issue({ patientId: options.patientId ?? PATIENT_ID }, { sessionId: contactId });

  const start = async (contactId: string, sessionToken?: string) => handler(fixture('flow-start', { contactId, sessionToken: sessionToken ?? (await tokenFor(contactId)) }));
  const stop = async (contactId: string) => handler(fixture('flow-stop', { contactId, sessionToken: await tokenFor(contactId) }));
  /** The flow's stop with Connect's `Customer.Audio` changed by `edit` (a field set to `undefined` is left out). */
  const stopWith = async (contactId: string, edit: Record<string, string | undefined>) => {
    const event = fixture('flow-stop', { contactId, sessionToken: await tokenFor(contactId) });
    const audio = (event['Details'] as { ContactData: { MediaStreams: { Customer: { Audio: Record<string, string> } } } }).ContactData.MediaStreams.Customer.Audio;
    for (const [name, value] of Object.entries(edit)) {
      if (value === undefined) delete audio[name];
      else audio[name] = value;
    }
    return handler(event);
  };
  const disconnect = (contactId: string) => handler(fixture('contact-event-disconnected', { contactId }));
  const storedItem = async (contactId: string) => (await dynamo.documentClient.send(new GetCommand({ TableName: TABLE, Key: { pk: `capture#${contactId}` } }))).Item;

  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    await dynamo.createPkTable(TABLE);
  });

  afterAll(async () => {
    sqs.restore();
    logger.setLogLevel('INFO');
    await dynamo.close();
  });

  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
    clock = new FakeClock();
    key = randomBytes(32);
    deps = {
      sessions: new SessionTokenService({ key, clock }),
      store: new DynamoCaptureJobStore({ client: dynamo.documentClient, tableName: TABLE, clock }),
      queue: new SqsCaptureQueue({ client: new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }), queueUrl: QUEUE_URL }),
      clock,
      connectInstanceArn: INSTANCE_ARN,
      connectStreams: FIXTURE_STREAMS,
    };
    handler = createCaptureHandler(async () => deps);
  });

  describe('start', () => {
    it('registers an open job for a verified caller at once, with the stream Connect reported', async () => {
      // Prepare
      const contactId = newContactId();
      // Act
      const response = await start(contactId);
      // Assess
      expect(response).toEqual({ captureResult: CAPTURE_RESULTS.started });
      const job = await deps.store.get(contactId);
      expect(job).toEqual({
        contactId,
        noteId: expect.stringMatching(NOTE_ID_PATTERN),
        patientId: PATIENT_ID,
        streamArn: FIXTURE_AUDIO.streamArn,
        startFragmentNumber: FIXTURE_AUDIO.startFragmentNumber,
        startTimestampMs: FIXTURE_AUDIO.startTimestampMs,
        // The flow's start of the fixture passes no language: a message in English, as before languages.
        language: 'en-US',
        status: 'open',
        openedAt: new Date(clock.now()).toISOString(),
      });
      expect(await storedItem(contactId)).toMatchObject({ pk: `capture#${contactId}`, expiresAt: Math.floor(clock.now() / 1000) + 14 * 86_400 });
      expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    });

    it.each([
      ['forged (sealed under another key)', (contactId: string) => tokenFor(contactId, { key: randomBytes(32) })],
      ['bound to another call', () => tokenFor(newContactId())],
      ['missing', async () => undefined],
    ])('answers invalidSession and registers nothing when the token is %s', async (_case, token) => {
      // Prepare
      const contactId = newContactId();
      const sessionToken = await token(contactId);
      // Act
      const response = await handler(fixture('flow-start', { contactId, sessionToken }));
      // Assess
      expect(response).toEqual({ captureResult: CAPTURE_RESULTS.invalidSession });
      expect(await storedItem(contactId)).toBeUndefined();
    });

    it('answers invalidSession and registers nothing when the token has expired', async () => {
      // Prepare
      const contactId = newContactId();
      const sessionToken = await tokenFor(contactId);
      clock.advance(31 * MINUTE);
      // Act
      const response = await start(contactId, sessionToken);
      // Assess
      expect(response).toEqual({ captureResult: CAPTURE_RESULTS.invalidSession });
      expect(await storedItem(contactId)).toBeUndefined();
    });

    it('keeps one message per call: a second start answers alreadyRecorded and leaves the first job as it was', async () => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      const first = await deps.store.get(contactId);
      clock.advance(MINUTE);
      // Act
      const response = await start(contactId);
      // Assess
      expect(response).toEqual({ captureResult: CAPTURE_RESULTS.alreadyRecorded });
      expect(await deps.store.get(contactId)).toEqual(first);
    });

    it.each([
      ['of another account', 'arn:aws:kinesisvideo:us-east-1:444455556666:stream/clinic-ivr-connect-clinic-contact-2f0c6b1e/1700000000000', 'streamOtherAccount'],
      ['in another region', 'arn:aws:kinesisvideo:eu-west-1:111122223333:stream/clinic-ivr-connect-clinic-contact-2f0c6b1e/1700000000000', 'streamOtherRegion'],
      ['of another instance or prefix', 'arn:aws:kinesisvideo:us-east-1:111122223333:stream/other-connect-clinic-contact-2f0c6b1e/1700000000000', 'streamOtherPrefix'],
      ['not a Kinesis video stream', 'arn:aws:s3:::clinic-ivr-connect-clinic-contact-2f0c6b1e', 'streamNotKinesisVideo'],
    ])('answers noStream, registers nothing and logs why, without the ARN, for a stream %s', async (_case, streamArn, reason) => {
      // Prepare
      const contactId = newContactId();
      const event = fixture('flow-start', { contactId, sessionToken: await tokenFor(contactId) });
      (event['Details'] as { ContactData: { MediaStreams: { Customer: { Audio: { StreamARN: string } } } } }).ContactData.MediaStreams.Customer.Audio.StreamARN = streamArn;
      let response: unknown;
      // Act
      const output = await captureOutput(async () => {
        response = await handler(event);
      });
      // Assess
      expect(response).toEqual({ captureResult: CAPTURE_RESULTS.noStream });
      expect(await storedItem(contactId)).toBeUndefined();
      const line = output.split('\n').find((text) => text.includes(contactId));
      expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 'WARN', event: 'capture.flow', contactId, outcome: CAPTURE_RESULTS.noStream, detail: reason });
      for (const secret of [streamArn, '444455556666']) expect(output).not.toContain(secret);
    });

    it('answers noStream and registers nothing when Connect reports no audio stream for the contact', async () => {
      // Prepare
      const contactId = newContactId();
      // Act
      const response = await handler(fixture('flow-start-no-stream', { contactId, sessionToken: await tokenFor(contactId) }));
      // Assess
      expect(response).toEqual({ captureResult: CAPTURE_RESULTS.noStream });
      expect(await storedItem(contactId)).toBeUndefined();
    });
  });

  describe('closing', () => {
    it('closes once and sends once when the caller stops and the call then ends', async () => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      clock.advance(MINUTE);
      // Act
      const stopped = await stop(contactId);
      clock.advance(MINUTE);
      const disconnected = await disconnect(contactId);
      // Assess
      expect(stopped).toEqual({ captureResult: CAPTURE_RESULTS.closed });
      expect(disconnected).toBeUndefined();
      const job = await deps.store.get(contactId);
      expect(job).toMatchObject({
        status: 'closed',
        closedBy: 'caller',
        stopTimestampMs: FIXTURE_AUDIO.stopTimestampMs,
        stopFragmentNumber: FIXTURE_AUDIO.stopFragmentNumber,
        closedAt: new Date(clock.now() - MINUTE).toISOString(),
        enqueuedAt: new Date(clock.now() - MINUTE).toISOString(),
      });
      expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
      expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ contactId, noteId: job?.noteId }) });
    });

    it('closes once and sends once when the call ends first and the stop arrives after, keeping where the stop says the audio ends', async () => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      clock.advance(MINUTE);
      // Act
      await disconnect(contactId);
      const stopped = await stop(contactId);
      // Assess
      expect(stopped).toEqual({ captureResult: CAPTURE_RESULTS.closed });
      const job = await deps.store.get(contactId);
      expect(job).toMatchObject({
        status: 'closed',
        closedBy: 'disconnect',
        enqueuedAt: expect.any(String),
        stopTimestampMs: FIXTURE_AUDIO.stopTimestampMs,
        stopFragmentNumber: FIXTURE_AUDIO.stopFragmentNumber,
      });
      expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
      expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ contactId, noteId: job?.noteId }) });
    });

    it('closes a message the caller hung up on, with no stop timestamp, so the audio runs to the end of the contact', async () => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      // Act
      await disconnect(contactId);
      // Assess
      const job = await deps.store.get(contactId);
      expect(job).toMatchObject({ status: 'closed', closedBy: 'disconnect', closedAt: expect.any(String), enqueuedAt: expect.any(String) });
      expect(job).not.toHaveProperty('stopTimestampMs');
      expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    });

    it.each([
      ['Connect reports no stop timestamp (the stop\'s own arrival, after the hang-up, says nothing)', { StopTimestamp: undefined, StopFragmentNumber: undefined }],
      ["Connect's stop timestamp is before the message started", { StopTimestamp: String(FIXTURE_AUDIO.startTimestampMs - 1) }],
      ['Connect\'s stop timestamp is after the hang-up closed the message', { StopTimestamp: String(Date.UTC(2026, 10, 25, 12, 1, 0) + 1) }],
    ])('keeps a hung-up message unbounded when a later stop falls outside it: %s', async (_case, audio: Record<string, string | undefined>) => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      clock.advance(MINUTE);
      await disconnect(contactId);
      clock.advance(1000);
      // Act
      const stopped = await stopWith(contactId, audio);
      // Assess
      expect(stopped).toEqual({ captureResult: CAPTURE_RESULTS.closed });
      const job = await deps.store.get(contactId);
      expect(job).toMatchObject({ status: 'closed', closedBy: 'disconnect' });
      expect(job).not.toHaveProperty('stopTimestampMs');
      expect(job).not.toHaveProperty('stopFragmentNumber');
      expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    });

    it('keeps the first stop time recorded after a hang-up when the stop is repeated', async () => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      clock.advance(MINUTE);
      await disconnect(contactId);
      await stop(contactId);
      // Act
      const again = await stopWith(contactId, { StopTimestamp: String(FIXTURE_AUDIO.stopTimestampMs - 5000) });
      // Assess
      expect(again).toEqual({ captureResult: CAPTURE_RESULTS.closed });
      expect(await deps.store.get(contactId)).toMatchObject({ closedBy: 'disconnect', stopTimestampMs: FIXTURE_AUDIO.stopTimestampMs });
    });

    it('does nothing when a call without a message ends', async () => {
      // Prepare
      const contactId = newContactId();
      // Act
      const result = await disconnect(contactId);
      // Assess
      expect(result).toBeUndefined();
      expect(await storedItem(contactId)).toBeUndefined();
      expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    });

    it('ignores contact events other than DISCONNECTED', async () => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      // Act
      await handler(fixture('contact-event-connected', { contactId }));
      // Assess
      expect(await deps.store.get(contactId)).toMatchObject({ status: 'open' });
      expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    });

    it('bounds the message at the stop when Connect reports no stop timestamp (stopping the stream failed)', async () => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      clock.advance(MINUTE);
      const stopWithoutStreamStop = fixture('flow-start', { contactId, sessionToken: await tokenFor(contactId) });
      (stopWithoutStreamStop['Details'] as { Parameters: Record<string, string> }).Parameters['action'] = 'stop';
      // Act
      const response = await handler(stopWithoutStreamStop);
      // Assess
      expect(response).toEqual({ captureResult: CAPTURE_RESULTS.closed });
      expect(await deps.store.get(contactId)).toMatchObject({ closedBy: 'caller', stopTimestampMs: clock.now() });
      expect(await deps.store.get(contactId)).not.toHaveProperty('stopFragmentNumber');
    });

    it('answers noCapture to a stop with no message registered', async () => {
      // Act
      const response = await stop(newContactId());
      // Assess
      expect(response).toEqual({ captureResult: CAPTURE_RESULTS.noCapture });
      expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    });
  });

  describe('when the queue fails', () => {
    it('tells the flow the message is saved, and the end of the call sends it once successfully', async () => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      sqs.on(SendMessageCommand).rejectsOnce(Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' })).resolves({ MessageId: 'message-2' });
      // Act
      const stopped = await stop(contactId);
      const afterStop = await deps.store.get(contactId);
      clock.advance(MINUTE);
      await disconnect(contactId);
      // Assess
      expect(stopped).toEqual({ captureResult: CAPTURE_RESULTS.saved });
      expect(afterStop).toMatchObject({ status: 'closed', closedBy: 'caller' });
      expect(afterStop).not.toHaveProperty('enqueuedAt');
      const job = await deps.store.get(contactId);
      expect(job).toMatchObject({ closedBy: 'caller', enqueuedAt: new Date(clock.now()).toISOString() });
      expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 2);
      expect(sqs).toHaveReceivedNthCommandWith(SendMessageCommand, 2, { QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ contactId, noteId: job?.noteId }) });
    });

    it('throws from DISCONNECTED so EventBridge retries, and the retry sends the message', async () => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      sqs.on(SendMessageCommand).rejects(Object.assign(new Error('Throttled'), { name: 'ThrottlingException' }));
      // Act
      const failed = disconnect(contactId);
      // Assess
      await expect(failed).rejects.toBeInstanceOf(CaptureQueueError);
      expect(await deps.store.get(contactId)).toMatchObject({ status: 'closed', closedBy: 'disconnect' });
      expect(await deps.store.get(contactId)).not.toHaveProperty('enqueuedAt');
      // Act: EventBridge's retry, the queue back.
      sqs.on(SendMessageCommand).resolves({ MessageId: 'message-3' });
      await disconnect(contactId);
      // Assess
      expect(await deps.store.get(contactId)).toMatchObject({ enqueuedAt: expect.any(String) });
      expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 2);
    });
  });

  describe('boundaries', () => {
    it('ignores flow invocations and contact events of another Connect instance', async () => {
      // Prepare
      const contactId = newContactId();
      await start(contactId);
      const other = 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-0000-0000-000000000000';
      const foreignStart = fixture('flow-start', { contactId: newContactId(), sessionToken: await tokenFor(contactId) });
      (foreignStart['Details'] as { ContactData: { InstanceARN: string } }).ContactData.InstanceARN = other;
      const foreignDisconnect = fixture('contact-event-disconnected', { contactId });
      (foreignDisconnect['detail'] as { instanceArn: string }).instanceArn = other;
      // Act
      const response = await handler(foreignStart);
      await handler(foreignDisconnect);
      // Assess
      expect(response).toEqual({ captureResult: CAPTURE_RESULTS.error });
      expect(await deps.store.get(contactId)).toMatchObject({ status: 'open' });
      expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    });

    it('never throws to Connect: a store it cannot reach, an unknown action and a malformed event all answer error', async () => {
      // Prepare
      const contactId = newContactId();
      const unreachable = createCaptureHandler(async () => ({ ...deps, store: new DynamoCaptureJobStore({ client: dynamo.documentClient, tableName: 'no-such-table', clock }) }));
      const unknownAction = fixture('flow-start', { contactId, sessionToken: await tokenFor(contactId) });
      (unknownAction['Details'] as { Parameters: Record<string, string> }).Parameters['action'] = 'rewind';
      const failingInit = createCaptureHandler(async () => {
        throw new Error('secret unreadable');
      });
      // Act
      const responses = [
        await unreachable(fixture('flow-start', { contactId, sessionToken: await tokenFor(contactId) })),
        await handler(unknownAction),
        await handler({ Details: { ContactData: { ContactId: 'not a contact id' } } }),
        await failingInit(fixture('flow-stop', { contactId, sessionToken: await tokenFor(contactId) })),
      ];
      // Assess
      expect(responses).toEqual(Array.from({ length: 4 }, () => ({ captureResult: CAPTURE_RESULTS.error })));
    });

    it('logs no patient id, session token or calling number, at the most verbose level', async () => {
      // Prepare
      logger.setLogLevel('DEBUG');
      const contactId = newContactId();
      const token = await tokenFor(contactId);
      const forged = await tokenFor(contactId, { key: randomBytes(32) });
      // Act
      const output = await captureOutput(async () => {
        await handler(fixture('flow-start', { contactId, sessionToken: forged }));
        await start(contactId, token);
        await start(contactId, token);
        sqs.on(SendMessageCommand).rejects(new Error(`queue refused ${PATIENT_ID}`));
        await handler(fixture('flow-stop', { contactId, sessionToken: token }));
        await disconnect(contactId).catch(() => undefined);
        await handler({ Details: { ContactData: { ContactId: contactId, CustomerEndpoint: { Address: FIXTURE_PHONE } }, Parameters: { sessionToken: token } } });
      });
      // Assess
      expect(output).toContain(contactId);
      for (const secret of [PATIENT_ID, token, forged, FIXTURE_PHONE, FIXTURE_PHONE.slice(2)]) expect(output).not.toContain(secret);
    });
  });
});
