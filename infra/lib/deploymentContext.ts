import type { Environment } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import type { PatientSearchStrategy } from '../../bots';
import type { EpicSettings } from './Fulfillment';
import { DEFAULT_SIGNING_KEY_ALIAS } from './SigningKey';

/** Everything a deployment is configured with, read from CDK context and validated. */
export interface DeploymentSettings {
  /** Account and region of the stack: those of the Amazon Connect instance. */
  readonly env: Required<Pick<Environment, 'account' | 'region'>>;
  /** ARN of the existing Amazon Connect instance. */
  readonly connectInstanceArn: string;
  /** ARN of the queue the flow transfers callers to when they ask for a person. */
  readonly transferQueueArn: string;
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
  epicClientId: { what: 'the client id Epic gave your Backend Systems app', example: 'your-epic-client-id' },
  epicTokenUrl: {
    what: "Epic's OAuth 2.0 token endpoint (https)",
    example: 'https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token',
  },
  epicFhirBaseUrl: { what: 'the FHIR base URL (https)', example: 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4' },
  epicFhirVersion: { what: 'R4 or STU3 (default R4)', example: 'R4' },
  epicPatientSearch: { what: 'telecom or name (default telecom)', example: 'name' },
  signingKeyAlias: { what: `alias of the signing key, without alias/ (default ${DEFAULT_SIGNING_KEY_ALIAS})`, example: 'clinic-ivr/epic-signing-2' },
  nextSigningKeyAlias: { what: 'during a key rotation, alias of the other key to publish', example: 'clinic-ivr/epic-signing-2' },
  fulfillmentReservedConcurrency: { what: 'reserved concurrency of the fulfillment function (default 25)', example: '25' },
} as const;

type ContextKey = keyof typeof CONTEXT_KEYS;

const INSTANCE_ARN = /^arn:(aws[a-z-]*):connect:([a-z0-9-]+):(\d{12}):instance\/([0-9a-f-]{36})$/;
const QUEUE_ARN = /^(arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]{36})\/queue\/[0-9a-f-]{36}$/;
const KMS_ALIAS = /^(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/;

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
  const transferQueueArn = read('transferQueueArn', (value) => QUEUE_ARN.test(value));
  if (connectInstanceArn !== '' && transferQueueArn !== '' && QUEUE_ARN.exec(transferQueueArn)?.[1] !== connectInstanceArn) {
    report('transferQueueArn', 'is a queue of another instance than connectInstanceArn');
  }
  const clientId = read('epicClientId', () => true);
  if (account !== EXAMPLE_ACCOUNT && clientId === CONTEXT_KEYS.epicClientId.example) {
    report('epicClientId', 'is still the placeholder of cdk.json');
  }
  const signingKeyAlias = read('signingKeyAlias', (value) => KMS_ALIAS.test(value), DEFAULT_SIGNING_KEY_ALIAS);
  const settings: DeploymentSettings = {
    env: { account, region },
    connectInstanceArn,
    transferQueueArn,
    epic: {
      clientId,
      tokenUrl: read('epicTokenUrl', https),
      fhirBaseUrl: read('epicFhirBaseUrl', https),
      fhirVersion: oneOf('epicFhirVersion', ['R4', 'STU3'], 'R4'),
      patientSearch: oneOf<PatientSearchStrategy>('epicPatientSearch', ['telecom', 'name'], 'telecom'),
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
