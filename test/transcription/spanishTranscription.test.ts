import { GetMedicalTranscriptionJobCommand, GetTranscriptionJobCommand, StartMedicalTranscriptionJobCommand, StartTranscriptionJobCommand, TranscribeClient } from '@aws-sdk/client-transcribe';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryNoteStore } from '../../fulfillment/notes';
import {
  ByLanguageTranscriber,
  MemoryCheckScheduler,
  recordMessage,
  TranscribeJobStatusReader,
  TranscribeMedicalTranscriber,
  TranscribeStandardTranscriber,
  TranscriptionError,
  type CaptureJobView,
  type RecordingWorkerDeps,
} from '../../fulfillment/transcription';
import { FakeClock } from '../support/fakeClock';

const transcribe = mockClient(TranscribeClient);
const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const output = { outputBucket: 'clinic-ivr-transcripts', outputKeyPrefix: 'transcripts/', kmsKeyId: KMS_KEY };
const client = () => new TranscribeClient({ region: 'us-east-1' });
const byLanguage = () =>
  new ByLanguageTranscriber({ 'en-US': new TranscribeMedicalTranscriber({ client: client(), ...output }), 'es-US': new TranscribeStandardTranscriber({ client: client(), ...output }) });

afterEach(() => {
  transcribe.reset();
});

describe('messages in Spanish: standard Amazon Transcribe (es-US)', () => {
  it('starts a standard es-US job written encrypted to the same bucket and key as a medical one', async () => {
    // Prepare
    transcribe.on(StartTranscriptionJobCommand).resolves({ TranscriptionJob: { TranscriptionJobName: 'clinic-ivr-symptoms-note-es1', TranscriptionJobStatus: 'IN_PROGRESS' } });
    // Act
    const started = await byLanguage().start({ noteId: 'note-es1', source: 's3://clinic-ivr-recordings/recordings/c1.wav', language: 'es-US' });
    // Assess
    expect(transcribe).toHaveReceivedCommandWith(StartTranscriptionJobCommand, {
      TranscriptionJobName: 'clinic-ivr-symptoms-note-es1',
      LanguageCode: 'es-US',
      MediaFormat: 'wav',
      Media: { MediaFileUri: 's3://clinic-ivr-recordings/recordings/c1.wav' },
      OutputBucketName: 'clinic-ivr-transcripts',
      OutputKey: 'transcripts/clinic-ivr-symptoms-note-es1.json',
      OutputEncryptionKMSKeyId: KMS_KEY,
    });
    expect(transcribe).not.toHaveReceivedCommand(StartMedicalTranscriptionJobCommand);
    expect(started).toEqual({ kind: 'job', jobName: 'clinic-ivr-symptoms-note-es1', alreadyStarted: false, outputUri: 's3://clinic-ivr-transcripts/transcripts/clinic-ivr-symptoms-note-es1.json' });
  });

  it('keeps English messages (and messages with no language) on Transcribe Medical', async () => {
    // Prepare
    transcribe.on(StartMedicalTranscriptionJobCommand).resolves({});
    // Act
    await byLanguage().start({ noteId: 'note-en1', source: 's3://clinic-ivr-recordings/recordings/c2.wav', language: 'en-US' });
    await byLanguage().start({ noteId: 'note-en2', source: 's3://clinic-ivr-recordings/recordings/c3.wav' });
    // Assess
    expect(transcribe).toHaveReceivedCommandTimes(StartMedicalTranscriptionJobCommand, 2);
    expect(transcribe).not.toHaveReceivedCommand(StartTranscriptionJobCommand);
  });

  it('takes a repeated job name as already started, and names any other refusal', async () => {
    // Prepare
    const conflict = Object.assign(new Error('exists'), { name: 'ConflictException' });
    transcribe.on(StartTranscriptionJobCommand).rejectsOnce(conflict).rejectsOnce(Object.assign(new Error('no'), { name: 'LimitExceededException' }));
    const standard = new TranscribeStandardTranscriber({ client: client(), ...output });
    const input = { noteId: 'note-es2', source: 's3://clinic-ivr-recordings/recordings/c4.wav', language: 'es-US' } as const;
    // Act
    const again = await standard.start(input);
    const refused = standard.start(input);
    // Assess
    expect(again).toMatchObject({ kind: 'job', alreadyStarted: true });
    await expect(refused).rejects.toThrow(TranscriptionError);
    await expect(refused).rejects.toThrow(/StartTranscriptionJob clinic-ivr-symptoms-note-es2 failed \(LimitExceededException\)/);
  });

  it('reads a Spanish job\'s state with GetTranscriptionJob and an English one with GetMedicalTranscriptionJob', async () => {
    // Prepare
    transcribe.on(GetTranscriptionJobCommand).resolves({ TranscriptionJob: { TranscriptionJobStatus: 'FAILED', FailureReason: 'Invalid sample rate for audio file.' } });
    transcribe.on(GetMedicalTranscriptionJobCommand).resolves({ MedicalTranscriptionJob: { TranscriptionJobStatus: 'IN_PROGRESS' } });
    const reader = new TranscribeJobStatusReader(client());
    // Act
    const spanish = await reader.get('clinic-ivr-symptoms-note-es3', 'es-US');
    const english = await reader.get('clinic-ivr-symptoms-note-en3');
    // Assess
    expect(spanish).toEqual({ status: 'FAILED', failureReason: 'Invalid sample rate for audio file.' });
    expect(english).toEqual({ status: 'IN_PROGRESS' });
    expect(transcribe).toHaveReceivedCommandWith(GetTranscriptionJobCommand, { TranscriptionJobName: 'clinic-ivr-symptoms-note-es3' });
  });

  it('starts the job in the capture job\'s language and sends the language with every check', async () => {
    // Prepare
    transcribe.on(StartTranscriptionJobCommand).resolves({});
    const contactId = '00000000-0000-4000-8000-0000000000e5';
    const noteId = 'note-es5';
    const job: CaptureJobView = { contactId, noteId, patientId: 'pat-1', streamArn: 'arn:stream', startFragmentNumber: '1', status: 'closed', language: 'es-US' };
    const checks = new MemoryCheckScheduler();
    const clock = new FakeClock();
    const deps: RecordingWorkerDeps = {
      jobs: { get: async () => job },
      storeRecording: async () => ({ status: 'recorded', uri: 's3://clinic-ivr-recordings/recordings/c5.wav', key: 'recordings/c5.wav', durationMs: 4000, sampleCount: 64000, reused: false }),
      transcriber: byLanguage(),
      store: new MemoryNoteStore({ clock }),
      checks,
      jobStatus: { get: async () => ({ status: 'IN_PROGRESS' }) },
      completion: async () => {
        throw new Error('not used');
      },
      clock,
    };
    // Act
    const outcome = await recordMessage({ contactId, noteId }, deps);
    // Assess
    expect(outcome).toMatchObject({ outcome: 'transcribing', jobName: 'clinic-ivr-symptoms-note-es5' });
    expect(transcribe).toHaveReceivedCommandWith(StartTranscriptionJobCommand, { LanguageCode: 'es-US' });
    expect(checks.scheduled.map((scheduled) => scheduled.check.language)).toEqual(['es-US']);
  });
});
