import { readFileSync } from 'node:fs';
import { ConnectClient, StartTaskContactCommand, ThrottlingException } from '@aws-sdk/client-connect';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetMedicalTranscriptionJobCommand, TranscribeClient } from '@aws-sdk/client-transcribe';
import type { DocumentReference } from '@medplum/fhirtypes';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logger } from '../../fulfillment/runtime/logger';
import { DynamoNoteStore, LocalVocabularyExtractor } from '../../fulfillment/notes';
import { RetryLaterError, TranscriptionFailedError } from '../../fulfillment/transcription';
import { NOTE_IDENTIFIER_SYSTEM, SnsNotifier } from '../../fulfillment/filing';
import { ConnectTaskCreator } from '../../fulfillment/tasks';
import {
  createRecordingHandler,
  createTranscriptionHandler,
  MemoryCheckScheduler,
  S3TranscriptReader,
  TranscribeJobStatusReader,
  type CaptureJobView,
  type CompletionDeps,
} from '../../fulfillment/transcription';
import { startLocalRuntime, type LocalRuntime } from '../../sandbox/localRuntime';
import { startLocalDynamo, type LocalDynamo } from '../support/localDynamo';
import { captureOutput } from '../support/captureOutput';
import { startLocalS3, type LocalS3 } from '../support/localS3';
import { patientDataIn } from '../support/patientStrings';
import { ALL_PHONE_STRINGS } from '../../sandbox/data/scenarios';

const TABLE = 'symptom-notes';
const BUCKET = 'clinic-ivr-recordings-111122223333';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:clinic-ivr-symptom-notes';
const PATIENT = 'pat-harold-halvorsen';
const URGENT_TRANSCRIPT =
  'Hi, this is Harold. I have had a productive cough for five days and a fever since Sunday. ' +
  'Now there is some chest tightness when I climb stairs. I have been taking Mucinex and Tylenol 500 mg every 6 hours.';

const TASK_FLOW = 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000/contact-flow/33333333-3333-4333-8333-333333333333';

const sns = mockClient(SNSClient);
const transcribe = mockClient(TranscribeClient);
const connect = mockClient(ConnectClient);
let runtime: LocalRuntime;
let dynamo: LocalDynamo;
let s3: LocalS3;
let counter = 0;

beforeAll(async () => {
  [runtime, dynamo, s3] = await Promise.all([startLocalRuntime(), startLocalDynamo(), startLocalS3([BUCKET])]);
  await dynamo.createPkTable(TABLE);
});
afterAll(async () => {
  logger.setLogLevel('INFO');
  await Promise.all([runtime.close(), dynamo.close(), s3.close()]);
});
beforeEach(() => {
  // StartTaskContact answers the new task's contact id (Amazon Connect API reference, StartTaskContact response).
  connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-contact-1' });
});
afterEach(() => {
  sns.reset();
  transcribe.reset();
  connect.reset();
});

/** A note whose recording was captured and transcribed: the capture job, the transcript in S3, the contact in the store. */
async function transcribedMessage(transcript: string): Promise<{ noteId: string; contactId: string; jobs: CaptureJobView[] }> {
  counter += 1;
  const noteId = `note-tx-${Date.now()}-${counter}`;
  const contactId = `11111111-2222-4333-8444-${String(Date.now()).slice(-10)}${String(counter).padStart(2, '0')}`;
  const output = JSON.parse(readFileSync(new URL('../fixtures/symptoms/transcribe-medical-output.json', import.meta.url), 'utf8')) as { jobName: string; results: { transcripts: { transcript: string }[] } };
  const file = { ...output, jobName: `clinic-ivr-symptoms-${noteId}`, results: { ...output.results, transcripts: [{ transcript }] } };
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `transcripts/clinic-ivr-symptoms-${noteId}.json`, Body: JSON.stringify(file), ContentType: 'application/json' }));
  await store().markStep(noteId, 'transcriptionStarted', { contactId });
  const jobs: CaptureJobView[] = [{ contactId, noteId, patientId: PATIENT, streamArn: 'arn:aws:kinesisvideo:us-east-1:111122223333:stream/s/1', startFragmentNumber: '1', status: 'closed' }];
  return { noteId, contactId, jobs };
}

