import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog } from '../../audit';
import { createEpicGateway } from '../../epic';
import type { InboxService } from '../../inbox/ports';
import { createInboxService } from '../../inbox/service';
import { createInboxAuth, type InboxAppDeps } from '../../inbox/web';
import { DynamoNoteStore } from '../../notes/store';
import { S3RecordingStore } from '../../recording/audio';
import { ConfigError } from '../../runtime/errors';
import { loadConfigFromAws, loadSessionKeyFromAws } from '../../runtime/configSource';
import { loadInboxConfig } from '../../runtime/inboxConfig';
import { logger } from '../../runtime/logger';
import { parseSessionKey } from '../../session';

/**
 * The inbox web app's dependencies around a service: the inbox settings from the environment
 * (`INBOX_*`, `CLINIC_TIME_ZONE`), the session key from `SESSION_KEY_SECRET_ARN` through the
 * Parameters and Secrets extension (or `SESSION_KEY` locally), from which the cookie and CSRF keys
 * are derived, and the one logger. The local run (`sandbox/inboxServer.ts`) calls it too, so local
 * and Lambda share this wiring.
 *
 * @throws {ConfigError} naming each missing or invalid variable
 * @example
 * const deps = await inboxAppDepsFromEnv(service);
 */
export async function inboxAppDepsFromEnv(service: InboxService, env: NodeJS.ProcessEnv = process.env): Promise<InboxAppDeps> {
  const config = loadInboxConfig(env);
  const sessionKey = parseSessionKey(await loadSessionKeyFromAws(env));
  return { service, auth: createInboxAuth(config, sessionKey), clinicTimeZone: config.clinicTimeZone, logger };
}

/** What the inbox function cannot run without in AWS, besides the Epic and session settings. */
const REQUIRED = ['SYMPTOM_NOTES_TABLE_NAME', 'AUDIT_TABLE_NAME', 'RECORDINGS_BUCKET_NAME', 'RECORDINGS_KMS_KEY_ARN'] as const;

/**
 * The production inbox service, read once per container: Epic settings from SSM and the session key
 * secret exactly as the dialog function gets them, the DynamoDB note store (and its `inbox` index),
 * the S3 recordings, the DynamoDB audit trail.
 *
 * @throws {ConfigError} naming each missing variable
 */
export async function inboxServiceFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<InboxService> {
  const missing = REQUIRED.filter((name) => !env[name]?.trim());
  if (missing.length > 0) throw new ConfigError(`Invalid configuration: ${missing.map((name) => `${name} is required by the inbox`).join('; ')}`);
  // The lockout table is the dialog function's; loadConfig requires it only because it runs in
  // Lambda, and the inbox never touches it (the audit table is checked above).
  const { AWS_LAMBDA_FUNCTION_NAME: _notTheDialogFunction, ...dialogChecksOff } = env;
  const config = await loadConfigFromAws(dialogChecksOff);
  const inbox = loadInboxConfig(env);
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return createInboxService({
    notes: new DynamoNoteStore({ client: dynamo, tableName: env.SYMPTOM_NOTES_TABLE_NAME as string, retentionDays: config.symptoms.noteRetentionDays }),
    recordings: new S3RecordingStore({ client: new S3Client({}), bucket: env.RECORDINGS_BUCKET_NAME as string, kmsKeyId: env.RECORDINGS_KMS_KEY_ARN as string }),
    epic: createEpicGateway(config),
    audit: new DynamoAuditLog({ client: dynamo, tableName: env.AUDIT_TABLE_NAME as string }),
    organizationDisplay: config.symptoms.authorDisplay,
    noteLoinc: config.symptoms.noteLoinc,
    refillNoteLoinc: config.refills.noteLoinc,
    timeZone: inbox.clinicTimeZone,
    logger,
  });
}
