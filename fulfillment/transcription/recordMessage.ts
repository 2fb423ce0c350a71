import { systemClock } from '../runtime/clock';
import { logger as defaultLogger } from '../runtime/logger';
import type { RecordingRequest } from '../recording/audio/types';
import { TranscriptionError } from './errors';
import { CaptureJobNotFoundError, CaptureJobOpenError } from '../recording/errors';
import { errorName } from '../runtime/errors';
import { checkDelaySeconds } from './constants';
import { toRecordingRequest } from '../recording/jobs';
import type { RecordingWorkerDeps } from './ports';

/** What recording one message did. No PHI: safe to log. */
export type RecordingOutcome =
  | { readonly outcome: 'transcribing'; readonly jobName: string; readonly alreadyStarted: boolean; readonly reused: boolean }
  | { readonly outcome: 'empty' | 'silent' }
  | { readonly outcome: 'already-done' };

/**
 * One closed capture job to a started transcription: reads the job, stores the caller's audio as a
 * WAV in S3, starts Transcribe Medical on it (standard Transcribe for a message in Spanish) and queues the first completion check. Each step is
 * recorded in the note store (`recorded`, `transcriptionStarted`, with the contact id). A message
 * delivered again after `transcriptionStarted` does nothing; one delivered again earlier reuses the
 * stored WAV and the existing job (its name derives from the note id). An empty or silent recording is
 * recorded as such (`recorded` done with `result: empty|silent`) and goes no further: no job, no note
 * in Epic and no notification, since there is nothing a clinician could act on and paging the care
 * team for hang-ups would train them to ignore pages.
 *
 * @throws whatever a step threw, after recording it as failed: the queue redelivers the message.
 * @example
 * await recordMessage({ contactId, noteId }, deps);
 */
export async function recordMessage(message: { readonly contactId: string; readonly noteId: string }, deps: RecordingWorkerDeps): Promise<RecordingOutcome> {
  const log = deps.logger ?? defaultLogger;
  const clock = deps.clock ?? systemClock;
  const { contactId, noteId } = message;
  const started = clock.now();
  const { store } = deps;
  const stored = await store.get(noteId);
  if (stored?.steps.transcriptionStarted?.state === 'done' || stored?.steps.recorded?.result) return { outcome: 'already-done' };
  const job = await deps.jobs.get(contactId);
  if (!job || job.noteId !== noteId) throw new CaptureJobNotFoundError(`No capture job of contact ${contactId} for note ${noteId}`);
  if (job.status !== 'closed') throw new CaptureJobOpenError(`Capture job of contact ${contactId} is still open`);

  let recording;
  try {
    recording = await deps.storeRecording(toRecordingRequest(job));
  } catch (error) {
    await store.markStep(noteId, 'recorded', { error: errorName(error), contactId });
    log.error('recording failed; the message will be retried', { event: 'symptoms.record.failed', noteId, contactId, error: errorName(error) });
    throw error;
  }
  if (recording.status !== 'recorded') {
    await store.markStep(noteId, 'recorded', { result: recording.status, contactId });
    log.info('nothing was said; no transcription', { event: 'symptoms.record.empty', noteId, contactId, result: recording.status, audioMs: recording.durationMs });
    return { outcome: recording.status };
  }
  await store.markStep(noteId, 'recorded', { contactId });

  // Transcribe Medical for English, standard Transcribe for Spanish (issue 18); a job stored before languages is English.
  const language = job.language ?? 'en-US';
  let transcription;
  try {
    transcription = await deps.transcriber.start({ noteId, source: recording.uri, language });
    if (transcription.kind !== 'job') throw new TranscriptionError('The recording worker needs a transcriber that starts jobs');
    await deps.checks.schedule({ contactId, noteId, transcriptionCheck: { attempt: 1, since: clock.now() }, language }, checkDelaySeconds(1));
  } catch (error) {
    await store.markStep(noteId, 'transcriptionStarted', { error: errorName(error), contactId });
    log.error('transcription could not be started; the message will be retried', { event: 'symptoms.transcribe.startFailed', noteId, contactId, error: errorName(error) });
    throw error;
  }
  await store.markStep(noteId, 'transcriptionStarted', { contactId });
  log.info('recording stored; transcription started', {
    event: 'symptoms.record.done',
    noteId,
    contactId,
    audioMs: recording.durationMs,
    reused: recording.reused,
    alreadyStarted: transcription.alreadyStarted,
    language,
    durationMs: clock.now() - started,
  });
  return { outcome: 'transcribing', jobName: transcription.jobName, alreadyStarted: transcription.alreadyStarted, reused: recording.reused };
}
