import * as z from 'zod';
import { ConfigError } from './errors';
import { clinicTimeZoneSchema, INBOX_CONFIG_VARIABLES } from './inboxConfig';
import { parseSessionKey } from './sessionKey';
import { DEFAULT_PATIENT_SEARCH_STRATEGY, PATIENT_SEARCH_STRATEGIES, type PatientSearchStrategy } from '../../contract';

/**
 * How a note's `context.encounter` is chosen (config `SYMPTOM_ENCOUNTER_STRATEGY`):
 * - `none`: no encounter. For an environment that files a note without one: a stock Epic refuses it
 *   (400 "Valid encounter required").
 * - `sameDay`: the patient's latest encounter that started in the 24 hours before the message and is
 *   under way or finished (`arrived`, `triaged`, `in-progress`, `finished`), e.g. a telephone
 *   encounter staff opened for the call; none fits → none (kept for staff when one is required).
 * The default is `sameDay` with `SYMPTOM_ENCOUNTER_REQUIRED=true`: what a stock Epic accepts.
 */
export const ENCOUNTER_STRATEGIES = ['none', 'sameDay'] as const;

/** One of {@link ENCOUNTER_STRATEGIES}. */
export type EncounterStrategy = (typeof ENCOUNTER_STRATEGIES)[number];

/** Every setting of the fulfillment code, read once from the environment and validated. */
export interface Config {
  readonly epic: {
    readonly clientId: string;
    readonly tokenUrl: string;
    readonly fhirBaseUrl: string;
    readonly fhirVersion: 'R4' | 'STU3';
    readonly scope: string | undefined;
    readonly patientSearch: PatientSearchStrategy;
    readonly sexSearchParam: 'legal-sex' | 'gender';
    readonly httpTimeoutMs: number;
    readonly maxRetries: number;
    readonly tokenRefreshMarginSeconds: number;
    readonly assertionLifetimeSeconds: number;
  };
  readonly signing: { readonly kind: 'kms'; readonly kmsKeyId: string } | { readonly kind: 'pem'; readonly pemFile: string };
  readonly phoneDefaultRegion: string;
  readonly session: {
    /** 32-byte key of the session tokens (JWE dir/A256GCM); the lockout HMAC key is derived from it. */
    readonly key: Uint8Array;
  };
  readonly storage: {
    /** DynamoDB table of lockout counters; in-memory when unset (local mode only). */
    readonly lockoutTable: string | undefined;
    /** DynamoDB table of the audit trail; a local file when unset (local mode only). */
    readonly auditTable: string | undefined;
    readonly auditFile: string;
  };
  /** Symptom messages (`symptoms/`): note building, the note store and the care-team notification. */
  readonly symptoms: {
    /** ICD-10-CM concepts scoring below this are left out of a note. */
    readonly icd10MinScore: number;
    /** DynamoDB table of symptom notes; in-memory when unset (local mode only). */
    readonly notesTable: string | undefined;
    /** Days a note stays in the notes table (TTL); Epic keeps the record. */
    readonly noteRetentionDays: number;
    /** SNS topic the care team is notified on; in-memory when unset (local mode only). */
    readonly notifyTopicArn: string | undefined;
    /**
     * Public origin of the care-team inbox, no trailing slash: each notification links to
     * `<inboxBaseUrl>/messages/<noteId>`. Unset (no inbox), it says to open the inbox instead.
     */
    readonly inboxBaseUrl: string | undefined;
    /** `DocumentReference.author.display` of the filed notes. */
    readonly authorDisplay: string;
    /** How a note's `context.encounter` is chosen. */
    readonly encounterStrategy: EncounterStrategy;
    /** Epic refuses a DocumentReference without an encounter. */
    readonly encounterRequired: boolean;
    /** LOINC code of the note type the filed notes carry; each Epic organization maps the types it accepts. */
    readonly noteLoinc: string;
    /**
     * ARN of the `care-team-task` contact flow: each stored message becomes an Amazon Connect task
     * run by it (the ARN names the instance too). Unset, the local stand-in records the tasks (local
     * mode only; the symptom workers require it in AWS).
     */
    readonly taskFlowArn: string | undefined;
  };
  /** Refill requests: where the code hook hands them over, and the note type they are filed as. */
  readonly refills: {
    /**
     * SQS queue the code hook sends confirmed refill requests to (the capture queue, which the
     * recording worker consumes and files from). Unset, a deployment cannot take refill requests:
     * the caller is offered a person (local mode files them in-process instead).
     */
    readonly queueUrl: string | undefined;
    /** LOINC code of the note type refill requests are filed as; each Epic organization maps the types it accepts. */
    readonly noteLoinc: string;
  };
  /** Texts to callers ("text me the details", `sms/`). */
  readonly sms: {
    /**
     * The clinic's AWS End User Messaging SMS origination identity (phone number, its id or ARN, pool
     * id or ARN). Unset: texting is off in AWS (no text is offered); locally texts are printed.
     */
    readonly originationIdentity: string | undefined;
    /** Configuration set of the texts (delivery events). @default none */
    readonly configurationSet: string | undefined;
  };
  /** The clinic as texts name it. */
  readonly clinic: {
    /** IANA time zone appointment times are spoken and texted in (`CLINIC_TIME_ZONE`, shared with the inbox). */
    readonly timeZone: string;
    /** Street address texted with an appointment when Epic gives none. */
    readonly streetAddress: string | undefined;
    /** Who texts are from. */
    readonly name: string | undefined;
  };
}

