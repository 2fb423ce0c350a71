import type { Environment } from 'aws-cdk-lib';
import { isTimeZone } from '../../fulfillment/runtime/inboxConfig';
import type { Node } from 'constructs';
import { CONTACT_LANGUAGES, DEFAULT_PATIENT_SEARCH_STRATEGY, PATIENT_SEARCH_STRATEGIES, type ContactLanguage, type PatientSearchStrategy } from '../../contract';
import type { EpicSettings } from './EpicAccess';
import { DEFAULT_SIGNING_KEY_ALIAS } from './SigningKey';

/**
 * Default hours Kinesis Video Streams keeps callers' audio: 14 days, as long as the capture
 * dead-letter queue keeps a failed recording's message, so a redrive still finds the audio.
 */
export const MEDIA_STREAMS_RETENTION_HOURS = 336;

/** Everything a deployment is configured with, read from CDK context and validated. */
export interface DeploymentSettings {
  /** Account and region of the stack: those of the Amazon Connect instance. */
  readonly env: Required<Pick<Environment, 'account' | 'region'>>;
  /** ARN of the existing Amazon Connect instance. */
  readonly connectInstanceArn: string;
  /** ARN of the queue the flow transfers callers to when they ask for a person. */
  readonly transferQueueArn: string;
  /** ARN of the queue the flow transfers callers to who want to cancel or reschedule an appointment. */
  readonly schedulingQueueArn: string;
  /** ARN of the queue of the care team's routine tasks (one per message a caller leaves). */
  readonly careTeamQueueArn: string;
  /** ARN of the queue of the care team's urgent tasks (a red flag, an urgent message); the flow also transfers urgent callers to it. */
  readonly urgentQueueArn: string;
  /** E.164 number the flow transfers an urgent caller to when the urgent queue is closed or full; `undefined`: none. */
  readonly afterHoursNurseNumber: string | undefined;
  /** The language a call to the line starts in (`en-US`: English, offering Spanish; `es-US`: Spanish, offering English). */
  readonly defaultLanguage: ContactLanguage;
  /** How the fulfillment code reaches Epic. */
  readonly epic: EpicSettings;
  /** Alias (without `alias/`) of the key the fulfillment function signs with. */
  readonly signingKeyAlias: string;
  /** During a key rotation, alias of the other key the JWKS publishes. */
  readonly nextSigningKeyAlias: string | undefined;
  /** Reserved concurrency of the fulfillment function. */
  readonly fulfillmentReservedConcurrency: number;
  /** True when the Connect instance is the example from cdk.json: fine to synthesize, not to deploy. */
  readonly isExample: boolean;
}

/** The CDK context is missing a value or has a bad one; the message names each key with an example. */
export class DeploymentContextError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'DeploymentContextError';
  }
}

/** Account of the example values in cdk.json (AWS's documentation account): synthesizes offline, never deploys. */
export const EXAMPLE_ACCOUNT = '111122223333';

