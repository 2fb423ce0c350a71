import { StartMedicalTranscriptionJobCommand, type TranscribeClient } from '@aws-sdk/client-transcribe';
import { TranscriptionError } from '../errors';
import type { Transcriber, TranscriptionStart } from './port';

/** Options of {@link TranscribeMedicalTranscriber}. */
export interface TranscribeMedicalOptions {
  readonly client: TranscribeClient;
  /** Bucket the transcript JSON is written to (a name, not `s3://`). */
  readonly outputBucket: string;
  /** Key prefix of the transcript files, e.g. `transcripts/`. @default '' */
  readonly outputKeyPrefix?: string;
  /** KMS key (ARN) that encrypts the transcript: it holds PHI. */
  readonly kmsKeyId: string;
  /** @default 'wav' (the capture stage writes WAV) */
  readonly mediaFormat?: 'wav' | 'flac' | 'mp3' | 'mp4' | 'ogg' | 'webm' | 'amr';
}

/** Job names: "case sensitive, cannot contain spaces" — pattern `^[0-9a-zA-Z._-]+`, 1 to 200 characters. */
const JOB_NAME_MAX = 200;

/** The job name of a note's transcription: derived from the note id, so a retry finds the same job. */
export function transcriptionJobName(noteId: string): string {
  const name = `clinic-ivr-symptoms-${noteId.replace(/[^0-9a-zA-Z._-]/g, '-')}`;
  if (name.length > JOB_NAME_MAX) throw new TranscriptionError(`Note id too long for a Transcribe job name (${name.length} > ${JOB_NAME_MAX})`);
  return name;
}

/**
 * Amazon Transcribe Medical adapter: starts a batch `StartMedicalTranscriptionJob` per message with
 * `Specialty: PRIMARYCARE` (the only value batch jobs accept), `Type: DICTATION` (one speaker, the
 * caller), `LanguageCode: en-US` (the only language Transcribe Medical accepts), the transcript written
 * to the given bucket and key under the given KMS key. Job names are unique per account and a repeated
 * name fails with `ConflictException`, which here means "already started": a retry never starts a
 * second job.
 *
 * @example
 * const transcriber = new TranscribeMedicalTranscriber({ client: new TranscribeClient({}), outputBucket, kmsKeyId });
 * await transcriber.start({ noteId, source: 's3://recordings/…/message.wav' });
 */
export class TranscribeMedicalTranscriber implements Transcriber {
  readonly #options: TranscribeMedicalOptions;

  public constructor(options: TranscribeMedicalOptions) {
    if (!options.outputBucket || options.outputBucket.includes('/')) throw new TypeError('outputBucket must be a bucket name (no s3://, no slash)');
    if (!options.kmsKeyId) throw new TypeError('kmsKeyId is required: transcripts hold PHI');
    this.#options = options;
  }

  public async start(input: Parameters<Transcriber['start']>[0]): Promise<TranscriptionStart> {
    if (input.language !== undefined && input.language !== 'en-US') throw new TranscriptionError(`Transcribe Medical takes en-US messages only (got ${input.language})`);
    if (!/^s3:\/\/[^/]+\/.+/.test(input.source)) throw new TranscriptionError('The recording must be an s3:// URI');
    const jobName = transcriptionJobName(input.noteId);
    const outputKey = `${this.#options.outputKeyPrefix ?? ''}${jobName}.json`;
    const outputUri = `s3://${this.#options.outputBucket}/${outputKey}`;
    try {
      await this.#options.client.send(
        new StartMedicalTranscriptionJobCommand({
          MedicalTranscriptionJobName: jobName,
          LanguageCode: 'en-US',
          Specialty: 'PRIMARYCARE',
          Type: 'DICTATION',
          MediaFormat: this.#options.mediaFormat ?? 'wav',
          Media: { MediaFileUri: input.source },
          OutputBucketName: this.#options.outputBucket,
          OutputKey: outputKey,
          OutputEncryptionKMSKeyId: this.#options.kmsKeyId,
        }),
      );
      return { kind: 'job', jobName, alreadyStarted: false, outputUri };
    } catch (error) {
      const name = error instanceof Error ? error.name : 'UnknownError';
      if (name === 'ConflictException') return { kind: 'job', jobName, alreadyStarted: true, outputUri };
      throw new TranscriptionError(`StartMedicalTranscriptionJob ${jobName} failed (${name})`, { cause: error });
    }
  }
}
