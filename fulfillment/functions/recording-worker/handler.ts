import { storeFromKinesisVideo, recordingWorkerDepsFromEnv } from './deps';
import { createRecordingHandler, type RecordingHandler } from '../../transcription/recordingWorker';

/**
 * Lambda entry point of the recording worker: consumes the capture queue (event source mapping with
 * `ReportBatchItemFailures`; dead-letter queue after `maxReceiveCount`). Dependencies are built once
 * per container, from the environment (see README, Configuration).
 */
export const handler: RecordingHandler = createRecordingHandler(async () => recordingWorkerDepsFromEnv(storeFromKinesisVideo));