// ConfigError lives in errors.ts so that inboxConfig.ts can throw it without importing this file
// (this file lists the inbox's variable names, so an import back would be a cycle).
export { ConfigError };

// Plain http is allowed for loopback only: the sandbox. Anything that leaves the machine uses TLS.
const endpointUrl = z.url({ error: "is required and must be a URL" }).refine((value) => {
  if (!URL.canParse(value)) return true; // z.url() already reported it
  const url = new URL(value);
  return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}, 'must be an https URL (http is allowed only on loopback)');

const integer = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z
  .object({
    EPIC_CLIENT_ID: z.string({ error: 'is required' }).trim().min(1, 'is required'),
    EPIC_TOKEN_URL: endpointUrl,
    EPIC_FHIR_BASE_URL: endpointUrl,
    EPIC_FHIR_VERSION: z.enum(['R4', 'STU3']).default('R4'),
    EPIC_SCOPE: z.string().trim().min(1).optional(),
    EPIC_PATIENT_SEARCH: z.enum(PATIENT_SEARCH_STRATEGIES).default(DEFAULT_PATIENT_SEARCH_STRATEGY),
    EPIC_SEX_SEARCH_PARAM: z.enum(['legal-sex', 'gender']).optional(),
    EPIC_HTTP_TIMEOUT_MS: integer(250, 30_000, 4000),
    EPIC_MAX_RETRIES: integer(0, 5, 2),
    EPIC_TOKEN_REFRESH_MARGIN_SECONDS: integer(0, 600, 60),
    EPIC_ASSERTION_LIFETIME_SECONDS: integer(30, 300, 240),
    SIGNING_KMS_KEY_ID: z.string().trim().min(1).optional(),
    SIGNING_PRIVATE_KEY_PEM_FILE: z.string().trim().min(1).optional(),
    SESSION_KEY: z
      .string({ error: 'is required' })
      .refine((value) => {
        try {
          parseSessionKey(value);
          return true;
        } catch {
          return false;
        }
      }, 'must be 32 random bytes in base64 or base64url'),
    LOCKOUT_TABLE_NAME: z.string().trim().min(3).optional(),
    AUDIT_TABLE_NAME: z.string().trim().min(3).optional(),
    AUDIT_LOG_FILE: z.string().trim().min(1).default('.local/audit.jsonl'),
    SYMPTOM_ICD10_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.5),
    SYMPTOM_NOTES_TABLE_NAME: z.string().trim().min(3).optional(),
    SYMPTOM_NOTE_RETENTION_DAYS: integer(1, 365, 30),
    SYMPTOM_NOTIFY_TOPIC_ARN: z
      .string()
      .trim()
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, 'must be an SNS topic ARN')
      .optional(),
    // The inbox's origin: no query or fragment, trailing slashes dropped (links append /messages/<id>).
    INBOX_BASE_URL: endpointUrl
      .refine((value) => !URL.canParse(value) || (new URL(value).search === '' && new URL(value).hash === ''), 'must have no query or fragment')
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
    SYMPTOM_NOTE_AUTHOR: z.string().trim().min(1).max(200).default('Clinic phone line (automated)'),
    SYMPTOM_ENCOUNTER_STRATEGY: z.enum(ENCOUNTER_STRATEGIES).default('sameDay'),
    SYMPTOM_ENCOUNTER_REQUIRED: z.enum(['true', 'false']).default('true'),
    // 34109-9 "Note" (Epic's "Miscellaneous Notes"): `DEFAULT_NOTE_LOINC` in fulfillment/filing/documentReference.ts says why.
    SYMPTOM_NOTE_LOINC: z
      .string()
      .trim()
      .regex(/^\d{1,7}-\d$/, 'must be a LOINC code such as 34109-9')
      .default('34109-9'),
    REFILL_QUEUE_URL: endpointUrl.optional(),
    // No LOINC document type for a refill request is on Epic's list: `DEFAULT_REFILL_NOTE_LOINC` in fulfillment/refills/filing.ts.
    REFILL_NOTE_LOINC: z
      .string()
      .trim()
      .regex(/^\d{1,7}-\d$/, 'must be a LOINC code such as 34109-9')
      .default('34109-9'),
    PHONE_DEFAULT_REGION: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 region such as US')
      .default('US'),
    CONNECT_TASK_FLOW_ARN: z
      .string()
      .trim()
      .regex(/^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[A-Za-z0-9-]{1,100}\/contact-flow\/[A-Za-z0-9-]{1,100}$/, 'must be an Amazon Connect contact flow ARN')
      .optional(),
    // Phone number (E.164), phone-number or pool id, sender id, or the ARN of one (SendTextMessage's OriginationIdentity).
    SMS_ORIGINATION_IDENTITY: z
      .string()
      .trim()
      .regex(/^(?:\+[1-9]\d{7,14}|[A-Za-z0-9_-]{1,64}|arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:[a-z-]+\/[A-Za-z0-9_-]{1,64})$/, 'must be a phone number (E.164), a phone number, pool or sender id, or an sms-voice ARN')
      .optional(),
    SMS_CONFIGURATION_SET: z
      .string()
      .trim()
      .regex(/^(?:[A-Za-z0-9_-]{1,64}|arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:configuration-set\/[A-Za-z0-9_-]{1,64})$/, 'must be a configuration set name or ARN')
      .optional(),
    CLINIC_TIME_ZONE: clinicTimeZoneSchema,
    // One line, as a text carries it: no control characters.
    CLINIC_STREET_ADDRESS: z.string().trim().regex(/^[^\p{Cc}]{1,120}$/u, 'must be one line of at most 120 characters').optional(),
    CLINIC_NAME: z.string().trim().regex(/^[^\p{Cc}]{1,60}$/u, 'must be one line of at most 60 characters').optional(),
  });

