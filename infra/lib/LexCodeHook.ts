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
  /** IANA time zone appointment times are spoken in (`CLINIC_TIME_ZONE`). @default the code's own default, America/Chicago */
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
        ...(props.clinicTimeZone === undefined ? {} : { CLINIC_TIME_ZONE: props.clinicTimeZone }),
      },
    });
    props.epicAccess.grantTo(this.function);
    for (const statement of this.tableStatements(props)) this.function.addToPolicy(statement);
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
