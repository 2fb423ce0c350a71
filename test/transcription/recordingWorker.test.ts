import { readFileSync } from 'node:fs';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ConflictException, GetMedicalTranscriptionJobCommand, StartMedicalTranscriptionJobCommand, TranscribeClient } from '@aws-sdk/client-transcribe';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../fulfillment/runtime/logger';
import { DynamoNoteStore } from '../../fulfillment/notes';
import { TranscribeMedicalTranscriber } from '../../fulfillment/transcription';
import { MediaSourceError } from '../../fulfillment/recording';
import type { RecordingRequest, RecordingResult } from '../../fulfillment/recording/audio/types';
import {
  createRecordingHandler,
  SqsCheckScheduler,
  TRANSCRIPTION_CHECK,
  TranscribeJobStatusReader,
  type CaptureJobView,
  type RecordingWorkerDeps,
} from '../../fulfillment/transcription';
import { startLocalDynamo, type LocalDynamo } from '../support/localDynamo';
import { captureOutput } from '../support/captureOutput';

const TABLE = 'symptom-notes';
const BUCKET = 'clinic-ivr-recordings-111122223333';
const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/clinic-ivr-capture';
const STREAM = 'arn:aws:kinesisvideo:us-east-1:111122223333:stream/clinic-ivr-contact-stream/1741101500000';
const PATIENT = 'pat-harold-halvorsen';

const transcribe = mockClient(TranscribeClient);
const sqs = mockClient(SQSClient);
let dynamo: LocalDynamo;
let counter = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await dynamo.createPkTable(TABLE);
});
afterAll(async () => {
  logger.setLogLevel('INFO');
  await dynamo.close();
});
afterEach(() => {
  transcribe.reset();
  sqs.reset();
});

/** A fresh contact id (a UUID, as Connect gives) and note id. */
function ids(): { contactId: string; noteId: string } {
  counter += 1;
  const suffix = `${Date.now().toString(16).padStart(12, '0')}`.slice(-12);
  return { contactId: `00000000-0000-4000-8000-${suffix.slice(0, 10)}${String(counter).padStart(2, '0')}`, noteId: `note-rec-${Date.now()}-${counter}` };
}

/** The audio stage as `storeRecording` behaves: a WAV written once per contact, reused on a retry. */
class FakeAudioStage {
  public readonly requests: RecordingRequest[] = [];
  public readonly written = new Map<string, number>();
  public constructor(private readonly outcome: 'recorded' | 'empty' | 'silent' | Error = 'recorded') {}

  public storeRecording = async (request: RecordingRequest): Promise<RecordingResult> => {
    this.requests.push(request);
    if (this.outcome instanceof Error) throw this.outcome;
    if (this.outcome !== 'recorded') return { status: this.outcome, durationMs: 4000 };
    const key = `recordings/${request.contactId}.wav`;
    const reused = this.written.has(key);
    if (!reused) this.written.set(key, 1);
    return { status: 'recorded', uri: `s3://${BUCKET}/${key}`, key, durationMs: 12_000, sampleCount: 192_000, reused };
  };
}

function closedJob(contactId: string, noteId: string): CaptureJobView {
  return { contactId, noteId, patientId: PATIENT, streamArn: STREAM, startFragmentNumber: '91343852333181432392682062607743920146264414240', startTimestampMs: 1741101500123, stopTimestampMs: 1741101512456, status: 'closed' };
}

function worker(jobs: CaptureJobView[], audio: FakeAudioStage, overrides: Partial<RecordingWorkerDeps> = {}): RecordingWorkerDeps & { store: DynamoNoteStore } {
  const transcribeClient = new TranscribeClient({ region: 'us-east-1' });
  return {
    jobs: { get: async (contactId) => jobs.find((job) => job.contactId === contactId) },
    storeRecording: audio.storeRecording,
    transcriber: new TranscribeMedicalTranscriber({ client: transcribeClient, outputBucket: BUCKET, outputKeyPrefix: 'transcripts/', kmsKeyId: KMS_KEY }),
    store: new DynamoNoteStore({ client: dynamo.documentClient, tableName: TABLE }),
    checks: new SqsCheckScheduler({ client: new SQSClient({ region: 'us-east-1' }), queueUrl: QUEUE_URL }),
    jobStatus: new TranscribeJobStatusReader(transcribeClient),
    completion: async () => Promise.reject(new Error('the completion side is not used in these tests')),
    ...overrides,
  } as RecordingWorkerDeps & { store: DynamoNoteStore };
}

/** An SQS event shaped like the fixture, one record per body. */
function sqsEvent(...bodies: unknown[]): SQSEvent {
  const template = (JSON.parse(readFileSync(new URL('../fixtures/symptoms/worker/sqs-capture-batch.json', import.meta.url), 'utf8')) as SQSEvent).Records[0];
  return { Records: bodies.map((body, index) => ({ ...template!, messageId: `msg-${counter}-${index}`, body: typeof body === 'string' ? body : JSON.stringify(body) })) };
}

