import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALARM_PERIOD, functionErrorsAlarm, notifyingAlarm } from './alarms';
import type { EpicAccess } from './EpicAccess';
import { NodeFunction } from './NodeFunction';
import type { TextingSettings } from './textingContext';

/** Props of {@link LexCodeHook}. */
export interface LexCodeHookProps {
  /** The Epic settings, signing key and session key the function reaches Epic with. */
  readonly epicAccess: EpicAccess;
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
  /** `POWERTOOLS_LOG_LEVEL`; DEBUG logs more detail, still without PHI. @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Concurrent executions reserved for, and capping, the function: one per caller turn in flight.
   * The account needs this much unreserved concurrency (plus 10 Lambda keeps free). @default 25
   */
  readonly reservedConcurrentExecutions?: number;
  /** p99 turn duration above which the slow-turns alarm fires. @default Duration.seconds(5) */
  readonly p99DurationThreshold?: Duration;
  /** Texts to callers: the origination identity and what the texts say of the clinic. @default texting off */
  readonly texting?: TextingSettings;
  /** IANA time zone appointment times are spoken and texted in (`CLINIC_TIME_ZONE`, the inbox's too). @default the function's default */
  readonly clinicTimeZone?: string;
}

/** Metric filter pattern of a failed Epic token request, as `fulfillment/epic/epicGateway.ts` logs it. */
export const EPIC_TOKEN_ERROR_PATTERN = '{ $.event = "epic.token" && $.outcome = "error" }';

/**
 * The Lex code hook: the one fulfillment function of both bots (`fulfillment/functions/lex-code-hook/handler.ts`),
 * in the VPC's private subnets, with exactly the permissions its code uses:
 *
 * - what reaching Epic needs ({@link EpicAccess.grantTo}: sign, the settings, the session key);
 * - `GetItem`/`PutItem`/`UpdateItem`/`DeleteItem` on the lockout table, `PutItem` on the audit table;
 * - the customer-managed key only through DynamoDB and Secrets Manager (`kms:ViaService`);
 * - once {@link LexCodeHook.acceptRefillRequests} is called, `SendMessage` on the refill queue (and the key through SQS).
 * - when texting is configured, `sms-voice:SendTextMessage` on the origination identity (and the
 *   configuration set), see {@link textingStatement}.
 *
 * Alarms (to `alarmTopic`): function errors, throttles, failed Epic token requests, slow turns (p99).
 */
export class LexCodeHook extends Construct {
  /** The function. */
  public readonly function: NodeFunction;
  /** The alarms, by name. */
  public readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;
  readonly #encryptionKey: kms.IKey;