/**
 * Settings of the recording-control function (`fulfillment/recording/`), which records a caller's message
 * during the call and never reaches Epic, so it reads these and the session key only.
 */
const captureEnvSchema = z.object({
  SYMPTOM_NOTES_TABLE_NAME: envSchema.shape.SYMPTOM_NOTES_TABLE_NAME,
  CAPTURE_QUEUE_URL: endpointUrl.optional(),
  CONNECT_INSTANCE_ARN: z
    .string()
    .trim()
    .regex(/^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[A-Za-z0-9-]{1,100}$/, 'must be an Amazon Connect instance ARN')
    .optional(),
  // Connect names the instance's streams `<prefix>-connect-<instance alias>-contact-<id>`
  // (infra/lib/MediaStreams.ts); Kinesis video stream names are [a-zA-Z0-9_.-], 1 to 256 characters.
  KVS_STREAM_NAME_PREFIX: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{1,256}$/, 'must be a Kinesis video stream name prefix ([a-zA-Z0-9_.-])')
    .optional(),
  // The live-transcriber function a start invokes asynchronously (issue 17): a Lambda function name or ARN.
  LIVE_TRANSCRIBER_FUNCTION: z
    .string()
    .trim()
    .regex(/^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/, 'must be a Lambda function name or ARN')
    .optional(),
  // The page of an urgent message at `#` (issue 17): the same topic, task flow and inbox the symptom workers use.
  SYMPTOM_NOTIFY_TOPIC_ARN: envSchema.shape.SYMPTOM_NOTIFY_TOPIC_ARN,
  CONNECT_TASK_FLOW_ARN: envSchema.shape.CONNECT_TASK_FLOW_ARN,
  INBOX_BASE_URL: envSchema.shape.INBOX_BASE_URL,
});

