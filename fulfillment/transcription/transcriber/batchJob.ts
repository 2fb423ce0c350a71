import type { TranscribeClient } from '@aws-sdk/client-transcribe';
import { TranscriptionError } from '../errors';
import type { TranscriptionStart } from './port';

/** Options of the batch adapters, medical and standard: the same bucket, key layout and KMS key. */
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
 * Checks a batch adapter's options: a bucket name and a KMS key.
 *
 * @example
 * this.#options = checkedBatchOptions(options);
 */
export function checkedBatchOptions<O extends TranscribeMedicalOptions>(options: O): O {
  if (!options.outputBucket || options.outputBucket.includes('/')) throw new TypeError('outputBucket must be a bucket name (no s3://, no slash)');
  if (!options.kmsKeyId) throw new TypeError('kmsKeyId is required: transcripts hold PHI');
  return options;
}

/** What a batch job request of either kind carries besides its name, language and kind's settings. */
export interface BatchJobOutput {
  readonly MediaFormat: NonNullable<TranscribeMedicalOptions['mediaFormat']>;
  readonly Media: { readonly MediaFileUri: string };
  readonly OutputBucketName: string;
  readonly OutputKey: string;
  readonly OutputEncryptionKMSKeyId: string;
}

/**
 * Starts a note's batch job, medical or standard: the job name from the note id, the transcript at
 * `s3://bucket/prefix/jobName.json` under the KMS key. A repeated name fails with
 * `ConflictException`, which here means "already started": a retry never starts a second job. Any
 * other failure is a {@link TranscriptionError} naming the operation and the error's name.
 *
 * @example
 * return startBatchJob(options, input, 'StartTranscriptionJob', (jobName, output) => client.send(new StartTranscriptionJobCommand({ TranscriptionJobName: jobName, LanguageCode: 'es-US', ...output })));
 */
export async function startBatchJob(
  options: TranscribeMedicalOptions,
  input: { readonly noteId: string; readonly source: string },
  operation: string,
  send: (jobName: string, output: BatchJobOutput) => Promise<unknown>,
): Promise<TranscriptionStart> {
  if (!/^s3:\/\/[^/]+\/.+/.test(input.source)) throw new TranscriptionError('The recording must be an s3:// URI');
  const jobName = transcriptionJobName(input.noteId);
  const outputKey = `${options.outputKeyPrefix ?? ''}${jobName}.json`;
  const outputUri = `s3://${options.outputBucket}/${outputKey}`;
  try {
    await send(jobName, {
      MediaFormat: options.mediaFormat ?? 'wav',
      Media: { MediaFileUri: input.source },
      OutputBucketName: options.outputBucket,
      OutputKey: outputKey,
      OutputEncryptionKMSKeyId: options.kmsKeyId,
    });
    return { kind: 'job', jobName, alreadyStarted: false, outputUri };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'UnknownError';
    if (name === 'ConflictException') return { kind: 'job', jobName, alreadyStarted: true, outputUri };
    throw new TranscriptionError(`${operation} ${jobName} failed (${name})`, { cause: error });
  }
}
