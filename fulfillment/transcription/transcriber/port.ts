import type { MessageLanguage } from '../../../contract';

/** What starting a transcription gave: the transcript itself (local mode), or a job writing it to S3. */
export type TranscriptionStart =
  | { readonly kind: 'transcript'; readonly transcript: string }
  | {
      readonly kind: 'job';
      readonly jobName: string;
      /** True when the job had been started before (a retry): nothing new was started. */
      readonly alreadyStarted: boolean;
      /** `s3://bucket/key` of the transcript JSON once the job completes. */
      readonly outputUri: string;
    };

/** Port: turns a recorded message into a transcript. */
export interface Transcriber {
  /**
   * Starts transcribing the message of `noteId`. `source` is the recording's S3 URI for Transcribe
   * Medical, or the text itself for {@link PassThroughTranscriber}. `language` is the caller's
   * (`en-US` when absent).
   */
  start(input: { readonly noteId: string; readonly source: string; readonly language?: MessageLanguage }): Promise<TranscriptionStart>;
}
