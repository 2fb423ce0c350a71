import { ConfigError, loadWorkerConfig, type WorkerConfig } from './config';

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