  public constructor(scope: Construct, id: string, props: LexCodeHookProps) {
    super(scope, id);
    this.#encryptionKey = props.encryptionKey;
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
        ...props.epicAccess.environment,
        LOCKOUT_TABLE_NAME: props.lockoutTable.tableName,
        AUDIT_TABLE_NAME: props.auditTable.tableName,
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        ...textingEnvironment(props),
      },
    });
    props.epicAccess.grantTo(this.function);
    for (const statement of this.tableStatements(props)) this.function.addToPolicy(statement);
    const texting = textingStatement(this, props.texting);
    if (texting) {
      this.function.addToPolicy(texting.statement);
      if (texting.acknowledge) Validations.of(this.function).acknowledge(texting.acknowledge);
    }
    // On the CfnFunction itself, so the acknowledgement covers no other resource.
    Validations.of(this.function.resource).acknowledge({
      id: 'HIPAA.Security-LambdaDLQ',
      reason:
        'Lex V2 invokes the code hook synchronously and a dead-letter queue only receives failed asynchronous ' +
        'invocations, so it would stay empty. Failures are reported instead by the Errors alarm on the alarm topic.',
    });
    this.alarms = this.createAlarms(props);
  }

  /**
   * Lets the code hook hand confirmed refill requests to `queue` (the capture queue, which the
   * recording worker consumes and files from): `REFILL_QUEUE_URL`, `SendMessage` on that queue only,
   * and the data key through SQS (a producer to a KMS-encrypted queue needs `kms:GenerateDataKey`
   * and `kms:Decrypt`, SQS developer guide, "Key management"). Called once the queue exists.
   */
  public acceptRefillRequests(queue: sqs.IQueue): void {
    const { region } = Stack.of(this);
    this.function.function.addEnvironment('REFILL_QUEUE_URL', queue.queueUrl);
    this.function.addToPolicy(new iam.PolicyStatement({ sid: 'QueueRefillRequests', actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    this.function.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DataKeyThroughSqs',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.#encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `sqs.${region}.amazonaws.com` } },
      }),
    );
  }

  /** The tables the dialog uses, and the data key only through the services that encrypt with it. */
  private tableStatements(props: LexCodeHookProps): iam.PolicyStatement[] {
    const { region } = Stack.of(this);
    return [
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
  private createAlarms(props: LexCodeHookProps): Record<string, cloudwatch.Alarm> {
    const fn = this.function.function;
    const topic = props.alarmTopic;
    const epicTokenErrors = new logs.MetricFilter(this, 'EpicTokenErrorsFilter', {
      logGroup: this.function.logGroup,
      filterPattern: logs.FilterPattern.literal(EPIC_TOKEN_ERROR_PATTERN),
      // Per stack, so a second deployment in the account (e.g. staging) keeps its own figures.
      metricNamespace: `ClinicIvr/${Stack.of(this).stackName}`,
      metricName: 'EpicTokenErrors',
      metricValue: '1',
    });
    return {
      // The handler never throws to Lex, so any Lambda error is a crash, a timeout or an init failure.
      Errors: functionErrorsAlarm(
        this,
        this.function,
        'The fulfillment function failed (crash, timeout or out of memory): callers hear nothing useful.',
        topic,
      ),
      Throttles: notifyingAlarm(this, 'ThrottlesAlarm', {
        description: 'Turns were throttled: more callers than the reserved concurrency. Raise it (context fulfillmentReservedConcurrency).',
        metric: fn.metricThrottles({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
        topic,
      }),
      EpicAuth: notifyingAlarm(this, 'EpicAuthAlarm', {
        description:
          'Epic refused or failed the token request (after retries): nobody can verify. Check the client id, the JWKS URL ' +
          'registration and the signing key (npm run epic-check).',
        metric: epicTokenErrors.metric({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
        topic,
      }),
      SlowTurns: notifyingAlarm(this, 'SlowTurnsAlarm', {
        description: 'p99 turn duration is high for 15 minutes: callers wait in silence (Epic slow or retrying).',
        metric: fn.metricDuration({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.p(99) }),
        threshold: (props.p99DurationThreshold ?? Duration.seconds(5)).toMilliseconds(),
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        topic,
      }),
    };
  }
}

/** The code hook's texting variables: only those configured, so the function's defaults apply to the rest. */
function textingEnvironment(props: LexCodeHookProps): Record<string, string> {
  const texting = props.texting;
  const entries: [string, string | undefined][] = [
    ['SMS_ORIGINATION_IDENTITY', texting?.originationIdentity],
    ['SMS_CONFIGURATION_SET', texting?.configurationSet],
    ['CLINIC_STREET_ADDRESS', texting?.clinicStreetAddress],
    ['CLINIC_NAME', texting?.clinicName],
    ['CLINIC_TIME_ZONE', props.clinicTimeZone],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * `sms-voice:SendTextMessage` for the code hook, or none when texting is off. An ARN (or a
 * `phone-…`/`pool-…` id, whose ARN is known) scopes it to that origination identity, plus the
 * configuration set when one is used. An E.164 number or a sender id names no ARN the stack can
 * know (a number's ARN carries its `phone-…` id), so the statement then covers the account's
 * End User Messaging resources in the region, acknowledged for cdk-nag with that reason.
 */
export function textingStatement(
  scope: Construct,
  texting: TextingSettings | undefined,
): { statement: iam.PolicyStatement; acknowledge?: { id: string; reason: string } } | undefined {
  const identity = texting?.originationIdentity;
  if (!identity) return undefined;
  const { partition, region, account } = Stack.of(scope);
  const arn = (resource: string): string => `arn:${partition}:sms-voice:${region}:${account}:${resource}`;
  const identityArn = identity.startsWith('arn:')
    ? identity
    : /^phone-[A-Za-z0-9]+$/.test(identity)
      ? arn(`phone-number/${identity}`)
      : /^pool-[A-Za-z0-9]+$/.test(identity)
        ? arn(`pool/${identity}`)
        : undefined;
  const set = texting?.configurationSet;
  const setArn = set === undefined ? [] : [set.startsWith('arn:') ? set : arn(`configuration-set/${set}`)];
  if (identityArn) {
    return { statement: new iam.PolicyStatement({ sid: 'SendTexts', actions: ['sms-voice:SendTextMessage'], resources: [identityArn, ...setArn] }) };
  }
  const wildcard = arn('*');
  return {
    statement: new iam.PolicyStatement({ sid: 'SendTexts', actions: ['sms-voice:SendTextMessage'], resources: [wildcard] }),
    acknowledge: {
      // The stack's account and region are concrete (the Connect instance's), so cdk-nag prints the ARN as written.
      id: `AwsSolutions-IAM5[Resource::${wildcard}]`,
      reason:
        'The origination identity is configured as a phone number or sender id (context smsOriginationIdentity), which names no ARN ' +
        'the stack can know; the one action, SendTextMessage, is limited to the account and region. Configure the identity by its ARN to scope it.',
    },
  };
}
