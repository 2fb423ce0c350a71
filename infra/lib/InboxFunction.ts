import { CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ALARM_PERIOD, functionErrorsAlarm, notifyingAlarm } from './alarms';
import type { CareTeamUserPool } from './CareTeamUserPool';
import { CARE_TEAM_GROUP } from './CareTeamUserPool';
import type { EpicAccess } from './EpicAccess';
import { NodeFunction } from './NodeFunction';
import type { PipelineFunctionProps } from './pipelineFunction';
import type { RecordingsBucket } from './RecordingsBucket';
import { RECORDINGS_PREFIX } from './RecordingsBucket';
import { bucketArnInFindings, dataKeyThroughServices, wildcardAcknowledgement } from './symptomPipelinePolicies';

/** Props of {@link InboxFunction}. */
export interface InboxFunctionProps extends PipelineFunctionProps {
  /** Public origin of the inbox, without a trailing slash (`INBOX_BASE_URL`). */
  readonly inboxBaseUrl: string;
  /** The care team's user pool: its hosted sign-in, app client, token issuer and group. */
  readonly userPool: CareTeamUserPool;
  /** The Epic settings, signing key and session key: the inbox reads patients and encounters, and files kept notes. */
  readonly epicAccess: EpicAccess;
  /** Symptom notes: read (by key and through the table's indexes) and review state written. */
  readonly notesTable: dynamodb.ITable;
  /** Audit trail: every view and action is appended. */
  readonly auditTable: dynamodb.ITable;
  /** The callers' recordings, streamed to the page. */
  readonly recordings: RecordingsBucket;
  /** IANA time zone the inbox shows times in (`CLINIC_TIME_ZONE`). */
  readonly clinicTimeZone: string;
  /** LOINC type of a note filed from the inbox, as the filing workers use (`SYMPTOM_NOTE_LOINC`). @default the function's default */
  readonly noteLoinc?: string;
  /** LOINC type of a refill request filed from the inbox, as the workers use (`REFILL_NOTE_LOINC`). @default the function's default */
  readonly refillNoteLoinc?: string;
  /**
   * Concurrent executions reserved for, and capping, the function. The API is public: the cap bounds
   * what a flood of requests can cost, beside the API's throttling. @default 10
   */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * The care-team inbox (`fulfillment/functions/inbox/handler.ts`): the web app behind {@link InboxApi},
 * in the VPC's private subnets (Epic through the NAT gateway), with exactly what its code uses:
 *
 * - reach Epic ({@link EpicAccess.grantTo}: sign, the settings, the session key, from which the cookie
 *   and CSRF keys are derived);
 * - `GetItem`/`Query` on the notes table and its indexes (the list reads a status-and-time index,
 *   never a Scan), `UpdateItem` on the table (review state, filing a kept note);
 * - `PutItem` on the audit table (append only);
 * - `GetObject` on the recordings prefix of the bucket (the audio, streamed through the app in ranges);
 * - the data key only through DynamoDB, S3 and Secrets Manager (`kms:ViaService`).
 *
 * Alarms (to `alarmTopic`): function errors and throttles; {@link InboxApi} has the 5xx alarm.
 */
export class InboxFunction extends NodeFunction {
  /** Any error of the function in five minutes. */
  public readonly errorsAlarm: cloudwatch.Alarm;
  /** Any throttled request in five minutes. */
  public readonly throttlesAlarm: cloudwatch.Alarm;