/** The context keys, each with what it is and an example value for the error messages. */
export const CONTEXT_KEYS = {
  connectInstanceArn: {
    what: 'the ARN of your Amazon Connect instance',
    example: `arn:aws:connect:us-east-1:${EXAMPLE_ACCOUNT}:instance/00000000-0000-4000-8000-000000000000`,
  },
  transferQueueArn: {
    what: 'the ARN of the Connect queue callers are transferred to',
    example: `arn:aws:connect:us-east-1:${EXAMPLE_ACCOUNT}:instance/00000000-0000-4000-8000-000000000000/queue/11111111-1111-4111-8111-111111111111`,
  },
  schedulingQueueArn: {
    what: 'the ARN of the Connect queue of the scheduling team, for callers who want to cancel or reschedule an appointment (default: transferQueueArn)',
    example: `arn:aws:connect:us-east-1:${EXAMPLE_ACCOUNT}:instance/00000000-0000-4000-8000-000000000000/queue/66666666-6666-4666-8666-666666666666`,
  },
  careTeamQueueArn: {
    what: "the ARN of the Connect queue of the care team's routine tasks (Routing → Queues → the queue → Show additional queue information)",
    example: `arn:aws:connect:us-east-1:${EXAMPLE_ACCOUNT}:instance/00000000-0000-4000-8000-000000000000/queue/44444444-4444-4444-8444-444444444444`,
  },
  urgentQueueArn: {
    what: "the ARN of the Connect queue of the care team's urgent tasks (may be the same queue as careTeamQueueArn)",
    example: `arn:aws:connect:us-east-1:${EXAMPLE_ACCOUNT}:instance/00000000-0000-4000-8000-000000000000/queue/55555555-5555-4555-8555-555555555555`,
  },
  afterHoursNurseNumber: {
    what: 'optional: the E.164 number of an after-hours nurse line urgent callers are transferred to when the urgent queue is closed or full (without it they hear the 911 advice again and the call ends)',
    example: '+16085550199',
  },
  defaultLanguage: {
    what: `optional: the language a call starts in, ${Object.values(CONTACT_LANGUAGES).join(' or ')} (default ${CONTACT_LANGUAGES.en_US}; es-US greets in Spanish and offers English)`,
    example: CONTACT_LANGUAGES.es_US,
  },
  epicClientId: { what: 'the client id Epic gave your Backend Systems app', example: 'your-epic-client-id' },
  epicTokenUrl: {
    what: "Epic's OAuth 2.0 token endpoint (https)",
    example: 'https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token',
  },
  epicFhirBaseUrl: { what: 'the FHIR base URL (https)', example: 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4' },
  epicFhirVersion: { what: 'R4 or STU3 (default R4)', example: 'R4' },
  epicPatientSearch: { what: `name or telecom (default ${DEFAULT_PATIENT_SEARCH_STRATEGY}; telecom needs an Epic that relaxed its Patient search rules)`, example: 'name' },
  signingKeyAlias: { what: `alias of the signing key, without alias/ (default ${DEFAULT_SIGNING_KEY_ALIAS})`, example: 'clinic-ivr/epic-signing-2' },
  nextSigningKeyAlias: { what: 'during a key rotation, alias of the other key to publish', example: 'clinic-ivr/epic-signing-2' },
  fulfillmentReservedConcurrency: { what: 'reserved concurrency of the fulfillment function (default 25)', example: '25' },
} as const;

type ContextKey = keyof typeof CONTEXT_KEYS;

const INSTANCE_ARN = /^arn:(aws[a-z-]*):connect:([a-z0-9-]+):(\d{12}):instance\/([0-9a-f-]{36})$/;
const QUEUE_ARN = /^(arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]{36})\/queue\/[0-9a-f-]{36}$/;
const KMS_ALIAS = /^(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/;
/** E.164 (ITU-T): a plus, a non-zero digit, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * Reads and validates the deployment settings from the CDK context (`-c key=value` or `cdk.json`).
 * Fails with one {@link DeploymentContextError} naming every missing or bad key, what it is, and an
 * example. The stack's account and region are those of `connectInstanceArn`: Lex bots and contact
 * flows must live in the instance's account and region.
 *
 * @example
 * const settings = readDeploymentContext(app.node);
 */
export function readDeploymentContext(node: Node): DeploymentSettings {
  const problems: string[] = [];
  const report = (key: ContextKey, message: string): void => {
    const { what, example } = CONTEXT_KEYS[key];
    problems.push(`"${key}" ${message}: ${what}. Example: -c ${key}=${example} (or set it under "context" in cdk.json).`);
  };
  // -c values arrive as strings; cdk.json values may be numbers.
  const raw = (key: ContextKey): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    return value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim();
  };
  /** The value of `key` (or `fallback`) if `valid`; otherwise a recorded problem and ''. */
  const read = (key: ContextKey, valid: (value: string) => boolean, fallback?: string): string => {
    const value = raw(key) ?? fallback;
    if (value === undefined) report(key, 'is missing');
    else if (!valid(value)) report(key, `is not valid ("${value}")`);
    else return value;
    return '';
  };
  const oneOf = <T extends string>(key: ContextKey, allowed: readonly T[], fallback: T): T => {
    const value = read(key, (candidate) => allowed.some((option) => option === candidate), fallback);
    return allowed.find((option) => option === value) ?? fallback;
  };
  const https = (value: string): boolean => URL.canParse(value) && new URL(value).protocol === 'https:';

  const connectInstanceArn = read('connectInstanceArn', (value) => INSTANCE_ARN.test(value));
  const [, , region = '', account = ''] = INSTANCE_ARN.exec(connectInstanceArn) ?? [];
  /** A queue of the instance: its ARN, checked to belong to `connectInstanceArn`. */
  const queueOfInstance = (key: 'transferQueueArn' | 'schedulingQueueArn' | 'careTeamQueueArn' | 'urgentQueueArn', fallback?: string): string => {
    const queue = read(key, (value) => QUEUE_ARN.test(value), fallback);
    if (connectInstanceArn !== '' && queue !== '' && QUEUE_ARN.exec(queue)?.[1] !== connectInstanceArn) report(key, 'is a queue of another instance than connectInstanceArn');
    return queue;
  };
  const transferQueueArn = queueOfInstance('transferQueueArn');
  // Defaulted, so a deployment from before appointments keeps working: changes go to the front desk.
  const schedulingQueueArn = raw('schedulingQueueArn') === undefined ? transferQueueArn : queueOfInstance('schedulingQueueArn');
  const careTeamQueueArn = queueOfInstance('careTeamQueueArn');
  const urgentQueueArn = queueOfInstance('urgentQueueArn');
  const afterHours = raw('afterHoursNurseNumber');
  if (afterHours !== undefined && !E164.test(afterHours)) report('afterHoursNurseNumber', `is not an E.164 number ("${afterHours}")`);
  const clientId = read('epicClientId', () => true);
  if (account !== EXAMPLE_ACCOUNT && clientId === CONTEXT_KEYS.epicClientId.example) {
    report('epicClientId', 'is still the placeholder of cdk.json');
  }
  const signingKeyAlias = read('signingKeyAlias', (value) => KMS_ALIAS.test(value), DEFAULT_SIGNING_KEY_ALIAS);
  const settings: DeploymentSettings = {
    env: { account, region },
    connectInstanceArn,
    transferQueueArn,
    schedulingQueueArn,
    careTeamQueueArn,
    urgentQueueArn,
    afterHoursNurseNumber: afterHours !== undefined && E164.test(afterHours) ? afterHours : undefined,
    defaultLanguage: oneOf<ContactLanguage>('defaultLanguage', Object.values(CONTACT_LANGUAGES), CONTACT_LANGUAGES.en_US),
    epic: {
      clientId,
      tokenUrl: read('epicTokenUrl', https),
      fhirBaseUrl: read('epicFhirBaseUrl', https),
      fhirVersion: oneOf('epicFhirVersion', ['R4', 'STU3'], 'R4'),
      patientSearch: oneOf<PatientSearchStrategy>('epicPatientSearch', PATIENT_SEARCH_STRATEGIES, DEFAULT_PATIENT_SEARCH_STRATEGY),
    },
    signingKeyAlias,
    nextSigningKeyAlias:
      raw('nextSigningKeyAlias') === undefined
        ? undefined
        : read('nextSigningKeyAlias', (value) => KMS_ALIAS.test(value) && value !== signingKeyAlias),
    fulfillmentReservedConcurrency: Number(read('fulfillmentReservedConcurrency', (value) => /^[1-9]\d{0,3}$/.test(value), '25')),
    isExample: account === EXAMPLE_ACCOUNT,
  };
  if (problems.length > 0) throw new DeploymentContextError(`Invalid CDK context:\n- ${problems.join('\n- ')}`);
  return settings;
}