describe('recording worker (capture queue → WAV → Transcribe Medical)', () => {
  it('starts a primary-care dictation job on the WAV, encrypted to the recordings bucket, and queues its first check', async () => {
    // Prepare
    const { contactId, noteId } = ids();
    const audio = new FakeAudioStage();
    const deps = worker([closedJob(contactId, noteId)], audio);
    transcribe.on(StartMedicalTranscriptionJobCommand).resolves({ MedicalTranscriptionJob: { TranscriptionJobStatus: 'IN_PROGRESS' } });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'check-1' });
    // Act
    const response = await createRecordingHandler(async () => deps)(sqsEvent({ contactId, noteId }));
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(audio.requests).toEqual([{ contactId, streamArn: STREAM, startFragmentNumber: '91343852333181432392682062607743920146264414240', startTimestampMs: 1741101500123, stopTimestampMs: 1741101512456 }]);
    expect(transcribe).toHaveReceivedCommandWith(StartMedicalTranscriptionJobCommand, {
      MedicalTranscriptionJobName: `clinic-ivr-symptoms-${noteId}`,
      Media: { MediaFileUri: `s3://${BUCKET}/recordings/${contactId}.wav` },
      Specialty: 'PRIMARYCARE',
      Type: 'DICTATION',
      LanguageCode: 'en-US',
      MediaFormat: 'wav',
      OutputBucketName: BUCKET,
      OutputKey: `transcripts/clinic-ivr-symptoms-${noteId}.json`,
      OutputEncryptionKMSKeyId: KMS_KEY,
    });
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: QUEUE_URL, DelaySeconds: TRANSCRIPTION_CHECK.firstDelaySeconds });
    const body = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ contactId, noteId, transcriptionCheck: { attempt: 1 } });
    expect(JSON.stringify(body)).not.toContain(PATIENT);
    const stored = await deps.store.get(noteId);
    expect(stored).toMatchObject({ noteId, contactId, steps: { recorded: { state: 'done' }, transcriptionStarted: { state: 'done' } } });
    expect(stored?.note).toBeUndefined();
  });

  it('does nothing more for a redelivered message: no second WAV, no second job, no second check', async () => {
    // Prepare
    const { contactId, noteId } = ids();
    const audio = new FakeAudioStage();
    const handler = createRecordingHandler(async () => worker([closedJob(contactId, noteId)], audio));
    transcribe.on(StartMedicalTranscriptionJobCommand).resolves({});
    sqs.on(SendMessageCommand).resolves({});
    await handler(sqsEvent({ contactId, noteId }));
    // Act
    const again = await handler(sqsEvent({ contactId, noteId }));
    // Assess
    expect(again).toEqual({ batchItemFailures: [] });
    expect(audio.requests).toHaveLength(1);
    expect(audio.written.size).toBe(1);
    expect(transcribe).toHaveReceivedCommandTimes(StartMedicalTranscriptionJobCommand, 1);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
  });

  it('resumes after a crash between the WAV and the check: the WAV is reused and the existing job is not started again', async () => {
    // Prepare: the first run wrote the WAV and started the job, then could not queue the check.
    const { contactId, noteId } = ids();
    const audio = new FakeAudioStage();
    const handler = createRecordingHandler(async () => worker([closedJob(contactId, noteId)], audio));
    transcribe.on(StartMedicalTranscriptionJobCommand).resolvesOnce({}).rejects(new ConflictException({ message: 'The requested job name already exists.', $metadata: {} }));
    sqs.on(SendMessageCommand).rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' })).resolves({});
    const first = await handler(sqsEvent({ contactId, noteId }));
    const afterFirst = await worker([], audio).store.get(noteId);
    // Act
    const second = await handler(sqsEvent({ contactId, noteId }));
    // Assess
    expect(first.batchItemFailures).toHaveLength(1);
    expect(afterFirst?.steps.transcriptionStarted).toMatchObject({ state: 'failed', error: 'TranscriptionError' });
    expect(second).toEqual({ batchItemFailures: [] });
    expect(audio.written.size).toBe(1);
    expect(transcribe).toHaveReceivedCommandTimes(StartMedicalTranscriptionJobCommand, 2);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 2);
    expect((await worker([], audio).store.get(noteId))?.steps.transcriptionStarted?.state).toBe('done');
  });

  it.each(['empty', 'silent'] as const)('records a %s recording as such and starts no transcription', async (outcome) => {
    // Prepare
    const { contactId, noteId } = ids();
    const deps = worker([closedJob(contactId, noteId)], new FakeAudioStage(outcome));
    // Act
    const response = await createRecordingHandler(async () => deps)(sqsEvent({ contactId, noteId }));
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(transcribe).toHaveReceivedCommandTimes(StartMedicalTranscriptionJobCommand, 0);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 0);
    expect(await deps.store.get(noteId)).toMatchObject({ contactId, steps: { recorded: { state: 'done', result: outcome } } });
  });

  it('reports only the malformed message of a batch as failed, and never logs its content', async () => {
    // Prepare: the fixture's batch, with a body that is not a capture message between two good ones.
    logger.setLogLevel('DEBUG');
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/symptoms/worker/sqs-capture-batch.json', import.meta.url), 'utf8')) as SQSEvent;
    const jobs = fixture.Records.flatMap((record) => {
      try {
        const { contactId, noteId } = JSON.parse(record.body) as { contactId: string; noteId: string };
        return [closedJob(contactId, `${noteId}-${Date.now()}`)];
      } catch {
        return [];
      }
    });
    const event: SQSEvent = { Records: fixture.Records.map((record, index) => (index === 1 ? record : { ...record, body: JSON.stringify({ contactId: jobs[index === 0 ? 0 : 1]?.contactId, noteId: jobs[index === 0 ? 0 : 1]?.noteId }) })) };
    transcribe.on(StartMedicalTranscriptionJobCommand).resolves({});
    sqs.on(SendMessageCommand).resolves({});
    const handler = createRecordingHandler(async () => worker(jobs, new FakeAudioStage()));
    // Act
    let response;
    const output = await captureOutput(async () => {
      response = await handler(event);
    });
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }] });
    expect(transcribe).toHaveReceivedCommandTimes(StartMedicalTranscriptionJobCommand, 2);
    expect(output).toContain('WorkerMessageError');
    for (const word of ['chest', 'pain', 'call me back']) expect(output).not.toContain(word);
    expect(output).not.toContain(PATIENT);
  });

  it('records a failed capture with the error class name and reports the message failed, leaving the job alone', async () => {
    // Prepare
    const { contactId, noteId } = ids();
    const deps = worker([closedJob(contactId, noteId)], new FakeAudioStage(new MediaSourceError('GetMedia failed (ResourceNotFoundException)')));
    const event = sqsEvent({ contactId, noteId });
    // Act
    const response = await createRecordingHandler(async () => deps)(event);
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }] });
    expect((await deps.store.get(noteId))?.steps.recorded).toMatchObject({ state: 'failed', error: 'MediaSourceError' });
    expect(transcribe).toHaveReceivedCommandTimes(StartMedicalTranscriptionJobCommand, 0);
  });

  it('reports a message whose capture job is missing or still open as failed, so SQS retries it', async () => {
    // Prepare
    const missing = ids();
    const open = ids();
    const deps = worker([{ ...closedJob(open.contactId, open.noteId), status: 'open' }], new FakeAudioStage());
    const event = sqsEvent(missing, open);
    // Act
    const response = await createRecordingHandler(async () => deps)(event);
    // Assess
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(event.Records.map((record) => record.messageId));
  });
});

