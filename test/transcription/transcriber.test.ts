import { readFileSync } from 'node:fs';
import { ConflictException, StartMedicalTranscriptionJobCommand, TranscribeClient } from '@aws-sdk/client-transcribe';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { PassThroughTranscriber, readTranscript, TranscribeMedicalTranscriber, TranscriptFormatError, TranscriptionError, transcriptionJobName } from '../../fulfillment/transcription';

const transcribe = mockClient(TranscribeClient);
const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const transcriber = () =>
  new TranscribeMedicalTranscriber({ client: new TranscribeClient({ region: 'us-east-1' }), outputBucket: 'clinic-ivr-transcripts', outputKeyPrefix: 'transcripts/', kmsKeyId: KMS_KEY });

afterEach(() => {
  transcribe.reset();
});

describe('Transcribe Medical transcriber', () => {
  it('starts a primary-care dictation job in US English, written encrypted to the given bucket and key', async () => {
    // Prepare
    transcribe.on(StartMedicalTranscriptionJobCommand).resolves({ MedicalTranscriptionJob: { MedicalTranscriptionJobName: 'clinic-ivr-symptoms-note-0001', TranscriptionJobStatus: 'IN_PROGRESS' } });
    // Act
    const started = await transcriber().start({ noteId: 'note-0001', source: 's3://clinic-ivr-recordings/messages/note-0001.wav' });
    // Assess
    expect(transcribe).toHaveReceivedCommandWith(StartMedicalTranscriptionJobCommand, {
      MedicalTranscriptionJobName: 'clinic-ivr-symptoms-note-0001',
      LanguageCode: 'en-US',
      Specialty: 'PRIMARYCARE',
      Type: 'DICTATION',
      MediaFormat: 'wav',
      Media: { MediaFileUri: 's3://clinic-ivr-recordings/messages/note-0001.wav' },
      OutputBucketName: 'clinic-ivr-transcripts',
      OutputKey: 'transcripts/clinic-ivr-symptoms-note-0001.json',
      OutputEncryptionKMSKeyId: KMS_KEY,
    });
    expect(started).toEqual({
      kind: 'job',
      jobName: 'clinic-ivr-symptoms-note-0001',
      alreadyStarted: false,
      outputUri: 's3://clinic-ivr-transcripts/transcripts/clinic-ivr-symptoms-note-0001.json',
    });
  });

  it('treats ConflictException as "already started": a retry starts no second job', async () => {
    // Prepare
    transcribe.on(StartMedicalTranscriptionJobCommand).rejects(new ConflictException({ message: 'The requested job name already exists.', $metadata: {} }));
    // Act
    const started = await transcriber().start({ noteId: 'note-0001', source: 's3://clinic-ivr-recordings/messages/note-0001.wav' });
    // Assess
    expect(started).toMatchObject({ kind: 'job', jobName: 'clinic-ivr-symptoms-note-0001', alreadyStarted: true });
    expect(transcribe).toHaveReceivedCommandTimes(StartMedicalTranscriptionJobCommand, 1);
  });

  it('fails with a named error for any other refusal', async () => {
    transcribe.on(StartMedicalTranscriptionJobCommand).rejects(Object.assign(new Error('quota'), { name: 'LimitExceededException' }));
    await expect(transcriber().start({ noteId: 'n', source: 's3://b/k.wav' })).rejects.toThrow(new TranscriptionError('StartMedicalTranscriptionJob clinic-ivr-symptoms-n failed (LimitExceededException)'));
  });

  it('derives a valid job name from the note id, the same on every retry', () => {
    expect(transcriptionJobName('note 1/2')).toBe('clinic-ivr-symptoms-note-1-2');
    expect(transcriptionJobName('abc')).toBe(transcriptionJobName('abc'));
    expect(transcriptionJobName('x'.repeat(64))).toMatch(/^[0-9a-zA-Z._-]{1,200}$/);
  });
});

describe('transcript files', () => {
  it('reads results.transcripts[0].transcript of a Transcribe Medical output file', () => {
    const json = readFileSync(new URL('../fixtures/symptoms/transcribe-medical-output.json', import.meta.url), 'utf8');
    expect(readTranscript(json)).toBe('I have had a dry cough for three days and no fever.');
  });

  it('refuses a file that is not a transcript, without quoting it', () => {
    expect(() => readTranscript('{"results":{"items":[]},"secret":"chest pain"}')).toThrow(TranscriptFormatError);
    expect(() => readTranscript('{"results":{"items":[]},"secret":"chest pain"}')).not.toThrow(/chest/);
    expect(() => readTranscript('not json')).toThrow(TranscriptFormatError);
  });
});

describe('pass-through transcriber (local mode)', () => {
  it('hands the text back as the transcript', async () => {
    expect(await new PassThroughTranscriber().start({ noteId: 'n', source: 'I have a cough.' })).toEqual({ kind: 'transcript', transcript: 'I have a cough.' });
  });
});