/**
 * Default reserved concurrency of the live transcriber: 20 messages recorded at once, within the
 * default of 25 concurrent Transcribe streaming streams per account and region ("Guidelines and
 * quotas", Amazon Transcribe developer guide) — whether medical streaming has a quota of its own
 * could not be confirmed; check Service Quotas in the account.
 */
export const LIVE_TRANSCRIBER_CONCURRENCY = 20;

/** How the symptom pipeline is configured: recordings, the care team, the instance's media streams. */
export interface SymptomPipelineSettings {
  /** Days after which recordings and transcripts are deleted from the recordings bucket. */
  readonly recordingRetentionDays: number;
  /** E-mail address subscribed to the care-team topic, if any. */
  readonly careTeamEmail: string | undefined;
  /** Alias of the Connect instance: part of the names of the Kinesis video streams Connect creates. */
  readonly connectInstanceAlias: string;
  /** Prefix of the instance's Kinesis video streams (live media streaming). */
  readonly mediaStreamsPrefix: string;
  /**
   * KMS key of the media streams when live media streaming is already enabled on the instance;
   * undefined means the stack enables it (`AWS::Connect::InstanceStorageConfig`, data key).
   */
  readonly mediaStreamsKmsKeyArn: string | undefined;
  /** Hours Kinesis Video Streams keeps the audio, when the stack enables live media streaming. */
  readonly mediaStreamsRetentionHours: number;
  /** How a note's `context.encounter` is chosen (`SYMPTOM_ENCOUNTER_STRATEGY`). */
  readonly symptomEncounterStrategy: 'none' | 'sameDay';
  /** Epic refuses a DocumentReference without an encounter (`SYMPTOM_ENCOUNTER_REQUIRED`). */
  readonly symptomEncounterRequired: boolean;
  /** LOINC type of the filed note (`SYMPTOM_NOTE_LOINC`); undefined keeps the function's default. */
  readonly symptomNoteLoinc: string | undefined;
  /** Reserved concurrency of the live transcriber: concurrent messages transcribed while the caller speaks. */
  readonly liveTranscriberConcurrency: number;
  /** LOINC type of a filed refill request (`REFILL_NOTE_LOINC`); undefined keeps the function's default. */
  readonly refillNoteLoinc: string | undefined;
}

