import { GetMedicalTranscriptionJobCommand, GetTranscriptionJobCommand, type TranscribeClient } from '@aws-sdk/client-transcribe';
import type { MessageLanguage } from '../../contract';
import { TranscriptionError } from './errors';
import { JOB_STATUSES, type JobStatus } from './messages';
import type { JobState, JobStatusReader } from './ports';

/**
 * Amazon Transcribe adapter of {@link JobStatusReader}: `GetMedicalTranscriptionJob` for an English
 * message (`MedicalTranscriptionJob`), `GetTranscriptionJob` for a Spanish one (`TranscriptionJob`,
 * issue 18); in both, `TranscriptionJobStatus` is QUEUED, IN_PROGRESS, FAILED or COMPLETED and, when
 * FAILED, `FailureReason` says why.
 *
 * @example
 * const { status } = await new TranscribeJobStatusReader(new TranscribeClient({})).get('clinic-ivr-symptoms-n1');
 */
export class TranscribeJobStatusReader implements JobStatusReader {
  readonly #client: TranscribeClient;

  public constructor(client: TranscribeClient) {
    this.#client = client;
  }

  public async get(jobName: string, language: MessageLanguage = 'en-US'): Promise<JobState> {
    const operation = language === 'en-US' ? 'GetMedicalTranscriptionJob' : 'GetTranscriptionJob';
    let job;
    try {
      job =
        language === 'en-US'
          ? (await this.#client.send(new GetMedicalTranscriptionJobCommand({ MedicalTranscriptionJobName: jobName }))).MedicalTranscriptionJob
          : (await this.#client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: jobName }))).TranscriptionJob;
    } catch (error) {
      const name = error instanceof Error ? error.name : 'UnknownError';
      throw new TranscriptionError(`${operation} ${jobName} failed (${name})`, { cause: error });
    }
    const status = job?.TranscriptionJobStatus;
    if (!status || !(JOB_STATUSES as readonly string[]).includes(status)) throw new TranscriptionError(`Job ${jobName} has no known status`);
    return { status: status as JobStatus, ...(job?.FailureReason ? { failureReason: job.FailureReason } : {}) };
  }
}
