import { ConnectClient } from '@aws-sdk/client-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SnsNotifier } from '../../filing/notifier';
import { systemClock, type Clock } from '../../runtime/clock';
import { loadCaptureConfig, type CaptureConfig } from '../../runtime/config';
import { loadSessionKeyFromAws } from '../../runtime/configSource';
import { logger as defaultLogger, type StructuredLogger } from '../../runtime/logger';
import { parseSessionKey, SessionTokenService } from '../../session';
import { connectStreamsOf } from '../../recording/connectStreams';
import type { RecordingControlDeps } from '../../recording/control';
import { DynamoCaptureJobStore, MemoryCaptureJobStore, type CaptureJobStore } from '../../recording/jobs';
import { MemoryCaptureQueue, SqsCaptureQueue } from '../../recording/queue';
import type { MessageTriage } from '../../recording/triage';
import { ConnectTaskCreator } from '../../tasks';
import { DynamoLiveTranscriptStore } from '../../transcription/live/dynamo';
import { LambdaLiveTranscriberStarter } from '../../transcription/live/LambdaLiveTranscriberStarter';
import { LiveMessageTriage } from '../../triage';

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
export function createCaptureJobStore(tableName: string | undefined, client?: DynamoDBDocumentClient): CaptureJobStore {
  if (!tableName) return localStore;
  return new DynamoCaptureJobStore({ client: client ?? DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName, clock: systemClock });
}

/**
 * Bounds of the page's SNS and Connect calls at `#`: the caller waits on the line and the function
 * ends at 6 s (Connect waits 8 s), after up to 2 s for the transcript. Two attempts of at most 1 s
 * each (plus the connection's 0.5 s) keep the page within about 3 s; what fails, the pipeline sends
 * later (`livePage`). `throwOnRequestTimeout`: without it the SDK only warns when `requestTimeout`
 * passes (the option's own documentation in `@smithy/types`, `NodeHttpHandlerOptions`).
 */
export const URGENT_PAGE_CLIENT_CONFIG = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 500, requestTimeout: 1_000, throwOnRequestTimeout: true },
} as const;

/** The AWS clients the live triage uses; each is created when not given (tests pass mocked ones). */
export interface LiveTriageClients {
  readonly dynamo?: DynamoDBDocumentClient;
  readonly sns?: SNSClient;
  readonly connect?: ConnectClient;
}

/** The live triage of the stop call, or why it is off: the variables it lacks (names, never values). */
export type LiveTriageWiring = { readonly triage: MessageTriage } | { readonly off: readonly string[] };

/**
 * The live triage at `#` (issue 17) from the recording-control function's settings: the live transcripts
 * the live transcriber writes (the DynamoDB store on the notes table, items `live#<contactId>`), the
 * capture jobs (the decision and the `urgentPage` marker), the care-team topic and the `care-team-task`
 * flow the symptom workers page with, and the inbox link. Off, with the names of what is missing, when
 * the table, the live transcriber (no transcriber: never a transcript to judge), the topic or the task
 * flow is not configured: the stop call then answers as before.
 *
 * @example
 * const wiring = liveTriageFromConfig(loadCaptureConfig(), jobs); // { triage } or { off: ['CONNECT_TASK_FLOW_ARN'] }
 */
export function liveTriageFromConfig(config: CaptureConfig, jobs: CaptureJobStore, clients: LiveTriageClients = {}, clock: Clock = systemClock): LiveTriageWiring {
  const { notifyTopicArn, taskFlowArn, inboxBaseUrl } = config.triage;
  const missing = [
    ...(config.notesTable ? [] : ['SYMPTOM_NOTES_TABLE_NAME']),
    ...(config.liveTranscriberFunction ? [] : ['LIVE_TRANSCRIBER_FUNCTION']),
    ...(notifyTopicArn ? [] : ['SYMPTOM_NOTIFY_TOPIC_ARN']),
    ...(taskFlowArn ? [] : ['CONNECT_TASK_FLOW_ARN']),
  ];
  if (!config.notesTable || !notifyTopicArn || !taskFlowArn || missing.length > 0) return { off: missing };
  const triage = new LiveMessageTriage({
    transcripts: new DynamoLiveTranscriptStore({ client: clients.dynamo ?? DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: config.notesTable, clock }),
    jobs,
    notifier: new SnsNotifier({ client: clients.sns ?? new SNSClient(URGENT_PAGE_CLIENT_CONFIG), topicArn: notifyTopicArn, inboxBaseUrl }),
    tasks: new ConnectTaskCreator({ client: clients.connect ?? new ConnectClient(URGENT_PAGE_CLIENT_CONFIG), flowArn: taskFlowArn }),
    clock,
    ...(inboxBaseUrl === undefined ? {} : { inboxBaseUrl }),
  });
  return { triage };
}

/**
 * Production dependencies of the recording-control function: settings from the environment
 * (`SYMPTOM_NOTES_TABLE_NAME`, `CAPTURE_QUEUE_URL`, `CONNECT_INSTANCE_ARN`, `KVS_STREAM_NAME_PREFIX`,
 * `LIVE_TRANSCRIBER_FUNCTION` when live transcription is deployed, and for the live triage at `#`
 * `SYMPTOM_NOTIFY_TOPIC_ARN`, `CONNECT_TASK_FLOW_ARN`, `INBOX_BASE_URL`) and the session key from
 * `SESSION_KEY_SECRET_ARN` (or `SESSION_KEY` locally). The accepted streams are those of the
 * instance's account and region with the configured name prefix; locally, without both, any stream
 * is accepted. Without the triage's settings the triage is off, said once here (at cold start) with
 * the missing names.
 *
 * @throws {ConfigError} naming what is missing or invalid
 */
export async function captureDepsFromEnv(env: NodeJS.ProcessEnv = process.env, log: StructuredLogger = defaultLogger): Promise<RecordingControlDeps> {
  const config = loadCaptureConfig(env);
  const key = parseSessionKey(await loadSessionKeyFromAws(env));
  const dynamo = config.notesTable ? DynamoDBDocumentClient.from(new DynamoDBClient({})) : undefined;
  const store = createCaptureJobStore(config.notesTable, dynamo);
  const wiring = liveTriageFromConfig(config, store, { ...(dynamo ? { dynamo } : {}) });
  if ('off' in wiring) log.info('live triage off: the stop call answers without triage', { event: 'triage.off', missing: wiring.off });
  return {
    sessions: new SessionTokenService({ key, clock: systemClock }),
    store,
    queue: config.queueUrl ? new SqsCaptureQueue({ client: new SQSClient({}), queueUrl: config.queueUrl }) : localCaptureQueue,
    clock: systemClock,
    connectInstanceArn: config.connectInstanceArn,
    connectStreams: config.connectInstanceArn && config.kvsStreamNamePrefix ? connectStreamsOf(config.connectInstanceArn, config.kvsStreamNamePrefix) : undefined,
    ...(config.liveTranscriberFunction ? { liveTranscriber: new LambdaLiveTranscriberStarter({ functionName: config.liveTranscriberFunction }) } : {}),
    ...('triage' in wiring ? { triage: wiring.triage } : {}),
  };
}