  public constructor(scope: Construct, id: string, props: InboxFunctionProps) {
    const { userPool } = props;
    super(scope, id, {
      entry: 'fulfillment/functions/inbox/handler.ts',
      description: 'Clinic IVR: the care-team inbox (list, message page, audio, review and filing)',
      encryptionKey: props.encryptionKey,
      vpc: props.vpc,
      // API Gateway gives up on an integration after 29 s; an Epic read with its retries ends well before.
      timeout: Duration.seconds(25),
      memorySize: 1024,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? 10,
      environment: {
        ...props.epicAccess.environment,
        SYMPTOM_NOTES_TABLE_NAME: props.notesTable.tableName,
        AUDIT_TABLE_NAME: props.auditTable.tableName,
        RECORDINGS_BUCKET_NAME: props.recordings.bucket.bucketName,
        // The recordings' key: the store's writes name it; the inbox only reads, through S3.
        RECORDINGS_KMS_KEY_ARN: props.encryptionKey.keyArn,
        ...(props.noteLoinc === undefined ? {} : { SYMPTOM_NOTE_LOINC: props.noteLoinc }),
        ...(props.refillNoteLoinc === undefined ? {} : { REFILL_NOTE_LOINC: props.refillNoteLoinc }),
        INBOX_BASE_URL: props.inboxBaseUrl,
        INBOX_OAUTH_URL: userPool.oauthUrl,
        INBOX_OAUTH_CLIENT_ID: userPool.client.userPoolClientId,
        INBOX_TOKEN_ISSUER: userPool.tokenIssuer,
        INBOX_CARE_TEAM_GROUP: CARE_TEAM_GROUP,
        CLINIC_TIME_ZONE: props.clinicTimeZone,
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-inbox',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    props.epicAccess.grantTo(this);
    for (const statement of this.storeStatements(props)) this.addToPolicy(statement);
    Validations.of(this.policy).acknowledge(
      wildcardAcknowledgement(
        `<${this.logicalIdOf(props.notesTable)}.Arn>/index/*`,
        'The indexes of the notes table, which the inbox lists messages through (by status and time, never a Scan); ' +
          'they hold the same notes the function may already read by key, and only Query is allowed on them.',
      ),
      wildcardAcknowledgement(
        `${bucketArnInFindings(props.recordings)}/${RECORDINGS_PREFIX}*`,
        `The callers' recordings, one per note (${RECORDINGS_PREFIX}<contact id>.wav), read only to stream a message's ` +
          'audio to a signed-in clinician (every play authorized and audited by the app); the prefix is the narrowest ' +
          'resource for keys named by the contact.',
      ),
    );
    // On the CfnFunction itself, so the acknowledgement covers no other resource.
    Validations.of(this.resource).acknowledge({
      id: 'HIPAA.Security-LambdaDLQ',
      reason:
        'Invoked only synchronously, by API Gateway for a browser request; a dead-letter queue receives only failed ' +
        'asynchronous invocations and would stay empty. A failure reaches the clinician as an HTTP error and the Errors ' +
        'and 5xx alarms.',
    });

    this.errorsAlarm = functionErrorsAlarm(
      this,
      this,
      'The care-team inbox function failed (crash, timeout or out of memory): clinicians see an error page. See its log group.',
      props.alarmTopic,
    );
    this.throttlesAlarm = notifyingAlarm(this, 'ThrottlesAlarm', {
      description: 'Inbox requests were throttled: more at once than the function\'s reserved concurrency. Raise it if the care team grew.',
      metric: this.function.metricThrottles({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
      topic: props.alarmTopic,
    });
  }

  /** Notes, audit trail, recordings, and the data key through the services that encrypt them. */
  private storeStatements(props: InboxFunctionProps): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        sid: 'ReadNotes',
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [props.notesTable.tableArn, `${props.notesTable.tableArn}/index/*`],
      }),
      new iam.PolicyStatement({
        sid: 'WriteReviewState',
        // Conditional updates of a note's review, call-back and filing attributes; no put, no delete.
        actions: ['dynamodb:UpdateItem'],
        resources: [props.notesTable.tableArn],
      }),
      new iam.PolicyStatement({
        sid: 'AppendAuditEvents',
        // Append only: the inbox can neither read nor change the audit trail it writes.
        actions: ['dynamodb:PutItem'],
        resources: [props.auditTable.tableArn],
      }),
      new iam.PolicyStatement({
        sid: 'ReadRecordings',
        actions: ['s3:GetObject'],
        resources: [props.recordings.bucket.arnForObjects(`${RECORDINGS_PREFIX}*`)],
      }),
      dataKeyThroughServices(this, props.encryptionKey, 'dynamodb', 's3', 'secretsmanager'),
    ];
  }

  /** The logical id of a table, as cdk-nag prints it in a finding. */
  private logicalIdOf(table: dynamodb.ITable): string {
    const cfn = table.node.defaultChild;
    if (!CfnResource.isCfnResource(cfn)) throw new Error(`InboxFunction: ${table.node.path} has no CloudFormation resource`);
    return String(Stack.of(this).resolve(cfn.logicalId));
  }
}