/** Names of the environment variables {@link loadCaptureConfig} reads (all also in {@link CONFIG_VARIABLES}). */
export const CAPTURE_CONFIG_VARIABLES: readonly string[] = Object.keys(captureEnvSchema.shape);

/**
 * Settings of the symptom workers (`fulfillment/transcription/`): where recordings and
 * transcripts live and how they are encrypted. The transcription side also reads {@link loadConfig}.
 */
const workerEnvSchema = z.object({
  SYMPTOM_NOTES_TABLE_NAME: envSchema.shape.SYMPTOM_NOTES_TABLE_NAME,
  SYMPTOM_NOTE_RETENTION_DAYS: envSchema.shape.SYMPTOM_NOTE_RETENTION_DAYS,
  CAPTURE_QUEUE_URL: captureEnvSchema.shape.CAPTURE_QUEUE_URL,
  RECORDINGS_BUCKET_NAME: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .optional(),
  RECORDINGS_KMS_KEY_ARN: z
    .string()
    .trim()
    .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]{1,256}$/, 'must be a KMS key or alias ARN')
    .optional(),
  // Transcribe's OutputKey allows [a-zA-Z0-9-_.!*'()/]; the prefix is the key up to the job name.
  TRANSCRIPTS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9!_.*'()/-]{0,200}$/, "must be an S3 key prefix of letters, digits and -_.!*'()/")
    .default('transcripts/'),
});

/** Names of the environment variables {@link loadWorkerConfig} reads (all also in {@link CONFIG_VARIABLES}). */
export const WORKER_CONFIG_VARIABLES: readonly string[] = Object.keys(workerEnvSchema.shape);

/**
 * Variables that say where the settings come from in AWS rather than being settings: read by
 * `configSource.ts` (SSM parameters and the session key secret, through the Parameters and Secrets
 * extension) and by the JWKS function (`readJwksEnv`). Lambda's own variables (`AWS_SESSION_TOKEN`,
 * `AWS_LAMBDA_FUNCTION_NAME`) are not listed: the runtime sets them.
 */
export const SOURCE_VARIABLES = [
  'CONFIG_PARAMETER_PATH',
  'CONFIG_PARAMETER_NAMES',
  'SESSION_KEY_SECRET_ARN',
  'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT',
  'NEXT_SIGNING_KMS_KEY_ID',
] as const;

/** Names of every environment variable the code reads; the README's configuration table lists the same. */
export const CONFIG_VARIABLES: readonly string[] = [
  ...new Set([
    ...Object.keys(envSchema.shape),
    ...CAPTURE_CONFIG_VARIABLES,
    ...WORKER_CONFIG_VARIABLES,
    ...INBOX_CONFIG_VARIABLES,
    ...SOURCE_VARIABLES,
  ]),
];

/** Settings of the symptom workers. Unset values select local stand-ins (local mode and tests only). */
export interface WorkerConfig {
  /** DynamoDB table of symptom notes and capture jobs. */
  readonly notesTable: string | undefined;
  /** Days a note stays in the notes table (TTL). */
  readonly noteRetentionDays: number;
  /** SQS capture queue: the recording worker re-enqueues its transcription checks on it. */
  readonly queueUrl: string | undefined;
  /** S3 bucket of the recordings (WAV) and the transcripts. */
  readonly recordingsBucket: string | undefined;
  /** KMS key (ARN) of recordings and transcripts (SSE-KMS; Transcribe's `OutputEncryptionKMSKeyId`). */
  readonly recordingsKmsKeyArn: string | undefined;
  /** Key prefix of transcript files in the recordings bucket. */
  readonly transcriptsPrefix: string;
}

