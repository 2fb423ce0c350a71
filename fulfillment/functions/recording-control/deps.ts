import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '../../runtime/clock';
import { loadCaptureConfig } from '../../runtime/config';
import { loadSessionKeyFromAws } from '../../runtime/configSource';
import { parseSessionKey, SessionTokenService } from '../../session';
import { connectStreamsOf } from '../../recording/connectStreams';
import type { RecordingControlDeps } from '../../recording/control';
import { DynamoCaptureJobStore, MemoryCaptureJobStore, type CaptureJobStore } from '../../recording/jobs';
import { MemoryCaptureQueue, SqsCaptureQueue } from '../../recording/queue';
import { LambdaLiveTranscriberStarter } from '../../transcription/live/LambdaLiveTranscriberStarter';

/** The local-mode job store, shared by the capture handler and readers in the same process. */
const localStore = new MemoryCaptureJobStore();

/** The local-mode queue, for the local pipeline to read what the capture handler sent. */
export const localCaptureQueue = new MemoryCaptureQueue();

/**
 * The job store on `tableName` (DynamoDB), or the process's in-memory store when unset (local mode).
 *
 * @example
 * const store = createCaptureJobStore(config.notesTable);
 */
export function createCaptureJobStore(tableName: string | undefined): CaptureJobStore {
  if (!tableName) return localStore;
  return new DynamoCaptureJobStore({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName, clock: systemClock });
}

/**
 * Production dependencies of the recording-control function: settings from the environment
 * (`SYMPTOM_NOTES_TABLE_NAME`, `CAPTURE_QUEUE_URL`, `CONNECT_INSTANCE_ARN`, `KVS_STREAM_NAME_PREFIX`,
 * and `LIVE_TRANSCRIBER_FUNCTION` when live transcription is deployed) and the session key from `SESSION_KEY_SECRET_ARN` (or `SESSION_KEY` locally). The accepted streams
 * are those of the instance's account and region with the configured name prefix; locally, without
 * both, any stream is accepted.
 *
 * @throws {ConfigError} naming what is missing or invalid
 */
export async function captureDepsFromEnv(): Promise<RecordingControlDeps> {
  const config = loadCaptureConfig();
  const key = parseSessionKey(await loadSessionKeyFromAws());
  return {
    sessions: new SessionTokenService({ key, clock: systemClock }),
    store: createCaptureJobStore(config.notesTable),
    queue: config.queueUrl ? new SqsCaptureQueue({ client: new SQSClient({}), queueUrl: config.queueUrl }) : localCaptureQueue,
    clock: systemClock,
    connectInstanceArn: config.connectInstanceArn,
    connectStreams: config.connectInstanceArn && config.kvsStreamNamePrefix ? connectStreamsOf(config.connectInstanceArn, config.kvsStreamNamePrefix) : undefined,
    ...(config.liveTranscriberFunction ? { liveTranscriber: new LambdaLiveTranscriberStarter({ functionName: config.liveTranscriberFunction }) } : {}),
  };
}
