import type { MessageLanguage } from '../../contract';
import type { CaptureJob } from '../recording/jobs';
import type { Clock } from '../runtime/clock';
import type { RecordingRequest, RecordingResult } from '../recording/audio/types';
import type { StructuredLogger } from '../runtime/logger';
import type { NoteStore } from '../notes/store';
import type { PipelineDeps } from '../filing/pipeline';
import type { Transcriber } from './transcriber';
import type { JobStatus, TranscriptionCheck } from './messages';

/**
 * What the workers read of a capture job (`fulfillment/recording/`): ids, where the audio lives and
 * the "paged" marker of a message paged at `#`, never more. The capture module's job store fits the {@link CaptureJobReader} port.
 */
export type CaptureJobView = Pick<
  CaptureJob,
  'contactId' | 'noteId' | 'patientId' | 'streamArn' | 'startFragmentNumber' | 'startTimestampMs' | 'stopTimestampMs' | 'status' | 'urgentPage' | 'language'
>;

/** Port: reads capture jobs by contact id (`DynamoCaptureJobStore` in AWS). */
export interface CaptureJobReader {
  get(contactId: string): Promise<CaptureJobView | undefined>;
}

/** Port: the audio stage, `storeRecording` bound to its media source and recording store. */
export type StoreRecording = (request: RecordingRequest) => Promise<RecordingResult>;

/** Port: sends a transcription check to be delivered after `delaySeconds` (SQS `DelaySeconds`). */
export interface CheckScheduler {
  schedule(check: TranscriptionCheck, delaySeconds: number): Promise<void>;
}

/** State of a transcription job, as `GetMedicalTranscriptionJob` (or `GetTranscriptionJob`) reports it. */
export interface JobState {
  readonly status: JobStatus;
  /** Transcribe's `FailureReason` when FAILED. */
  readonly failureReason?: string;
}

/** Port: reads a transcription job's state by name; `language` says which Transcribe API started it (`en-US`, medical, when absent). */
export interface JobStatusReader {
  get(jobName: string, language?: MessageLanguage): Promise<JobState>;
}

/** Port: reads a transcript file (Transcribe's output JSON) from the bucket. */
export interface TranscriptReader {
  read(bucket: string, key: string): Promise<string>;
}

/** Where transcripts are: the bucket and key prefix the transcriber was given. */
export interface TranscriptLocation {
  readonly bucket: string;
  readonly prefix: string;
}

/** What turning a finished transcription job into a filed note needs. */
export interface CompletionDeps {
  readonly jobs: CaptureJobReader;
  readonly transcripts: TranscriptReader;
  readonly location: TranscriptLocation;
  /** Extraction, store, Epic, notifier: handed to `processTranscript` (its `store` is the note store). */
  readonly pipeline: PipelineDeps;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
}

/** What the recording worker needs (built once per container). */
export interface RecordingWorkerDeps {
  readonly jobs: CaptureJobReader;
  readonly storeRecording: StoreRecording;
  readonly transcriber: Transcriber;
  readonly store: NoteStore;
  readonly checks: CheckScheduler;
  readonly jobStatus: JobStatusReader;
  /**
   * The completion side (Epic, Comprehend Medical, SNS), built on first use: a check that finds its
   * job finished files the note from this worker, and a worker that only records never loads Epic.
   */
  readonly completion: () => Promise<CompletionDeps>;
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
}