/** The symptom pipeline's context keys, each with what it is and an example value. */
export const SYMPTOM_CONTEXT_KEYS = {
  recordingRetentionDays: { what: 'days recordings and transcripts are kept, 1 to 3650 (default 90)', example: '90' },
  careTeamEmail: { what: 'optional e-mail address subscribed to the care-team notifications', example: 'care-team@clinic.example' },
  connectInstanceAlias: { what: 'the alias of your Amazon Connect instance (its name in the Connect console)', example: 'my-clinic' },
  mediaStreamsPrefix: {
    what: 'prefix of the Kinesis video streams of the instance (live media streaming; default clinic-ivr)',
    example: 'clinic-ivr',
  },
  mediaStreamsKmsKeyArn: {
    what: 'if live media streaming is already enabled on the instance, the ARN of its KMS key (then the stack does not enable it)',
    example: `arn:aws:kms:us-east-1:${EXAMPLE_ACCOUNT}:key/22222222-2222-4222-8222-222222222222`,
  },
  mediaStreamsRetentionHours: { what: `hours the media streams keep audio when the stack enables them, 1 to 87600 (default ${MEDIA_STREAMS_RETENTION_HOURS})`, example: '336' },
  symptomEncounterStrategy: { what: 'how a symptom note\'s encounter is chosen: none or sameDay (default sameDay)', example: 'sameDay' },
  symptomEncounterRequired: { what: 'false when your Epic accepts a DocumentReference without an encounter (default true: a stock Epic refuses one)', example: 'true' },
  symptomNoteLoinc: { what: 'the LOINC note type your Epic organization maps for these notes (default 34109-9)', example: '11506-3' },
  liveTranscriberConcurrency: {
    what: `messages transcribed live at once (reserved concurrency of the live transcriber), 1 to 1000, at most your Transcribe streaming quota (default ${LIVE_TRANSCRIBER_CONCURRENCY})`,
    example: '20',
  },
  refillNoteLoinc: { what: 'the LOINC note type your Epic organization maps for refill requests (default 34109-9)', example: '34109-9' },
} as const;

