import { completionDepsFromEnv } from './deps';
import { createTranscriptionHandler, type TranscriptionHandler } from '../../transcription/transcriptionWorker';

/**
 * Lambda entry point of the transcription completion: target of an EventBridge rule on "Transcribe Job
 * State Change" (asynchronous invocation: two retries, then the on-failure destination or DLQ).
 * Dependencies, Epic included, are built once per container from the environment.
 */
export const handler: TranscriptionHandler = createTranscriptionHandler(async () => completionDepsFromEnv());