/**
 * Reads and validates the symptom workers' settings, once at cold start. In AWS Lambda the table and
 * the bucket are required: without them a message could not be recorded or found.
 *
 * @throws {ConfigError} naming every offending variable, never its value
 * @example
 * const { recordingsBucket, recordingsKmsKeyArn, transcriptsPrefix } = loadWorkerConfig();
 */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = workerEnvSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  if (env.AWS_LAMBDA_FUNCTION_NAME) {
    // What every worker needs; the recording side's extra needs are checked by the workers (awsWorkerConfig).
    for (const name of ['SYMPTOM_NOTES_TABLE_NAME', 'RECORDINGS_BUCKET_NAME'] as const) {
      if (!env[name]?.trim()) problems.push(`${name} is required in AWS Lambda`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  const e = parsed.data;
  return {
    notesTable: e.SYMPTOM_NOTES_TABLE_NAME,
    noteRetentionDays: e.SYMPTOM_NOTE_RETENTION_DAYS,
    queueUrl: e.CAPTURE_QUEUE_URL,
    recordingsBucket: e.RECORDINGS_BUCKET_NAME,
    recordingsKmsKeyArn: e.RECORDINGS_KMS_KEY_ARN,
    transcriptsPrefix: e.TRANSCRIPTS_PREFIX,
  };
}

/** Settings of the recording-control function. Unset values select the in-memory stand-ins (local mode only). */
export interface CaptureConfig {
  /** DynamoDB table the capture jobs are kept in (the symptom notes table, items `capture#<contactId>`). */
  readonly notesTable: string | undefined;
  /** SQS queue a closed capture job is handed to the symptom pipeline on. */
  readonly queueUrl: string | undefined;
  /** The one Connect instance whose flow invocations and contact events are accepted. */
  readonly connectInstanceArn: string | undefined;
  /**
   * What the names of the instance's Kinesis video streams begin with (`<prefix>-connect-<alias>-contact-`):
   * with the instance's account and region, the only streams a flow may name as the caller's audio.
   */
  readonly kvsStreamNamePrefix: string | undefined;
  /** The live-transcriber function a start invokes (name or ARN); unset: no live transcription. */
  readonly liveTranscriberFunction: string | undefined;
  /** Where the live triage at `#` pages the care team for an urgent message; unset values turn the triage off. */
  readonly triage: {
    /** The care-team SNS topic (`SYMPTOM_NOTIFY_TOPIC_ARN`). */
    readonly notifyTopicArn: string | undefined;
    /** The `care-team-task` flow the urgent task runs (`CONNECT_TASK_FLOW_ARN`). */
    readonly taskFlowArn: string | undefined;
    /** Public origin of the care-team inbox (`INBOX_BASE_URL`): the page's link. @default no link */
    readonly inboxBaseUrl: string | undefined;
  };
}

/**
 * Reads and validates the recording-control function's settings, once at cold start. In AWS Lambda all four
 * are required: an in-memory job store or queue would lose messages with every container, and
 * without the instance and its stream name prefix any stream ARN a flow sends would be stored. A
 * reader of capture jobs (the symptom worker, `use: 'read'`) needs only the table.
 *
 * @param use `capture` (default) for the recording-control function, `read` for a reader of its jobs
 * @throws {ConfigError} naming every offending variable, never its value
 * @example
 * const { notesTable, queueUrl, connectInstanceArn, kvsStreamNamePrefix } = loadCaptureConfig();
 */
export function loadCaptureConfig(env: NodeJS.ProcessEnv = process.env, use: 'capture' | 'read' = 'capture'): CaptureConfig {
  const parsed = captureEnvSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  if (env.AWS_LAMBDA_FUNCTION_NAME) {
    const required =
      use === 'read'
        ? (['SYMPTOM_NOTES_TABLE_NAME'] as const)
        : (['SYMPTOM_NOTES_TABLE_NAME', 'CAPTURE_QUEUE_URL', 'CONNECT_INSTANCE_ARN', 'KVS_STREAM_NAME_PREFIX'] as const);
    for (const name of required) {
      if (!env[name]?.trim()) problems.push(`${name} is required in AWS Lambda`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return {
    notesTable: parsed.data.SYMPTOM_NOTES_TABLE_NAME,
    queueUrl: parsed.data.CAPTURE_QUEUE_URL,
    connectInstanceArn: parsed.data.CONNECT_INSTANCE_ARN,
    kvsStreamNamePrefix: parsed.data.KVS_STREAM_NAME_PREFIX,
    liveTranscriberFunction: parsed.data.LIVE_TRANSCRIBER_FUNCTION,
    triage: { notifyTopicArn: parsed.data.SYMPTOM_NOTIFY_TOPIC_ARN, taskFlowArn: parsed.data.CONNECT_TASK_FLOW_ARN, inboxBaseUrl: parsed.data.INBOX_BASE_URL },
  };
}

/**
 * Reads and validates the configuration. Fails fast with one message naming every bad variable
 * (never its value: some are secrets or paths an admin would rather not see in logs).
 *
 * @example
 * const config = loadConfig(); // at cold start, once
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  if ([env.SIGNING_KMS_KEY_ID, env.SIGNING_PRIVATE_KEY_PEM_FILE].filter((value) => value?.trim()).length !== 1) {
    problems.push('SIGNING_KMS_KEY_ID set exactly one of SIGNING_KMS_KEY_ID (AWS) or SIGNING_PRIVATE_KEY_PEM_FILE (local key)');
  }
  // In Lambda the local stand-ins would lose lockouts and audit events with every container.
  if (env.AWS_LAMBDA_FUNCTION_NAME) {
    for (const name of ['LOCKOUT_TABLE_NAME', 'AUDIT_TABLE_NAME'] as const) {
      if (!env[name]) problems.push(`${name} is required in AWS Lambda`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  const e = parsed.data;
  return {
    epic: {
      clientId: e.EPIC_CLIENT_ID,
      tokenUrl: e.EPIC_TOKEN_URL,
      fhirBaseUrl: e.EPIC_FHIR_BASE_URL,
      fhirVersion: e.EPIC_FHIR_VERSION,
      scope: e.EPIC_SCOPE,
      patientSearch: e.EPIC_PATIENT_SEARCH,
      sexSearchParam: e.EPIC_SEX_SEARCH_PARAM ?? (e.EPIC_FHIR_VERSION === 'STU3' ? 'gender' : 'legal-sex'),
      httpTimeoutMs: e.EPIC_HTTP_TIMEOUT_MS,
      maxRetries: e.EPIC_MAX_RETRIES,
      tokenRefreshMarginSeconds: e.EPIC_TOKEN_REFRESH_MARGIN_SECONDS,
      assertionLifetimeSeconds: e.EPIC_ASSERTION_LIFETIME_SECONDS,
    },
    signing: e.SIGNING_KMS_KEY_ID
      ? { kind: 'kms', kmsKeyId: e.SIGNING_KMS_KEY_ID }
      : { kind: 'pem', pemFile: e.SIGNING_PRIVATE_KEY_PEM_FILE as string },
    phoneDefaultRegion: e.PHONE_DEFAULT_REGION,
    session: { key: parseSessionKey(e.SESSION_KEY) },
    storage: { lockoutTable: e.LOCKOUT_TABLE_NAME, auditTable: e.AUDIT_TABLE_NAME, auditFile: e.AUDIT_LOG_FILE },
    symptoms: {
      icd10MinScore: e.SYMPTOM_ICD10_MIN_SCORE,
      notesTable: e.SYMPTOM_NOTES_TABLE_NAME,
      noteRetentionDays: e.SYMPTOM_NOTE_RETENTION_DAYS,
      notifyTopicArn: e.SYMPTOM_NOTIFY_TOPIC_ARN,
      inboxBaseUrl: e.INBOX_BASE_URL,
      authorDisplay: e.SYMPTOM_NOTE_AUTHOR,
      encounterStrategy: e.SYMPTOM_ENCOUNTER_STRATEGY,
      encounterRequired: e.SYMPTOM_ENCOUNTER_REQUIRED === 'true',
      noteLoinc: e.SYMPTOM_NOTE_LOINC,
      taskFlowArn: e.CONNECT_TASK_FLOW_ARN,
    },
    refills: { queueUrl: e.REFILL_QUEUE_URL, noteLoinc: e.REFILL_NOTE_LOINC },
    sms: { originationIdentity: e.SMS_ORIGINATION_IDENTITY, configurationSet: e.SMS_CONFIGURATION_SET },
    clinic: { timeZone: e.CLINIC_TIME_ZONE, streetAddress: e.CLINIC_STREET_ADDRESS, name: e.CLINIC_NAME },
  };
}

/**
 * Key ids the JWKS endpoint publishes: the current signing key, then the next one during a rotation
 * (`NEXT_SIGNING_KMS_KEY_ID`).
 */
export function readJwksEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const current = env.SIGNING_KMS_KEY_ID?.trim();
  if (!current) throw new ConfigError('Invalid configuration: SIGNING_KMS_KEY_ID is required');
  const next = env.NEXT_SIGNING_KMS_KEY_ID?.trim();
  return next ? [current, next] : [current];
}
