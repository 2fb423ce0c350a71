import { createHash } from 'node:crypto';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { PatientSearchStrategy } from '../../bots';
import { NodeFunction } from './NodeFunction';

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

/** Props of {@link Fulfillment}. */
export interface FulfillmentProps {
  /** Epic connection settings, stored as SSM parameters under `parameterPath`. */
  readonly epic: EpicSettings;
  /** The RSA key that signs Epic client assertions; the function may sign with it and read its public key. */
  readonly signingKey: kms.IKey;
  /** Customer-managed key of the tables, the secret and the logs. */
  readonly encryptionKey: kms.IKey;
  /** Failed-verification counters (read, conditional write, delete). */
  readonly lockoutTable: dynamodb.ITable;
  /** Audit trail (conditional append only). */
  readonly auditTable: dynamodb.ITable;
  /** VPC the function runs in (private subnets; Epic through the NAT gateway). */
  readonly vpc: ec2.IVpc;
  /** Topic the alarms notify. */
  readonly alarmTopic: sns.ITopic;
  /** SSM path prefix of the settings, with leading and trailing `/`. @default '/clinic-ivr/' */
  readonly parameterPath?: string;
  /** `POWERTOOLS_LOG_LEVEL`; DEBUG logs more detail, still without PHI. @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Concurrent executions reserved for, and capping, the function: one per caller turn in flight.
   * The account needs this much unreserved concurrency (plus 10 Lambda keeps free). @default 25
   */
  readonly reservedConcurrentExecutions?: number;
  /** p99 turn duration above which the slow-turns alarm fires. @default Duration.seconds(5) */
  readonly p99DurationThreshold?: Duration;
}

/** Metric filter pattern of a failed Epic token request, as `fulfillment/epic/epicGateway.ts` logs it. */
export const EPIC_TOKEN_ERROR_PATTERN = '{ $.event = "epic.token" && $.outcome = "error" }';

/**
 * The fulfillment function: the one Lex V2 code hook of both bots (`fulfillment/functions/lex-code-hook/handler.ts`),
 * in the VPC's private subnets, with its configuration and exactly the permissions its code uses:
 *
 * - Epic settings as SSM parameters under `parameterPath`, read by name (`ssm:GetParameter` on each)
 *   through the Parameters and Secrets extension layer, like the session-key secret;
 * - the session key as a generated Secrets Manager secret, encrypted with the customer-managed key;
 * - `kms:Sign` (RS384 only) and `kms:GetPublicKey` on the signing key;
 * - `GetItem`/`PutItem`/`UpdateItem`/`DeleteItem` on the lockout table, `PutItem` on the audit table;
 * - the customer-managed key only through DynamoDB and Secrets Manager (`kms:ViaService`).
 *
 * Alarms (to `alarmTopic`): function errors, throttles, failed Epic token requests, slow turns (p99).
 */
export class Fulfillment extends Construct {
  /** The function. */
  public readonly function: NodeFunction;
  /** Secret the session-token key is derived from. */
  public readonly sessionKeySecret: secretsmanager.Secret;
  /** The Epic settings parameters, by variable name. */
  public readonly parameters: Readonly<Record<string, ssm.StringParameter>>;
  /** The alarms, by name. */
  public readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;
  /**
   * The environment any function that reaches Epic as this client needs (`CONFIG_PARAMETER_PATH`,
   * `CONFIG_PARAMETER_NAMES`, `SESSION_KEY_SECRET_ARN`, `SIGNING_KMS_KEY_ID`, the settings fingerprint); pair it with
   * {@link Fulfillment.epicClientStatements}.
   */
  public readonly epicClientEnvironment: Readonly<Record<string, string>>;
  /** Value of each Epic setting, by the variable name the code reads it as. */
  private readonly parameterValues: Readonly<Record<string, string>>;
  /** SSM path of the Epic settings. */
  private readonly parameterPath: string;
  /** The key Epic client assertions are signed with. */
  private readonly signingKey: kms.IKey;

