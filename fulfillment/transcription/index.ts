/**
 * The symptom workers between a closed capture job and a filed note: the recording worker (capture
 * queue → WAV in S3 → Transcribe Medical job → delayed completion checks) and the transcription
 * completion (finished job → transcript → `processTranscript`). Entry points:
 * `fulfillment/functions/recording-worker/handler.ts` and `fulfillment/functions/transcription-worker/handler.ts`.
 */
export { checkTranscription, completeTranscription, type CheckOutcome, type CompletionOutcome, type FinishedJob } from './completion';
export { checkDelaySeconds, FAILURE_REASONS, JOB_NAME_PREFIX, TRANSCRIBE_EVENT, TRANSCRIPTION_CHECK } from './constants';
export {
  failureCode,
  JOB_STATUSES,
  noteIdFromJobName,
  parseSqsEvent,
  parseTranscribeEvent,
  parseWorkerMessage,
  transcriptKey,
  type JobStateChange,
  type JobStatus,
  type TranscriptionCheck,
  type WorkerMessage,
} from './messages';
export type { CaptureJobReader, CaptureJobView, CheckScheduler, CompletionDeps, JobState, JobStatusReader, StoreRecording, RecordingWorkerDeps, TranscriptLocation, TranscriptReader } from './ports';
export { recordMessage, type RecordingOutcome } from './recordMessage';
export { createRecordingHandler, type RecordingHandler } from './recordingWorker';
export { S3TranscriptReader } from './S3TranscriptReader';
export { MemoryCheckScheduler, SqsCheckScheduler, type SqsCheckSchedulerOptions } from './SqsCheckScheduler';
export { TranscribeJobStatusReader } from './TranscribeJobStatusReader';
export { createTranscriptionHandler, type TranscriptionEventOutcome, type TranscriptionHandler } from './transcriptionWorker';
export * from './errors';
export {
  ByLanguageTranscriber,
  PassThroughTranscriber,
  readTranscript,
  TranscribeMedicalTranscriber,
  TranscribeStandardTranscriber,
  type TranscribeStandardOptions,
  transcriptionJobName,
  type TranscribeMedicalOptions,
  type Transcriber,
  type TranscriptionStart,
} from './transcriber';
