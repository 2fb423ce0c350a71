import { z } from 'zod';
import { parseSessionKey } from './session/sessionToken';

/** Every setting of the fulfillment code, read once from the environment and validated. */
export interface Config {
  readonly epic: {
    readonly clientId: string;
    readonly tokenUrl: string;
    readonly fhirBaseUrl: string;
    readonly fhirVersion: 'R4' | 'STU3';
    readonly scope: string | undefined;
    readonly patientSearch: 'telecom' | 'name';
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
    /** `DocumentReference.author.display` of the filed notes. */
    readonly authorDisplay: string;
  };
}

/** The configuration is missing or invalid; the message names every offending variable. */
export class ConfigError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

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
    EPIC_PATIENT_SEARCH: z.enum(['telecom', 'name']).default('telecom'),
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
    SYMPTOM_NOTE_AUTHOR: z.string().trim().min(1).max(200).default('Clinic phone line (automated)'),
    PHONE_DEFAULT_REGION: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 region such as US')
      .default('US'),
  });

/** Names of every environment variable {@link loadConfig} reads; the README's table lists the same. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

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
      authorDisplay: e.SYMPTOM_NOTE_AUTHOR,
    },
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
