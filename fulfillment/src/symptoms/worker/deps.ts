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

/** The worker settings every AWS adapter needs, checked present (the workers have no local mode). */
export type AwsWorkerConfig = WorkerConfig & { readonly notesTable: string; readonly queueUrl: string; readonly recordingsBucket: string; readonly recordingsKmsKeyArn: string };

/**
 * The worker settings from the environment, with the four the AWS adapters cannot do without.
 *
 * @throws {ConfigError} naming each missing variable
 */
export function awsWorkerConfig(env: NodeJS.ProcessEnv = process.env): AwsWorkerConfig {
  const config = loadWorkerConfig(env);
  const missing = (
    [
      ['SYMPTOM_NOTES_TABLE_NAME', config.notesTable],
      ['CAPTURE_QUEUE_URL', config.queueUrl],
      ['RECORDINGS_BUCKET_NAME', config.recordingsBucket],
      ['RECORDINGS_KMS_KEY_ARN', config.recordingsKmsKeyArn],
    ] as const
  ).filter(([, value]) => !value);
  if (missing.length > 0) throw new ConfigError(`Invalid configuration: ${missing.map(([name]) => `${name} is required by the symptom workers`).join('; ')}`);
  return config as AwsWorkerConfig;
}

/**
 * The completion side from a loaded configuration: Comprehend Medical, the DynamoDB note store and
 * capture jobs, the S3 transcripts, Epic (the same gateway wiring as the dialog function's
 * `depsFromConfig`) and SNS.
 */
export function completionDepsFromConfig(config: Config, worker: AwsWorkerConfig): CompletionDeps {
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
    },
  };
}

/**
 * The completion side from the environment, read once per container: Epic settings from SSM and the
 * session key secret exactly as the dialog function gets them (`CONFIG_PARAMETER_PATH`,
 * `SESSION_KEY_SECRET_ARN`, `SIGNING_KMS_KEY_ID`), plus the worker settings.
 */
export async function completionDepsFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<CompletionDeps> {
  const worker = awsWorkerConfig(env);
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
