import { systemClock } from '../runtime/clock';
import { logger as defaultLogger } from '../runtime/logger';
import { RetryLaterError, TranscriptionFailedError, TranscriptionTimeoutError, WorkerMessageError } from './errors';
import { CaptureJobNotFoundError } from '../recording/errors';
import { errorName } from '../runtime/errors';
import { pipelineDone, processTranscript, type PipelineResult } from '../filing/pipeline';
import { readTranscript, transcriptionJobName } from './transcriber';
import { checkDelaySeconds, TRANSCRIPTION_CHECK } from './constants';
import { failureCode, transcriptKey, type JobStatus, type TranscriptionCheck } from './messages';
import type { CompletionDeps, RecordingWorkerDeps } from './ports';

/** A finished transcription job of one note. */
export interface FinishedJob {
  readonly noteId: string;
  /** Known from a check message; read from the note store for a Transcribe event. */
  readonly contactId?: string;
  readonly status: Extract<JobStatus, 'COMPLETED' | 'FAILED'>;
  readonly failureReason?: string;
}

/** What completing a job did. No PHI: safe to log. */
export type CompletionOutcome = { readonly outcome: 'filed'; readonly result: PipelineResult } | { readonly outcome: 'already-done' };

/**
 * A finished transcription job to a filed note: reads the transcript from S3, marks `transcribed`,
 * reads the capture job for the contact and patient ids, and runs {@link processTranscript}. Safe to
 * run again (a check and a Transcribe event may both arrive): a note already filed, notified and
 * tasked (or given up on) is left alone, and the pipeline resumes where a failure stopped it.
 *
 * @throws TranscriptionFailedError for a FAILED job (recorded as `transcribed` failed, reason code only)
 * @throws RetryLaterError when delivery or notification failed and is marked for retry
 * @example
 * await completeTranscription({ noteId, contactId, status: 'COMPLETED' }, deps);
 */
export async function completeTranscription(job: FinishedJob, deps: CompletionDeps): Promise<CompletionOutcome> {
  const log = deps.logger ?? defaultLogger;
  const store = deps.pipeline.store;
  const jobName = transcriptionJobName(job.noteId);
  const stored = await store.get(job.noteId);
  if (stored && pipelineDone(stored)) return { outcome: 'already-done' };
  const contactId = job.contactId ?? stored?.contactId;
  if (job.status === 'FAILED') {
    const reason = failureCode(job.failureReason);
    await store.markStep(job.noteId, 'transcribed', { error: `TranscriptionFailedError:${reason}`, ...(contactId ? { contactId } : {}) });
    log.error('transcription job failed', { event: 'symptoms.transcribe.failed', noteId: job.noteId, contactId, reason });
    throw new TranscriptionFailedError(jobName, reason);
  }
  if (!contactId) throw new WorkerMessageError(`No contact id recorded for note ${job.noteId}`);
  // A stored note already names its patient: it can still be filed after its capture job expired.
  const capture = stored?.note ? undefined : await deps.jobs.get(contactId);
  const patientId = stored?.note?.patientId ?? (capture?.noteId === job.noteId ? capture.patientId : undefined);
  if (patientId === undefined) throw new CaptureJobNotFoundError(`No capture job of contact ${contactId} for note ${job.noteId}`);
  let transcript = stored?.note?.transcript;
  if (transcript === undefined) {
    try {
      transcript = readTranscript(await deps.transcripts.read(deps.location.bucket, transcriptKey(jobName, deps.location.prefix)));
    } catch (error) {
      await store.markStep(job.noteId, 'transcribed', { error: errorName(error), contactId });
      log.error('transcript could not be read', { event: 'symptoms.transcript.failed', noteId: job.noteId, contactId, error: errorName(error) });
      throw error;
    }
    await store.markStep(job.noteId, 'transcribed', { contactId });
  }
  // The durable "paged" marker of the capture job: a message paged at `#` is not paged again.
  const livePage = capture?.noteId === job.noteId ? capture.urgentPage : undefined;
  // The caller's language, from the capture job (a stored note already holds its own).
  const language = capture?.noteId === job.noteId ? capture.language : undefined;
  const result = await processTranscript(
    { noteId: job.noteId, contactId, patientId, transcript, ...(livePage ? { livePage } : {}), ...(language ? { language } : {}) },
    { ...deps.pipeline, logger: log },
  );
  if (result.retry) throw new RetryLaterError(job.noteId, result.retry.step, result.retry.error);
  return { outcome: 'filed', result };
}

/** What a transcription check did. */
export type CheckOutcome = { readonly outcome: 'pending'; readonly nextAttempt: number; readonly delaySeconds: number } | CompletionOutcome;

/**
 * One delayed check of a note's transcription job: still running → the next check is queued (bounded
 * by {@link TRANSCRIPTION_CHECK}); finished → {@link completeTranscription}.
 *
 * @throws TranscriptionTimeoutError past the last check (recorded as `transcribed` failed), so the
 * message is retried and lands in the dead-letter queue.
 */
export async function checkTranscription(check: TranscriptionCheck, deps: Pick<RecordingWorkerDeps, 'jobStatus' | 'checks' | 'store' | 'completion' | 'clock' | 'logger'>): Promise<CheckOutcome> {
  const log = deps.logger ?? defaultLogger;
  const clock = deps.clock ?? systemClock;
  const jobName = transcriptionJobName(check.noteId);
  const stored = await deps.store.get(check.noteId);
  if (stored && pipelineDone(stored)) return { outcome: 'already-done' };
  const state = await deps.jobStatus.get(jobName, check.language);
  if (state.status === 'COMPLETED' || state.status === 'FAILED') {
    return completeTranscription(
      { noteId: check.noteId, contactId: check.contactId, status: state.status, ...(state.failureReason ? { failureReason: state.failureReason } : {}) },
      await deps.completion(),
    );
  }
  const { attempt, since } = check.transcriptionCheck;
  if (attempt >= TRANSCRIPTION_CHECK.maxAttempts || clock.now() - since >= TRANSCRIPTION_CHECK.maxWaitMs) {
    await deps.store.markStep(check.noteId, 'transcribed', { error: 'TranscriptionTimeoutError', contactId: check.contactId });
    log.error('transcription job did not finish in time', { event: 'symptoms.transcribe.timeout', noteId: check.noteId, contactId: check.contactId, attempt, status: state.status });
    throw new TranscriptionTimeoutError(`Job ${jobName} still ${state.status} after ${attempt} checks`);
  }
  const nextAttempt = attempt + 1;
  const delaySeconds = checkDelaySeconds(nextAttempt);
  await deps.checks.schedule(
    { contactId: check.contactId, noteId: check.noteId, transcriptionCheck: { attempt: nextAttempt, since }, ...(check.language ? { language: check.language } : {}) },
    delaySeconds,
  );
  log.info('transcription still running; checking again later', { event: 'symptoms.transcribe.pending', noteId: check.noteId, contactId: check.contactId, attempt, status: state.status, delaySeconds });
  return { outcome: 'pending', nextAttempt, delaySeconds };
}
