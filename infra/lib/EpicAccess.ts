import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { PatientSearchStrategy } from '../../bots';
import type { NodeFunction } from './NodeFunction';
import type { SessionKey } from './SessionKey';

/** How the fulfillment code reaches Epic; each becomes an SSM parameter named like its variable. */
export interface EpicSettings {
  /** Client id of the Backend Systems app registered with Epic (`EPIC_CLIENT_ID`). */
  readonly clientId: string;
  /** Epic's OAuth 2.0 token endpoint (`EPIC_TOKEN_URL`). */
  readonly tokenUrl: string;
  /** FHIR base URL (`EPIC_FHIR_BASE_URL`). */
  readonly fhirBaseUrl: string;
  /** FHIR version of the server (`EPIC_FHIR_VERSION`). */
  readonly fhirVersion: 'R4' | 'STU3';
  /** How callers are found in Epic (`EPIC_PATIENT_SEARCH`); the PatientAuth bot must match it. */
  readonly patientSearch: PatientSearchStrategy;
}

/** Props of {@link EpicAccess}. */
export interface EpicAccessProps {
  /** Epic connection settings, stored as SSM parameters under `parameterPath`. */
  readonly settings: EpicSettings;
  /** The RSA key that signs Epic client assertions; a granted function may sign with it and read its public key. */
  readonly signingKey: kms.IKey;
  /** The session key, which the code loads with the Epic settings (configSource.ts reads both at cold start). */
  readonly sessionKey: SessionKey;
  /** SSM path prefix of the settings, with leading and trailing `/`. @default '/clinic-ivr/' */
  readonly parameterPath?: string;
}

/**
 * What a function needs to reach Epic as the registered client: the Epic settings as SSM parameters
 * under `parameterPath` (one per variable, read by name through the Parameters and Secrets extension
 * layer), the signing key, and the session-key secret loaded with them. A function that reaches Epic
 * gets {@link EpicAccess.environment} in its environment and {@link EpicAccess.grantTo} on its policy.
 *
 * @example
 * const epicAccess = new EpicAccess(this, 'EpicAccess', { settings, signingKey, sessionKey });
 * const worker = new NodeFunction(this, 'Worker', { entry, description, encryptionKey, environment: { ...epicAccess.environment } });
 * epicAccess.grantTo(worker);
 */
export class EpicAccess extends Construct {
  /** The Epic settings parameters, by variable name. */
  public readonly parameters: Readonly<Record<string, ssm.StringParameter>>;
  /**
   * The environment any function that reaches Epic as this client needs (`CONFIG_PARAMETER_PATH`,
   * `CONFIG_PARAMETER_NAMES`, `SESSION_KEY_SECRET_ARN`, `SIGNING_KMS_KEY_ID`, the settings fingerprint);
   * pair it with {@link EpicAccess.grantTo}.
   */
  public readonly environment: Readonly<Record<string, string>>;
  /** SSM path of the Epic settings. */
  public readonly parameterPath: string;
  /** Value of each Epic setting, by the variable name the code reads it as. */
  private readonly parameterValues: Readonly<Record<string, string>>;
  /** The key Epic client assertions are signed with. */
  private readonly signingKey: kms.IKey;
  /** The session key loaded with the settings. */
  private readonly sessionKey: SessionKey;

  public constructor(scope: Construct, id: string, props: EpicAccessProps) {
    super(scope, id);
    const parameterPath = props.parameterPath ?? '/clinic-ivr/';
    if (!/^\/[\w.\-/]+\/$/.test(parameterPath)) {
      throw new Error(`EpicAccess: parameterPath must start and end with "/", e.g. /clinic-ivr/; got ${parameterPath}`);
    }
    this.parameterPath = parameterPath;
    this.signingKey = props.signingKey;
    this.sessionKey = props.sessionKey;
    this.parameterValues = {
      EPIC_CLIENT_ID: props.settings.clientId,
      EPIC_TOKEN_URL: props.settings.tokenUrl,
      EPIC_FHIR_BASE_URL: props.settings.fhirBaseUrl,
      EPIC_FHIR_VERSION: props.settings.fhirVersion,
      EPIC_PATIENT_SEARCH: props.settings.patientSearch,
    };
    this.parameters = this.createParameters(parameterPath, this.parameterValues);
    this.environment = {
      CONFIG_PARAMETER_PATH: parameterPath,
      // The extension reads one parameter per request (it has no get-by-path): the code asks for these.
      CONFIG_PARAMETER_NAMES: Object.keys(this.parameterValues).join(','),
      SESSION_KEY_SECRET_ARN: props.sessionKey.secretArn,
      SIGNING_KMS_KEY_ID: props.signingKey.keyArn,
      // The code reads the SSM settings once per container. A fingerprint of them in the
      // environment makes a settings change update the function, so Lambda starts new containers
      // instead of warm ones keeping the old values. The code itself ignores this variable.
      EPIC_SETTINGS_FINGERPRINT: fingerprint(this.parameterValues),
    };
  }

  /**
   * Lets `fn` reach Epic as this client, each on its exact resource: sign with the signing key
   * (RS384 only) and read its public key, read the Epic settings, read the session-key secret.
   * The data key (`kms:Decrypt` of the secret through Secrets Manager) is `fn`'s own statement,
   * shared with the other services it uses the key through.
   */
  public grantTo(fn: NodeFunction): void {
    const { account, region, partition } = Stack.of(this);
    const parameterArn = (name: string): string => `arn:${partition}:ssm:${region}:${account}:parameter${this.parameterPath}${name}`;
    fn.addToPolicy(
      new iam.PolicyStatement({
        sid: 'SignEpicAssertions',
        actions: ['kms:Sign'],
        resources: [this.signingKey.keyArn],
        // The code signs RS384 only (RSASSA_PKCS1_V1_5_SHA_384); no other algorithm is allowed.
        conditions: { StringEquals: { 'kms:SigningAlgorithm': 'RSASSA_PKCS1_V1_5_SHA_384' } },
      }),
    );
    fn.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSigningPublicKey',
        actions: ['kms:GetPublicKey'],
        resources: [this.signingKey.keyArn],
      }),
    );
    fn.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadEpicSettings',
        // The Parameters and Secrets extension calls GetParameter once per name the code asks for
        // (CONFIG_PARAMETER_NAMES): exactly these parameters, no path and no wildcard.
        actions: ['ssm:GetParameter'],
        resources: Object.keys(this.parameterValues).map(parameterArn),
      }),
    );
    this.sessionKey.grantRead(fn);
  }

  /** One SSM parameter per Epic setting, named exactly like the variable the code reads. */
  private createParameters(path: string, values: Readonly<Record<string, string>>): Record<string, ssm.StringParameter> {
    return Object.fromEntries(
      Object.entries(values).map(([name, value]) => [
        name,
        new ssm.StringParameter(this, name, {
          parameterName: `${path}${name}`,
          stringValue: value,
          description: `Clinic IVR fulfillment setting ${name} (read at cold start)`,
        }),
      ]),
    );
  }
}

/** Short, stable digest of the settings (names and values). */
function fingerprint(values: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(JSON.stringify(Object.entries(values).sort())).digest('hex').slice(0, 16);
}
