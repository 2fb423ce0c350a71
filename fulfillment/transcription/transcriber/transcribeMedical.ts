import { StartMedicalTranscriptionJobCommand } from '@aws-sdk/client-transcribe';
import { TranscriptionError } from '../errors';
import { checkedBatchOptions, startBatchJob, type TranscribeMedicalOptions } from './batchJob';
import type { Transcriber, TranscriptionStart } from './port';

export { transcriptionJobName, type TranscribeMedicalOptions } from './batchJob';

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
    this.#options = checkedBatchOptions(options);
  }

  public async start(input: Parameters<Transcriber['start']>[0]): Promise<TranscriptionStart> {
    if (input.language !== undefined && input.language !== 'en-US') throw new TranscriptionError(`Transcribe Medical takes en-US messages only (got ${input.language})`);
    return startBatchJob(this.#options, input, 'StartMedicalTranscriptionJob', (jobName, output) =>
      this.#options.client.send(
        new StartMedicalTranscriptionJobCommand({ MedicalTranscriptionJobName: jobName, LanguageCode: 'en-US', Specialty: 'PRIMARYCARE', Type: 'DICTATION', ...output }),
      ),
    );
  }
}
