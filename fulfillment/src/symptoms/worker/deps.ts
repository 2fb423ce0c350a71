import { ComprehendMedicalClient } from '@aws-sdk/client-comprehendmedical';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaptureJobStore } from '../../capture/jobStore';
import { ConfigError, loadWorkerConfig, type Config, type WorkerConfig } from '../../config';
import { loadConfigFromAws } from '../../configSource';
import { createEpicGateway } from '../../epic';
import { ComprehendMedicalExtractor } from '../extraction';
import { DynamoNoteStore } from '../noteStore';
import { SnsNotifier } from '../notifier';
import { TranscribeMedicalTranscriber } from '../transcription';
import type { CompletionDeps, RecordingCapture, RecordingWorkerDeps } from './ports';
import { S3TranscriptReader } from './S3TranscriptReader';
import { SqsCheckScheduler } from './SqsCheckScheduler';
import { TranscribeJobStatusReader } from './TranscribeJobStatusReader';

/** What each side of the workers cannot run without in AWS. */
const REQUIRED_BY = {
  /** Recording: KVS to S3, the Transcribe job (its output key), the delayed checks on the queue. */
  recording: ['SYMPTOM_NOTES_TABLE_NAME', 'CAPTURE_QUEUE_URL', 'RECORDINGS_BUCKET_NAME', 'RECORDINGS_KMS_KEY_ARN'],
  /** Completion: the note store and the transcript files. */
  completion: ['SYMPTOM_NOTES_TABLE_NAME', 'RECORDINGS_BUCKET_NAME'],
} as const;

/** The worker settings the completion side's AWS adapters need, checked present. */
export type CompletionWorkerConfig = WorkerConfig & { readonly notesTable: string; readonly recordingsBucket: string };

/** The worker settings every recording-side AWS adapter needs, checked present. */
export type AwsWorkerConfig = CompletionWorkerConfig & { readonly queueUrl: string; readonly recordingsKmsKeyArn: string };

/**
 * The worker settings from the environment, with those the given side cannot do without.
 *
 * @throws {ConfigError} naming each missing variable
 */
export function awsWorkerConfig(env?: NodeJS.ProcessEnv, side?: 'recording'): AwsWorkerConfig;
export function awsWorkerConfig(env: NodeJS.ProcessEnv, side: 'completion'): CompletionWorkerConfig;
export function awsWorkerConfig(env: NodeJS.ProcessEnv = process.env, side: keyof typeof REQUIRED_BY = 'recording'): CompletionWorkerConfig {
  const config = loadWorkerConfig(env);
  const values: Record<(typeof REQUIRED_BY)['recording'][number], string | undefined> = {
    SYMPTOM_NOTES_TABLE_NAME: config.notesTable,
    CAPTURE_QUEUE_URL: config.queueUrl,
    RECORDINGS_BUCKET_NAME: config.recordingsBucket,
    RECORDINGS_KMS_KEY_ARN: config.recordingsKmsKeyArn,
  };
  const missing = REQUIRED_BY[side].filter((name) => !values[name]);
  if (missing.length > 0) throw new ConfigError(`Invalid configuration: ${missing.map((name) => `${name} is required by the symptom workers`).join('; ')}`);
  return config as CompletionWorkerConfig;
}

/**
 * The completion side from a loaded configuration: Comprehend Medical, the DynamoDB note store and
 * capture jobs, the S3 transcripts, Epic (the same gateway wiring as the dialog function's
 * `depsFromConfig`) and SNS.
 */
export function completionDepsFromConfig(config: Config, worker: CompletionWorkerConfig): CompletionDeps {
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const store = new DynamoNoteStore({ client: dynamo, tableName: worker.notesTable, retentionDays: worker.noteRetentionDays });
  if (!config.symptoms.notifyTopicArn) throw new ConfigError('Invalid configuration: SYMPTOM_NOTIFY_TOPIC_ARN is required by the symptom workers');
  return {
    jobs: new DynamoCaptureJobStore({ client: dynamo, tableName: worker.notesTable }),
    transcripts: new S3TranscriptReader(new S3Client({})),
    location: { bucket: worker.recordingsBucket, prefix: worker.transcriptsPrefix },
    pipeline: {
      extractor: new ComprehendMedicalExtractor({ client: new ComprehendMedicalClient({}) }),
      store,
      fhir: createEpicGateway(config).fhir,
      notifier: new SnsNotifier({ client: new SNSClient({}), topicArn: config.symptoms.notifyTopicArn }),
      organizationDisplay: config.symptoms.authorDisplay,
      minIcd10Score: config.symptoms.icd10MinScore,
      encounterStrategy: config.symptoms.encounterStrategy,
      encounterRequired: config.symptoms.encounterRequired,
    },
  };
}

/**
 * The completion side from the environment, read once per container: Epic settings from SSM and the
 * session key secret exactly as the dialog function gets them (`CONFIG_PARAMETER_PATH`,
 * `SESSION_KEY_SECRET_ARN`, `SIGNING_KMS_KEY_ID`), plus the worker settings.
 */
export async function completionDepsFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<CompletionDeps> {
  const worker = awsWorkerConfig(env, 'completion');
  // The lockout and audit tables are the dialog function's; loadConfig requires them only because it
  // runs in Lambda, and this worker never touches them.
  const { AWS_LAMBDA_FUNCTION_NAME: _notTheDialogFunction, ...dialogChecksOff } = env;
  return completionDepsFromConfig(await loadConfigFromAws(dialogChecksOff), worker);
}

/**
 * The recording worker from the environment. `capture` builds the audio stage (`captureRecording`
 * over Kinesis Video Streams and the S3 recording store); the completion side is built on first use.
 */
export function recordingWorkerDepsFromEnv(makeCapture: (worker: AwsWorkerConfig) => RecordingCapture, env: NodeJS.ProcessEnv = process.env): RecordingWorkerDeps {
  const worker = awsWorkerConfig(env);
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const transcribe = new TranscribeClient({});
  let completion: Promise<CompletionDeps> | undefined;
  return {
    jobs: new DynamoCaptureJobStore({ client: dynamo, tableName: worker.notesTable }),
    capture: makeCapture(worker),
    transcriber: new TranscribeMedicalTranscriber({ client: transcribe, outputBucket: worker.recordingsBucket, outputKeyPrefix: worker.transcriptsPrefix, kmsKeyId: worker.recordingsKmsKeyArn }),
    store: new DynamoNoteStore({ client: dynamo, tableName: worker.notesTable, retentionDays: worker.noteRetentionDays }),
    checks: new SqsCheckScheduler({ client: new SQSClient({}), queueUrl: worker.queueUrl }),
    jobStatus: new TranscribeJobStatusReader(transcribe),
    completion: () => {
      completion ??= completionDepsFromEnv(env).catch((error: unknown) => {
        completion = undefined;
        throw error;
      });
      return completion;
    },
  };
}
