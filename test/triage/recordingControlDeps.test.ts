import { ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { captureDepsFromEnv, createCaptureJobStore, liveTriageFromConfig } from '../../fulfillment/functions/recording-control/deps';
import type { CaptureJob } from '../../fulfillment/recording';
import { loadCaptureConfig } from '../../fulfillment/runtime/config';
import { generateSessionKey } from '../../fulfillment/session';
import { LiveMessageTriage } from '../../fulfillment/triage';
import { FakeClock } from '../support/fakeClock';
import { MemoryLogger } from '../support/memoryLogger';

const TABLE = 'clinic-ivr-notes';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:111122223333:clinic-ivr-care-team';
const INSTANCE_ID = '00000000-1111-2222-3333-444444444444';
const TASK_FLOW_ARN = `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE_ID}/contact-flow/55555555-6666-7777-8888-999999999999`;
const CONTACT_ID = '7d1c3a52-8f0e-4b6a-9c2d-1e5f7a9b3c4d';
const NOTE_ID = '0b6e2f4a-3c1d-4e5f-8a9b-7c6d5e4f3a2b';

/** The recording-control function's environment in AWS with live transcription and the triage's settings. */
const AWS_ENV = {
  AWS_LAMBDA_FUNCTION_NAME: 'clinic-ivr-capture',
  AWS_REGION: 'us-east-1',
  SYMPTOM_NOTES_TABLE_NAME: TABLE,
  CAPTURE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/clinic-ivr-capture',
  CONNECT_INSTANCE_ARN: `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE_ID}`,
  KVS_STREAM_NAME_PREFIX: 'clinic-ivr-connect-my-clinic-contact-',
  LIVE_TRANSCRIBER_FUNCTION: 'clinic-ivr-live-transcriber',
  SYMPTOM_NOTIFY_TOPIC_ARN: TOPIC_ARN,
  CONNECT_TASK_FLOW_ARN: TASK_FLOW_ARN,
  INBOX_BASE_URL: 'https://inbox.clinic.example',
} as const;

const dynamo = mockClient(DynamoDBDocumentClient);
const sns = mockClient(SNSClient);
const connect = mockClient(ConnectClient);

afterEach(() => {
  dynamo.reset();
  sns.reset();
  connect.reset();
});

function without(name: keyof typeof AWS_ENV): NodeJS.ProcessEnv {
  const { [name]: _dropped, ...rest } = AWS_ENV;
  return rest;
}

describe('recording-control dependencies: the live triage at #', () => {
  it.each(['LIVE_TRANSCRIBER_FUNCTION', 'SYMPTOM_NOTIFY_TOPIC_ARN', 'CONNECT_TASK_FLOW_ARN'] as const)('is off when %s is unset, and names it', (name) => {
    // Prepare
    const config = loadCaptureConfig(without(name));
    // Act
    const wiring = liveTriageFromConfig(config, createCaptureJobStore(config.notesTable));
    // Assess
    expect(wiring).toEqual({ off: [name] });
  });

  it('is off without the notes table (local mode), naming the table', () => {
    // Prepare
    const config = loadCaptureConfig({ LIVE_TRANSCRIBER_FUNCTION: 'clinic-ivr-live-transcriber', SYMPTOM_NOTIFY_TOPIC_ARN: TOPIC_ARN, CONNECT_TASK_FLOW_ARN: TASK_FLOW_ARN });
    // Act
    const wiring = liveTriageFromConfig(config, createCaptureJobStore(config.notesTable));
    // Assess
    expect(wiring).toEqual({ off: ['SYMPTOM_NOTES_TABLE_NAME'] });
  });

  it('reads the live transcript from the notes table and pages through the configured topic and task flow', async () => {
    // Prepare
    const clock = new FakeClock();
    const config = loadCaptureConfig(AWS_ENV);
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
    dynamo
      .on(GetCommand, { TableName: TABLE, Key: { pk: `live#${CONTACT_ID}` } })
      .resolves({ Item: { pk: `live#${CONTACT_ID}`, startedAt: '2026-11-25T12:00:00.000Z', segments: { '0': { text: 'I have crushing chest pain', startMs: 0, endMs: 2_000 } }, end: { outcome: 'complete', at: '2026-11-25T12:00:05.000Z' } } });
    dynamo.on(UpdateCommand).resolves({});
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-1' });
    const wiring = liveTriageFromConfig(config, createCaptureJobStore(config.notesTable, client), { dynamo: client, sns: new SNSClient({ region: 'us-east-1' }), connect: new ConnectClient({ region: 'us-east-1' }) }, clock);
    const job = { contactId: CONTACT_ID, noteId: NOTE_ID } as CaptureJob;
    // Act
    const outcome = 'triage' in wiring ? await wiring.triage.decide(job) : undefined;
    // Assess
    expect(outcome).toEqual({ triage: 'urgent', flag: 'chest-pain', reason: 'decided' });
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input.TopicArn)).toEqual([TOPIC_ARN]);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Message).toContain(`https://inbox.clinic.example/messages/${NOTE_ID}`);
    expect(connect.commandCalls(StartTaskContactCommand).map((call) => [call.args[0].input.InstanceId, call.args[0].input.ClientToken])).toEqual([[INSTANCE_ID, NOTE_ID]]);
    const updates = dynamo.commandCalls(UpdateCommand).map((call) => [call.args[0].input.TableName, call.args[0].input.Key]);
    expect(updates).toContainEqual([TABLE, { pk: `capture#${CONTACT_ID}` }]);
    expect(dynamo.commandCalls(UpdateCommand).some((call) => String(call.args[0].input.ConditionExpression).includes('attribute_not_exists(urgentPage)'))).toBe(true);
  });

  it('builds the triage at cold start when everything is configured, and logs nothing about it', async () => {
    // Prepare
    const log = new MemoryLogger();
    // Act
    const deps = await captureDepsFromEnv({ ...AWS_ENV, SESSION_KEY: generateSessionKey() }, log);
    // Assess
    expect(deps.triage).toBeInstanceOf(LiveMessageTriage);
    expect(log.text()).not.toContain('triage.off');
  });

  it('leaves the triage out and says so once, naming the missing variable, when the task flow is not configured', async () => {
    // Prepare
    const log = new MemoryLogger();
    // Act
    const deps = await captureDepsFromEnv({ ...without('CONNECT_TASK_FLOW_ARN'), SESSION_KEY: generateSessionKey() }, log);
    // Assess
    expect(deps.triage).toBeUndefined();
    expect(log.lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([expect.objectContaining({ level: 'info', event: 'triage.off', missing: ['CONNECT_TASK_FLOW_ARN'] })]);
  });
});
