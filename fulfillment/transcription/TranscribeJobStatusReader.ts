import { GetMedicalTranscriptionJobCommand, type TranscribeClient } from '@aws-sdk/client-transcribe';
import { TranscriptionError } from './errors';
import { JOB_STATUSES, type JobStatus } from './messages';
import type { JobState, JobStatusReader } from './ports';

/**
 * Amazon Transcribe adapter of {@link JobStatusReader}: `GetMedicalTranscriptionJob`, whose
 * `MedicalTranscriptionJob.TranscriptionJobStatus` is QUEUED, IN_PROGRESS, FAILED or COMPLETED and,
 * when FAILED, `FailureReason` says why.
 *
 * @example
 * const { status } = await new TranscribeJobStatusReader(new TranscribeClient({})).get('clinic-ivr-symptoms-n1');
 */
export class TranscribeJobStatusReader implements JobStatusReader {
  readonly #client: TranscribeClient;

  public constructor(client: TranscribeClient) {
    this.#client = client;
  }

  public async get(jobName: string): Promise<JobState> {
    let job;
    try {
      job = (await this.#client.send(new GetMedicalTranscriptionJobCommand({ MedicalTranscriptionJobName: jobName }))).MedicalTranscriptionJob;
    } catch (error) {
      const name = error instanceof Error ? error.name : 'UnknownError';
      throw new TranscriptionError(`GetMedicalTranscriptionJob ${jobName} failed (${name})`, { cause: error });
    }
    const status = job?.TranscriptionJobStatus;
    if (!status || !(JOB_STATUSES as readonly string[]).includes(status)) throw new TranscriptionError(`Job ${jobName} has no known status`);
    return { status: status as JobStatus, ...(job?.FailureReason ? { failureReason: job.FailureReason } : {}) };
  }
}