const store = () => new DynamoNoteStore({ client: dynamo.documentClient, tableName: TABLE });

function completion(jobs: CaptureJobView[], inboxBaseUrl?: string): CompletionDeps {
  return {
    jobs: { get: async (contactId) => jobs.find((job) => job.contactId === contactId) },
    transcripts: new S3TranscriptReader(s3.client),
    location: { bucket: BUCKET, prefix: 'transcripts/' },
    pipeline: {
      extractor: new LocalVocabularyExtractor(),
      store: store(),
      chart: runtime.epic,
      notifier: new SnsNotifier({ client: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, ...(inboxBaseUrl === undefined ? {} : { inboxBaseUrl }) }),
      tasks: new ConnectTaskCreator({ client: new ConnectClient({ region: 'us-east-1' }), flowArn: TASK_FLOW }),
      ...(inboxBaseUrl === undefined ? {} : { inboxBaseUrl }),
      organizationDisplay: 'Example Clinic phone line',
      minIcd10Score: 0.5,
    },
  };
}

function event(name: 'completed' | 'failed', noteId: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/symptoms/worker/transcribe-job-${name}.json`, import.meta.url), 'utf8').replace('NOTE_ID', noteId));
}

async function filed(noteId: string): Promise<DocumentReference[]> {
  const bundle = await runtime.epic.fhir.search<DocumentReference>('DocumentReference', { identifier: `${NOTE_IDENTIFIER_SYSTEM}|${noteId}` });
  return (bundle.entry ?? []).map((entry) => entry.resource as DocumentReference);
}

describe('transcription completion (Transcribe job event → filed note)', () => {
  it('files the transcript as one DocumentReference in Epic and tells the care team; a rerun changes nothing', async () => {
    // Prepare
    const { noteId, contactId, jobs } = await transcribedMessage(URGENT_TRANSCRIPT);
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const handler = createTranscriptionHandler(async () => completion(jobs));
    // Act
    const first = await handler(event('completed', noteId));
    const rerun = await handler(event('completed', noteId));
    // Assess
    const documents = await filed(noteId);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ subject: { reference: `Patient/${PATIENT}` }, docStatus: 'preliminary' });
    expect(first).toMatchObject({ outcome: 'filed', result: { noteId, urgent: true, delivered: true, notified: true, documentReferenceId: documents[0]?.id } });
    expect(rerun).toEqual({ outcome: 'already-done' });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 1);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, { TopicArn: TOPIC, Subject: 'URGENT symptom message', MessageAttributes: { urgent: { DataType: 'String', StringValue: 'true' } } });
    const stored = await store().get(noteId);
    expect(stored).toMatchObject({ contactId, documentReferenceId: documents[0]?.id, note: { transcript: URGENT_TRANSCRIPT, patientId: PATIENT } });
    for (const step of ['transcriptionStarted', 'transcribed', 'extracted', 'stored', 'tasked', 'delivered', 'notified'] as const) expect(stored?.steps[step]?.state, step).toBe('done');
    expect(stored?.taskContactId).toBe('task-contact-1');
  });

  it('records a FAILED job with its reason code and no transcript, and throws so the event is retried', async () => {
    // Prepare
    const { noteId, jobs } = await transcribedMessage('never read');
    const handler = createTranscriptionHandler(async () => completion(jobs));
    // Act
    const attempt = handler(event('failed', noteId));
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TranscriptionFailedError);
    const stored = await store().get(noteId);
    expect(stored?.steps.transcribed).toMatchObject({ state: 'failed', error: 'TranscriptionFailedError:UnsupportedMediaFormat' });
    expect(stored?.note).toBeUndefined();
    expect(await filed(noteId)).toHaveLength(0);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 0);
  });

  it('keeps an urgent note stored when Epic is down, tells the care team it is not yet in the chart, and throws for a retry', async () => {
    // Prepare: more 503s than the FHIR client's retries (2).
    const { noteId, jobs } = await transcribedMessage(URGENT_TRANSCRIPT);
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' });
    const handler = createTranscriptionHandler(async () => completion(jobs));
    runtime.sandbox.failNextFhir(3, 503);
    // Act
    const attempt = handler(event('completed', noteId));
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(RetryLaterError);
    const stored = await store().get(noteId);
    expect(stored?.note?.urgent).toBe(true);
    expect(stored?.steps).toMatchObject({ stored: { state: 'done' }, delivered: { state: 'failed', error: 'FhirUnavailableError' }, escalated: { state: 'done' } });
    expect(await filed(noteId)).toHaveLength(0);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, { TopicArn: TOPIC, Subject: 'URGENT symptom message (not yet in chart)' });
    const published = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    const body = JSON.parse((JSON.parse(published?.Message ?? '{}') as { default?: string }).default ?? '{}') as unknown;
    expect(body).toMatchObject({ noteId, urgent: true, inChart: false });
    for (const word of ['Harold', 'cough', 'chest', 'Tylenol', PATIENT]) expect(JSON.stringify(published)).not.toContain(word);
  });

  it('files the note once when the event comes again after Epic is back, with the usual notification and no second alert', async () => {
    // Prepare
    const { noteId, jobs } = await transcribedMessage(URGENT_TRANSCRIPT);
    sns.on(PublishCommand).resolves({ MessageId: 'm-3' });
    const handler = createTranscriptionHandler(async () => completion(jobs));
    runtime.sandbox.failNextFhir(3, 503);
    await expect(handler(event('completed', noteId))).rejects.toBeInstanceOf(RetryLaterError);
    // Act
    const retried = await handler(event('completed', noteId));
    // Assess
    expect(retried).toMatchObject({ outcome: 'filed', result: { built: false, delivered: true, notified: true } });
    expect(await filed(noteId)).toHaveLength(1);
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input.Subject)).toEqual(['URGENT symptom message (not yet in chart)', 'URGENT symptom message']);
  });

  it('links the care-team message to the note\'s inbox page and carries none of the patient\'s data', async () => {
    // Prepare: a sandbox patient's own words, filed for real against the sandbox
    const inbox = 'https://abc123.execute-api.us-east-1.amazonaws.com';
    const { noteId, jobs } = await transcribedMessage(URGENT_TRANSCRIPT);
    sns.on(PublishCommand).resolves({ MessageId: 'm-link' });
    const handler = createTranscriptionHandler(async () => completion(jobs, inbox));
    // Act
    await handler(event('completed', noteId));
    // Assess
    const published = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    const parts = JSON.parse(published?.Message ?? '{}') as { default?: string; email?: string };
    expect(JSON.parse(parts.default ?? '{}')).toMatchObject({ noteId, inboxUrl: `${inbox}/messages/${noteId}` });
    expect(parts.email).toContain(`${inbox}/messages/${noteId}`);
    const everything = JSON.stringify(published);
    expect(patientDataIn(everything)).toEqual([]);
    expect(ALL_PHONE_STRINGS.filter((phone) => everything.includes(phone))).toEqual([]);
    for (const word of ['cough', 'chest', 'Mucinex', 'Tylenol', PATIENT]) expect(everything).not.toContain(word);
  });

  it('throws for a retry when Connect throttles the care team\'s task, files the note meanwhile, and makes the task once on the next event', async () => {
    // Prepare
    const { noteId, contactId, jobs } = await transcribedMessage(URGENT_TRANSCRIPT);
    sns.on(PublishCommand).resolves({ MessageId: 'm-task' });
    connect
      .on(StartTaskContactCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }))
      .resolves({ ContactId: 'task-contact-2' });
    const handler = createTranscriptionHandler(async () => completion(jobs));
    // Act
    const first = await handler(event('completed', noteId)).catch((error: unknown) => error);
    const retried = await handler(event('completed', noteId));
    const again = await handler(event('completed', noteId));
    // Assess
    expect(first).toBeInstanceOf(RetryLaterError);
    expect((first as RetryLaterError).step).toBe('tasked');
    expect(retried).toMatchObject({ outcome: 'filed', result: { tasked: true, taskContactId: 'task-contact-2', delivered: true, notified: true } });
    expect(again).toEqual({ outcome: 'already-done' });
    expect(await filed(noteId)).toHaveLength(1);
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 2);
    expect(connect).toHaveReceivedNthCommandWith(StartTaskContactCommand, 1, { ClientToken: noteId, RelatedContactId: contactId, Attributes: { kind: 'message', urgency: 'urgent', itemId: noteId } });
    expect(connect).toHaveReceivedNthCommandWith(StartTaskContactCommand, 2, { ClientToken: noteId, RelatedContactId: contactId });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('ignores jobs this pipeline did not start', async () => {
    // Prepare
    const foreign = { ...(event('completed', 'x') as Record<string, unknown>), detail: { TranscriptionJobName: 'podcast-episode-89', TranscriptionJobStatus: 'COMPLETED' } };
    const handler = createTranscriptionHandler(async () => Promise.reject(new Error('no deps needed')));
    // Act
    const outcome = await handler(foreign);
    // Assess
    expect(outcome).toEqual({ outcome: 'ignored', reason: 'not-ours' });
  });

  it('never writes the transcript, the words found in it or the patient id to the logs', async () => {
    // Prepare
    logger.setLogLevel('DEBUG');
    const { noteId, jobs } = await transcribedMessage(URGENT_TRANSCRIPT);
    sns.on(PublishCommand).resolves({ MessageId: 'm-4' });
    const handler = createTranscriptionHandler(async () => completion(jobs));
    // Act
    const output = await captureOutput(async () => {
      runtime.sandbox.failNextFhir(3, 503);
      await handler(event('completed', noteId)).catch(() => undefined);
      await handler(event('completed', noteId));
    });
    // Assess
    expect(output).toContain(noteId);
    for (const word of ['Harold', 'cough', 'fever', 'tightness', 'stairs', 'Mucinex', 'Tylenol', '500 mg', PATIENT]) expect(output).not.toContain(word);
  });
});

describe('transcription completion by polling (check message on the capture queue)', () => {
  it('files the note when GetMedicalTranscriptionJob reports COMPLETED', async () => {
    // Prepare
    const { noteId, contactId, jobs } = await transcribedMessage('Mild sore throat since yesterday, no fever.');
    transcribe.on(GetMedicalTranscriptionJobCommand).resolves({ MedicalTranscriptionJob: { MedicalTranscriptionJobName: `clinic-ivr-symptoms-${noteId}`, TranscriptionJobStatus: 'COMPLETED' } });
    sns.on(PublishCommand).resolves({ MessageId: 'm-5' });
    const checks = new MemoryCheckScheduler();
    const handler = createRecordingHandler(async () => ({
      jobs: completion(jobs).jobs,
      storeRecording: async () => Promise.reject(new Error('not a capture message')),
      transcriber: { start: async () => Promise.reject(new Error('not a capture message')) },
      store: store(),
      checks,
      jobStatus: new TranscribeJobStatusReader(new TranscribeClient({ region: 'us-east-1' })),
      completion: async () => completion(jobs),
    }));
    const body = JSON.stringify({ contactId, noteId, transcriptionCheck: { attempt: 3, since: Date.now() - 120_000 } });
    // Act
    const response = await handler({ Records: [{ messageId: 'check-3', body, eventSource: 'aws:sqs' }] });
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(checks.scheduled).toHaveLength(0);
    expect(await filed(noteId)).toHaveLength(1);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, { Subject: 'New symptom message' });
  });
});