describe('transcription checks (polling GetMedicalTranscriptionJob through the capture queue)', () => {
  it('queues the next check with a longer delay while the job runs', async () => {
    // Prepare
    const { contactId, noteId } = ids();
    transcribe.on(GetMedicalTranscriptionJobCommand).resolves({ MedicalTranscriptionJob: { MedicalTranscriptionJobName: `clinic-ivr-symptoms-${noteId}`, TranscriptionJobStatus: 'IN_PROGRESS' } });
    sqs.on(SendMessageCommand).resolves({});
    const since = Date.now();
    // Act
    const response = await createRecordingHandler(async () => worker([], new FakeAudioStage()))(sqsEvent({ contactId, noteId, transcriptionCheck: { attempt: 1, since } }));
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(transcribe).toHaveReceivedCommandWith(GetMedicalTranscriptionJobCommand, { MedicalTranscriptionJobName: `clinic-ivr-symptoms-${noteId}` });
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: QUEUE_URL, DelaySeconds: 60, MessageBody: JSON.stringify({ contactId, noteId, transcriptionCheck: { attempt: 2, since } }) });
  });

  it('gives up after the last check: the note is marked failed and the message goes back to end in the DLQ', async () => {
    // Prepare
    const { contactId, noteId } = ids();
    const deps = worker([], new FakeAudioStage());
    transcribe.on(GetMedicalTranscriptionJobCommand).resolves({ MedicalTranscriptionJob: { TranscriptionJobStatus: 'QUEUED' } });
    const event = sqsEvent({ contactId, noteId, transcriptionCheck: { attempt: TRANSCRIPTION_CHECK.maxAttempts, since: Date.now() } });
    // Act
    const response = await createRecordingHandler(async () => deps)(event);
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }] });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 0);
    expect((await deps.store.get(noteId))?.steps.transcribed).toMatchObject({ state: 'failed', error: 'TranscriptionTimeoutError' });
  });
});