const INSTANCE_ALIAS = /^(?!d-)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,60}[a-zA-Z0-9])?$/;
const STREAM_PREFIX = /^[a-zA-Z0-9_.-]{1,32}$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/[0-9a-f-]{36}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The shape `SYMPTOM_NOTE_LOINC` accepts (`fulfillment/runtime/config.ts`). */
const LOINC = /^\d{1,7}-\d$/;

/**
 * Reads and validates the symptom pipeline's settings from the CDK context, like
 * {@link readDeploymentContext}: one {@link DeploymentContextError} names every bad key.
 *
 * @example
 * const symptoms = readSymptomPipelineContext(app.node);
 */
export function readSymptomPipelineContext(node: Node): SymptomPipelineSettings {
  const problems: string[] = [];
  type Key = keyof typeof SYMPTOM_CONTEXT_KEYS;
  const report = (key: Key, message: string): void => {
    const { what, example } = SYMPTOM_CONTEXT_KEYS[key];
    problems.push(`"${key}" ${message}: ${what}. Example: -c ${key}=${example} (or set it under "context" in cdk.json).`);
  };
  const raw = (key: Key): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    return value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim();
  };
  const read = (key: Key, valid: (value: string) => boolean, fallback?: string): string => {
    const value = raw(key) ?? fallback;
    if (value === undefined) report(key, 'is missing');
    else if (!valid(value)) report(key, `is not valid ("${value}")`);
    else return value;
    return '';
  };
  const integer = (key: Key, min: number, max: number, fallback: number): number => {
    const value = read(key, (text) => /^\d{1,6}$/.test(text) && Number(text) >= min && Number(text) <= max, String(fallback));
    return value === '' ? fallback : Number(value);
  };

  const instanceRegion = /^arn:aws[a-z-]*:connect:([a-z0-9-]+):(\d{12}):instance\//.exec(String(node.tryGetContext('connectInstanceArn') ?? ''));
  const mediaStreamsKmsKeyArn = raw('mediaStreamsKmsKeyArn') === undefined ? undefined : read('mediaStreamsKmsKeyArn', (value) => KMS_KEY_ARN.test(value));
  const keyMatch = KMS_KEY_ARN.exec(mediaStreamsKmsKeyArn ?? '');
  if (keyMatch !== null && instanceRegion !== null && (keyMatch[1] !== instanceRegion[1] || keyMatch[2] !== instanceRegion[2])) {
    report('mediaStreamsKmsKeyArn', "is not in the account and region of connectInstanceArn (the media streams' key is)");
  }
  const settings: SymptomPipelineSettings = {
    recordingRetentionDays: integer('recordingRetentionDays', 1, 3650, 90),
    careTeamEmail: raw('careTeamEmail') === undefined ? undefined : read('careTeamEmail', (value) => EMAIL.test(value)),
    connectInstanceAlias: read('connectInstanceAlias', (value) => INSTANCE_ALIAS.test(value)),
    mediaStreamsPrefix: read('mediaStreamsPrefix', (value) => STREAM_PREFIX.test(value), 'clinic-ivr'),
    mediaStreamsKmsKeyArn: mediaStreamsKmsKeyArn === '' ? undefined : mediaStreamsKmsKeyArn,
    mediaStreamsRetentionHours: integer('mediaStreamsRetentionHours', 1, 87_600, MEDIA_STREAMS_RETENTION_HOURS),
    symptomEncounterStrategy: read('symptomEncounterStrategy', (value) => value === 'none' || value === 'sameDay', 'sameDay') === 'none' ? 'none' : 'sameDay',
    symptomEncounterRequired: read('symptomEncounterRequired', (value) => value === 'true' || value === 'false', 'true') === 'true',
    symptomNoteLoinc: raw('symptomNoteLoinc') === undefined ? undefined : read('symptomNoteLoinc', (value) => LOINC.test(value)),
    liveTranscriberConcurrency: integer('liveTranscriberConcurrency', 1, 1000, LIVE_TRANSCRIBER_CONCURRENCY),
    refillNoteLoinc: raw('refillNoteLoinc') === undefined ? undefined : read('refillNoteLoinc', (value) => LOINC.test(value)),
  };
  if (problems.length > 0) throw new DeploymentContextError(`Invalid CDK context:\n- ${problems.join('\n- ')}`);
  return settings;
}

