import { StartTranscriptionJobCommand } from '@aws-sdk/client-transcribe';
import { TranscriptionError } from '../errors';
import type { Transcriber, TranscriptionStart } from './port';
import { checkedBatchOptions, startBatchJob, type TranscribeMedicalOptions } from './batchJob';

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
    this.#options = checkedBatchOptions(options);
  }

  public async start(input: Parameters<Transcriber['start']>[0]): Promise<TranscriptionStart> {
    const language = input.language ?? 'es-US';
    if (language !== 'es-US') throw new TranscriptionError(`The standard transcriber takes es-US messages only (got ${language})`);
    return startBatchJob(this.#options, input, 'StartTranscriptionJob', (jobName, output) =>
      this.#options.client.send(new StartTranscriptionJobCommand({ TranscriptionJobName: jobName, LanguageCode: language, ...output })),
    );
  }
}
