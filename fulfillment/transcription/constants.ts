/**
 * Constants of the symptom workers: how often and how long the recording worker checks a Transcribe
 * Medical job, and the EventBridge names of Transcribe's job events.
 */

/**
 * Polling of a transcription job. Amazon Transcribe documents its EventBridge "Transcribe Job State
 * Change" event for transcription jobs (`TranscriptionJobName`) and Call Analytics jobs, and says
 * nothing of medical jobs, so completion is found by `GetMedicalTranscriptionJob` on a delayed SQS
 * message: 30 s, then doubling up to SQS's 900 s maximum `DelaySeconds`. A two-minute message usually
 * transcribes in a minute or two; 12 checks cover about two hours, then the note is marked failed.
 */
export const TRANSCRIPTION_CHECK = {
  /** Delay of the first check after the job started, in seconds. */
  firstDelaySeconds: 30,
  /** SQS's upper bound on `DelaySeconds`. */
  maxDelaySeconds: 900,
  /** Checks before giving up (the last one marks `transcribed` failed and lands in the DLQ). */
  maxAttempts: 12,
  /** Time from the first check after which the job is given up even with attempts left. */
  maxWaitMs: 2 * 60 * 60 * 1000,
} as const;

/** Delay before check number `attempt` (1-based): 30, 60, 120 … seconds, at most 900. */
export function checkDelaySeconds(attempt: number): number {
  const doubled = TRANSCRIPTION_CHECK.firstDelaySeconds * 2 ** Math.max(0, attempt - 1);
  return Math.min(TRANSCRIPTION_CHECK.maxDelaySeconds, doubled);
}

/** EventBridge `source` and `detail-type` of a Transcribe job's state change. */
export const TRANSCRIBE_EVENT = {
  source: 'aws.transcribe',
  detailType: 'Transcribe Job State Change',
} as const;

/** Prefix of the job names {@link transcriptionJobName} gives (`clinic-ivr-symptoms-<noteId>`). */
export const JOB_NAME_PREFIX = 'clinic-ivr-symptoms-';

/**
 * Short codes of the `FailureReason` values the MedicalTranscriptionJob reference lists; what the note
 * store and the logs keep instead of Transcribe's sentence.
 */
export const FAILURE_REASONS: readonly (readonly [prefix: string, code: string])[] = [
  ['Unsupported media format', 'UnsupportedMediaFormat'],
  ['The media format provided does not match', 'MediaFormatMismatch'],
  ['Invalid sample rate', 'InvalidSampleRate'],
  ['The sample rate provided does not match', 'SampleRateMismatch'],
  ['Invalid file size', 'InvalidFileSize'],
  ['Invalid number of channels', 'InvalidNumberOfChannels'],
];
