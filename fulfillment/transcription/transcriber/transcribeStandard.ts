import { StartTranscriptionJobCommand, type TranscribeClient } from '@aws-sdk/client-transcribe';
import { TranscriptionError } from '../errors';
import type { Transcriber, TranscriptionStart } from './port';
import { transcriptionJobName, type TranscribeMedicalOptions } from './transcribeMedical';

/** Options of {@link TranscribeStandardTranscriber}: those of the medical adapter (same bucket, key layout and KMS key). */
export type TranscribeStandardOptions = TranscribeMedicalOptions;

/**
 * Amazon Transcribe (standard) adapter for the messages Transcribe Medical cannot hear: Transcribe
 * Medical is US English only, so a message in Spanish is a batch `StartTranscriptionJob` with
 * `LanguageCode: es-US` (issue 18). Same job name (from the note id), same output layout
 * (`OutputBucketName` + `OutputKey` ending in `.json`: "your transcription output path is
 * s3://DOC-EXAMPLE-BUCKET/my-transcript.json", StartTranscriptionJob `OutputKey` reference) and the same
 * KMS key as the medical jobs, so the completion path reads both alike. A repeated name fails with
 * `ConflictException` ("If you try to create a transcription job with the same name as a previous
 * transcription job, you get a ConflictException error"), which here means "already started".
 *
 * @example
 * const transcriber = new TranscribeStandardTranscriber({ client: new TranscribeClient({}), outputBucket, kmsKeyId });
 * await transcriber.start({ noteId, source: 's3://recordings/…/message.wav', language: 'es-US' });
 */
export class TranscribeStandardTranscriber implements Transcriber {
  readonly #options: TranscribeStandardOptions;

  public constructor(options: TranscribeStandardOptions) {
    if (!options.outputBucket || options.outputBucket.includes('/')) throw new TypeError('outputBucket must be a bucket name (no s3://, no slash)');
    if (!options.kmsKeyId) throw new TypeError('kmsKeyId is required: transcripts hold PHI');
    this.#options = options;
  }

  public async start(input: Parameters<Transcriber['start']>[0]): Promise<TranscriptionStart> {
    if (!/^s3:\/\/[^/]+\/.+/.test(input.source)) throw new TranscriptionError('The recording must be an s3:// URI');
    const language = input.language ?? 'es-US';
    if (language !== 'es-US') throw new TranscriptionError(`The standard transcriber takes es-US messages only (got ${language})`);
    const jobName = transcriptionJobName(input.noteId);
    const outputKey = `${this.#options.outputKeyPrefix ?? ''}${jobName}.json`;
    const outputUri = `s3://${this.#options.outputBucket}/${outputKey}`;
    try {
      await this.#options.client.send(
        new StartTranscriptionJobCommand({
          TranscriptionJobName: jobName,
          LanguageCode: language,
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
      throw new TranscriptionError(`StartTranscriptionJob ${jobName} failed (${name})`, { cause: error });
    }
  }
}