  public constructor(scope: Construct, id: string, props: FulfillmentProps) {
    super(scope, id);
    const parameterPath = props.parameterPath ?? '/clinic-ivr/';
    if (!/^\/[\w.\-/]+\/$/.test(parameterPath)) {
      throw new Error(`Fulfillment: parameterPath must start and end with "/", e.g. /clinic-ivr/; got ${parameterPath}`);
    }

    this.parameterValues = {
      EPIC_CLIENT_ID: props.epic.clientId,
      EPIC_TOKEN_URL: props.epic.tokenUrl,
      EPIC_FHIR_BASE_URL: props.epic.fhirBaseUrl,
      EPIC_FHIR_VERSION: props.epic.fhirVersion,
      EPIC_PATIENT_SEARCH: props.epic.patientSearch,
    };
    this.parameters = this.createParameters(parameterPath, this.parameterValues);
    this.sessionKeySecret = new secretsmanager.Secret(this, 'SessionKeySecret', {
      description: 'Clinic IVR: the session-token and lockout keys are derived from this string (HKDF-SHA256)',
      encryptionKey: props.encryptionKey,
      // 64 letters and digits: ~380 bits, more than the 256-bit key derived from it; no punctuation,
      // so it survives any shell or console it is pasted through.
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.sessionKeySecret).acknowledge(
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'Not a credential: random key material from which the code derives the key of session tokens that live for ' +
          'one call (minutes). Scheduled rotation would need a rotation function for no gain; to replace it, put a new ' +
          'random value (README, "Deploy"): calls in progress re-authenticate, nothing stored depends on it.',
      },
      {
        id: 'HIPAA.Security-SecretsManagerRotationEnabled',
        reason:
          'Random key material for one-call session tokens, not a credential; replaced on demand by putting a new ' +
          'random value (README, "Deploy"), after which only calls in progress must re-authenticate.',
      },
    );

    this.parameterPath = parameterPath;
    this.signingKey = props.signingKey;
    this.epicClientEnvironment = {
      CONFIG_PARAMETER_PATH: parameterPath,
      // The extension reads one parameter per request (it has no get-by-path): the code asks for these.
      CONFIG_PARAMETER_NAMES: Object.keys(this.parameterValues).join(','),
      SESSION_KEY_SECRET_ARN: this.sessionKeySecret.secretArn,
      SIGNING_KMS_KEY_ID: props.signingKey.keyArn,
      // The code reads the SSM settings once per container. A fingerprint of them in the
      // environment makes a settings change update the function, so Lambda starts new containers
      // instead of warm ones keeping the old values. The code itself ignores this variable.
      EPIC_SETTINGS_FINGERPRINT: fingerprint(this.parameterValues),
    };

    this.function = new NodeFunction(this, 'Function', {
      entry: 'fulfillment/functions/lex-code-hook/handler.ts',
      description: 'Clinic IVR: Lex V2 code hook of the PatientAuth and PatientServices bots',
      encryptionKey: props.encryptionKey,
      vpc: props.vpc,
      // Lex stops waiting for a code hook after 30 s (the bots' fulfillment updates give up then too).
      timeout: Duration.seconds(30),
      memorySize: 1024,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? 25,
      environment: {
        ...this.epicClientEnvironment,
        LOCKOUT_TABLE_NAME: props.lockoutTable.tableName,
        AUDIT_TABLE_NAME: props.auditTable.tableName,
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
      },
    });
    for (const statement of this.codeStatements(props)) this.function.addToPolicy(statement);
    // On the CfnFunction itself, so the acknowledgement covers no other resource.
    Validations.of(this.function.resource).acknowledge({
      id: 'HIPAA.Security-LambdaDLQ',
      reason:
        'Lex V2 invokes the code hook synchronously and a dead-letter queue only receives failed asynchronous ' +
        'invocations, so it would stay empty. Failures are reported instead by the Errors alarm on the alarm topic.',
    });
    this.alarms = this.createAlarms(props);
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

  /**
   * What a function needs to reach Epic as this client, each on its exact resource: sign with the
   * signing key (RS384 only) and read its public key, read the Epic settings, read the session-key
   * secret. New statements on every call, for another function's policy; the secret's key
   * (`kms:Decrypt` through Secrets Manager) is that function's own statement.
   *
   * @example
   * for (const statement of fulfillment.epicClientStatements()) worker.addToPolicy(statement);
   */
  public epicClientStatements(): iam.PolicyStatement[] {
    const { account, region, partition } = Stack.of(this);
    const parameterArn = (name: string) => `arn:${partition}:ssm:${region}:${account}:parameter${this.parameterPath}${name}`;
    const signingKey = this.signingKey;
    return [
      new iam.PolicyStatement({
        sid: 'SignEpicAssertions',
        actions: ['kms:Sign'],
        resources: [signingKey.keyArn],
        // The code signs RS384 only (RSASSA_PKCS1_V1_5_SHA_384); no other algorithm is allowed.
        conditions: { StringEquals: { 'kms:SigningAlgorithm': 'RSASSA_PKCS1_V1_5_SHA_384' } },
      }),
      new iam.PolicyStatement({
        sid: 'ReadSigningPublicKey',
        actions: ['kms:GetPublicKey'],
        resources: [signingKey.keyArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadEpicSettings',
        // The Parameters and Secrets extension calls GetParameter once per name the code asks for
        // (CONFIG_PARAMETER_NAMES): exactly these parameters, no path and no wildcard.
        actions: ['ssm:GetParameter'],
        resources: Object.keys(this.parameterValues).map(parameterArn),
      }),
      new iam.PolicyStatement({
        sid: 'ReadSessionKey',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.sessionKeySecret.secretArn],
      }),
    ];
  }

  /** Every permission the fulfillment code uses, each on its exact resources. */
  private codeStatements(props: FulfillmentProps): iam.PolicyStatement[] {
    const { region } = Stack.of(this);
    return [
      ...this.epicClientStatements(),
      new iam.PolicyStatement({
        sid: 'LockoutCounters',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [props.lockoutTable.tableArn],
      }),
      new iam.PolicyStatement({
        sid: 'AppendAuditEvents',
        // Append only: the function can neither read nor change the audit trail it writes.
        actions: ['dynamodb:PutItem'],
        resources: [props.auditTable.tableArn],
      }),
      new iam.PolicyStatement({
        sid: 'DataKeyThroughServices',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [props.encryptionKey.keyArn],
        conditions: {
          StringEquals: {
            'kms:ViaService': [`dynamodb.${region}.amazonaws.com`, `secretsmanager.${region}.amazonaws.com`],
          },
        },
      }),
    ];
  }

  /** Alarms on what needs a person: crashes, throttling, Epic refusing the client, slow turns. */
  private createAlarms(props: FulfillmentProps): Record<string, cloudwatch.Alarm> {
    const fn = this.function.function;
    const fiveMinutes = Duration.minutes(5);
    const epicTokenErrors = new logs.MetricFilter(this, 'EpicTokenErrorsFilter', {
      logGroup: this.function.logGroup,
      filterPattern: logs.FilterPattern.literal(EPIC_TOKEN_ERROR_PATTERN),
      // Per stack, so a second deployment in the account (e.g. staging) keeps its own figures.
      metricNamespace: `ClinicIvr/${Stack.of(this).stackName}`,
      metricName: 'EpicTokenErrors',
      metricValue: '1',
    });
    // One occurrence in five minutes is enough: each of these means callers are being failed now.
    const atLeastOne = {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    } as const;
    const alarms: Record<string, cloudwatch.Alarm> = {
      // The handler never throws to Lex, so any Lambda error is a crash, a timeout or an init failure.
      Errors: new cloudwatch.Alarm(this, 'ErrorsAlarm', {
        alarmDescription: 'The fulfillment function failed (crash, timeout or out of memory): callers hear nothing useful.',
        metric: fn.metricErrors({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
        ...atLeastOne,
      }),
      Throttles: new cloudwatch.Alarm(this, 'ThrottlesAlarm', {
        alarmDescription: 'Turns were throttled: more callers than the reserved concurrency. Raise it (context fulfillmentReservedConcurrency).',
        metric: fn.metricThrottles({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
        ...atLeastOne,
      }),
      EpicAuth: new cloudwatch.Alarm(this, 'EpicAuthAlarm', {
        alarmDescription:
          'Epic refused or failed the token request (after retries): nobody can verify. Check the client id, the JWKS URL ' +
          'registration and the signing key (npm run epic-check).',
        metric: epicTokenErrors.metric({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
        ...atLeastOne,
      }),
      SlowTurns: new cloudwatch.Alarm(this, 'SlowTurnsAlarm', {
        alarmDescription: 'p99 turn duration is high for 15 minutes: callers wait in silence (Epic slow or retrying).',
        metric: fn.metricDuration({ period: fiveMinutes, statistic: cloudwatch.Stats.p(99) }),
        threshold: (props.p99DurationThreshold ?? Duration.seconds(5)).toMilliseconds(),
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    };
    const notify = new actions.SnsAction(props.alarmTopic);
    for (const alarm of Object.values(alarms)) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
    return alarms;
  }
}

/** Short, stable digest of the settings (names and values). */
function fingerprint(values: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(JSON.stringify(Object.entries(values).sort())).digest('hex').slice(0, 16);
}