/** How the care-team inbox is configured: its sign-in domain and the clinic's time zone. */
export interface InboxSettings {
  /**
   * Prefix of the Cognito hosted sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`.
   * Prefixes are unique across all AWS accounts of a region.
   */
  readonly domainPrefix: string;
  /** IANA time zone the inbox shows times in (`CLINIC_TIME_ZONE`). */
  readonly clinicTimeZone: string;
}

/** Time zone of the inbox when the context names none. */
export const DEFAULT_CLINIC_TIME_ZONE = 'America/Chicago';

/** The inbox's context keys, each with what it is and an example value. */
export const INBOX_CONTEXT_KEYS = {
  inboxDomainPrefix: {
    what:
      'prefix of the Cognito sign-in domain of the care-team inbox: lowercase letters, digits and hyphens, without ' +
      '"aws", "amazon" or "cognito", unique in the region (default clinic-ivr-<account>)',
    example: 'my-clinic-inbox',
  },
  clinicTimeZone: { what: `IANA time zone the inbox shows times in (default ${DEFAULT_CLINIC_TIME_ZONE})`, example: 'America/New_York' },
} as const;

// Cognito's pattern for a prefix domain (CreateUserPoolDomain, "Domain"); it also refuses these words in a prefix.
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_IN_PREFIX = /aws|amazon|cognito/;

/**
 * Reads and validates the inbox's settings from the CDK context, like {@link readDeploymentContext}:
 * one {@link DeploymentContextError} names every bad key. The domain prefix defaults to
 * `clinic-ivr-<account of connectInstanceArn>`, unique per account.
 *
 * @example
 * const inbox = readInboxContext(app.node);
 */
export function readInboxContext(node: Node): InboxSettings {
  const problems: string[] = [];
  type Key = keyof typeof INBOX_CONTEXT_KEYS;
  const raw = (key: Key): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    return value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim();
  };
  const check = (key: Key, value: string, valid: boolean): string => {
    if (valid) return value;
    const { what, example } = INBOX_CONTEXT_KEYS[key];
    problems.push(`"${key}" is not valid ("${value}"): ${what}. Example: -c ${key}=${example} (or set it under "context" in cdk.json).`);
    return '';
  };
  const account = INSTANCE_ARN.exec(String(node.tryGetContext('connectInstanceArn') ?? ''))?.[3] ?? 'account';
  const prefix = raw('inboxDomainPrefix') ?? `clinic-ivr-${account}`;
  const zone = raw('clinicTimeZone') ?? DEFAULT_CLINIC_TIME_ZONE;
  const settings: InboxSettings = {
    domainPrefix: check('inboxDomainPrefix', prefix, DOMAIN_PREFIX.test(prefix) && !RESERVED_IN_PREFIX.test(prefix)),
    clinicTimeZone: check('clinicTimeZone', zone, isTimeZone(zone)),
  };
  if (problems.length > 0) throw new DeploymentContextError(`Invalid CDK context:\n- ${problems.join('\n- ')}`);
  return settings;
}
