import { ConnectClient } from '@aws-sdk/client-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaptureJobStore } from '../../recording/jobs';
import { ConfigError, type Config } from '../../runtime/config';
import { awsWorkerConfig, type CompletionWorkerConfig } from '../../runtime/workerConfig';
import { loadConfigFromAws } from '../../runtime/configSource';
import { createEpicGateway } from '../../epic';
import { ComprehendMedicalExtractor } from '../../notes/comprehendMedical';
import { AmazonTranslateTranslator } from '../../translation';
import { DynamoNoteStore } from '../../notes/store';
import { SnsNotifier } from '../../filing/notifier';
import { ConnectTaskCreator } from '../../tasks';
import type { CompletionDeps } from '../../transcription/ports';
import { S3TranscriptReader } from '../../transcription/S3TranscriptReader';

/**
 * The completion side from a loaded configuration: Comprehend Medical, Amazon Translate, the DynamoDB note store and
 * capture jobs, the S3 transcripts, Epic (the same gateway wiring as the dialog function's
 * `depsFromConfig`), SNS and Amazon Connect (the care team's tasks).
 */
export function completionDepsFromConfig(config: Config, worker: CompletionWorkerConfig): CompletionDeps {
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const store = new DynamoNoteStore({ client: dynamo, tableName: worker.notesTable, retentionDays: worker.noteRetentionDays });
  if (!config.symptoms.notifyTopicArn) throw new ConfigError('Invalid configuration: SYMPTOM_NOTIFY_TOPIC_ARN is required by the symptom workers');
  if (!config.symptoms.taskFlowArn) throw new ConfigError('Invalid configuration: CONNECT_TASK_FLOW_ARN is required by the symptom workers');
  return {
    jobs: new DynamoCaptureJobStore({ client: dynamo, tableName: worker.notesTable }),
    transcripts: new S3TranscriptReader(new S3Client({})),
    location: { bucket: worker.recordingsBucket, prefix: worker.transcriptsPrefix },
    pipeline: {
      extractor: new ComprehendMedicalExtractor(),
      // Messages in Spanish: Amazon Translate to English for Comprehend Medical (issue 18).
      translator: new AmazonTranslateTranslator(),
      store,
      chart: createEpicGateway(config),
      notifier: new SnsNotifier({ client: new SNSClient({}), topicArn: config.symptoms.notifyTopicArn, inboxBaseUrl: config.symptoms.inboxBaseUrl }),
      tasks: new ConnectTaskCreator({ client: new ConnectClient({}), flowArn: config.symptoms.taskFlowArn }),
      ...(config.symptoms.inboxBaseUrl === undefined ? {} : { inboxBaseUrl: config.symptoms.inboxBaseUrl }),
      organizationDisplay: config.symptoms.authorDisplay,
      minIcd10Score: config.symptoms.icd10MinScore,
      encounterStrategy: config.symptoms.encounterStrategy,
      encounterRequired: config.symptoms.encounterRequired,
      noteLoinc: config.symptoms.noteLoinc,
      refillNoteLoinc: config.refills.noteLoinc,
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
