import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functionErrorsAlarm } from './alarms';
import type { CareTeamTaskFlow } from './CareTeamTaskFlow';
import type { MediaStreams } from './MediaStreams';
import { NodeFunction } from './NodeFunction';
import type { PipelineFunctionProps } from './pipelineFunction';
import type { SessionKey } from './SessionKey';
import { asyncDeadLettersStatement, dataKeyThroughServices, symptomNotesStatement } from './symptomPipelinePolicies';

/** Props of {@link RecordingControl}. */
export interface RecordingControlProps extends PipelineFunctionProps {
  /** ARN of the Amazon Connect instance whose calls are recorded (`CONNECT_INSTANCE_ARN`). */
  readonly instanceArn: string;
  /**
   * What the names of the instance's Kinesis video streams begin with (`KVS_STREAM_NAME_PREFIX`,
   * {@link MediaStreams.streamNamePrefix}): the function accepts only those streams from the flow.
   */
  readonly streamNamePrefix: string;
  /** The session key the flow's session token is checked with. */
  readonly sessionKey: SessionKey;
  /** Symptom notes and capture jobs (get, put, update, and the sweep's Scan). */
  readonly notesTable: dynamodb.ITable;
  /** Where closed recording jobs are queued for the recording worker. */
  readonly captureQueue: sqs.IQueue;
  /** Where failed asynchronous invocations (EventBridge) land after their retries. */
  readonly failedEventsQueue: sqs.IQueue;
  /** Where the live triage at `#` pages the care team for an urgent message: the symptom workers' own topic and task flow. */
  readonly urgentPage: UrgentPageProps;
}

/** What the page of an urgent message at `#` goes through (issue 17). */
export interface UrgentPageProps {
  /** The care-team topic (`SYMPTOM_NOTIFY_TOPIC_ARN`), encrypted with the data key. */
  readonly careTeamTopic: sns.ITopic;
  /** The `care-team-task` flow the urgent task runs (`CONNECT_TASK_FLOW_ARN`). */
  readonly taskFlow: CareTeamTaskFlow;
  /** Public origin of the care-team inbox (`INBOX_BASE_URL`), for the page's link. @default no link */
  readonly inboxBaseUrl?: string;
}

/**
 * The recording-control function (`fulfillment/functions/recording-control/handler.ts`): invoked by
 * the contact flow to open or close a symptom recording job, by an EventBridge rule when a call of
 * the instance ends, and every 5 minutes to sweep jobs a lost call-ended event left open; it queues
 * closed jobs on the capture queue. Asynchronous invocations get two retries within an hour, then
 * go to the failed-events queue. Alarm: function errors.
 *
 * The live triage at `#` (issue 17) runs in the flow's stop call: it reads the live transcript
 * (`live#<contactId>`, a `GetItem` on the notes table, which the notes statement already allows),
 * records the decision and claims the `urgentPage` marker on the capture job (conditional
 * `UpdateItem`s, the same statement), publishes to the care-team topic (through the data key, via
 * SNS) and starts the urgent task on the `care-team-task` flow (scoped as the workers' task step is).
 */
export class RecordingControl extends NodeFunction {
  /** Any error of the function in five minutes. */
  public readonly errorsAlarm: cloudwatch.Alarm;

  public constructor(scope: Construct, id: string, props: RecordingControlProps) {
    super(scope, id, {
      entry: 'fulfillment/functions/recording-control/handler.ts',
      description: 'Clinic IVR: opens and closes symptom recording jobs (contact flow, call ended)',
      encryptionKey: props.encryptionKey,
      vpc: props.vpc,
      // Connect waits at most 8 s for a function the flow invokes (the flow's InvocationTimeLimitSeconds);
      // ending sooner means a slow start fails here, not after Connect has already taken the error path.
      timeout: Duration.seconds(6),
      reservedConcurrentExecutions: 10,
      environment: {
        SESSION_KEY_SECRET_ARN: props.sessionKey.secretArn,
        SYMPTOM_NOTES_TABLE_NAME: props.notesTable.tableName,
        CAPTURE_QUEUE_URL: props.captureQueue.queueUrl,
        CONNECT_INSTANCE_ARN: props.instanceArn,
        KVS_STREAM_NAME_PREFIX: props.streamNamePrefix,
        SYMPTOM_NOTIFY_TOPIC_ARN: props.urgentPage.careTeamTopic.topicArn,
        CONNECT_TASK_FLOW_ARN: props.urgentPage.taskFlow.flowArn,
        ...(props.urgentPage.inboxBaseUrl === undefined ? {} : { INBOX_BASE_URL: props.urgentPage.inboxBaseUrl }),
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-capture',
      },
    });
    props.sessionKey.grantRead(this);
    this.addToPolicy(symptomNotesStatement(props.notesTable));
    this.addToPolicy(new iam.PolicyStatement({ sid: 'QueueRecordingJobs', actions: ['sqs:SendMessage'], resources: [props.captureQueue.queueArn] }));
    // The scheduled sweep finds capture jobs a lost DISCONNECTED event left open (a bounded Scan).
    this.addToPolicy(new iam.PolicyStatement({ sid: 'SweepCaptureJobs', actions: ['dynamodb:Scan'], resources: [props.notesTable.tableArn] }));
    this.addToPolicy(asyncDeadLettersStatement(props.failedEventsQueue));
    // The urgent page at `#`: the care-team topic only, and tasks only on the care-team-task flow.
    this.addToPolicy(new iam.PolicyStatement({ sid: 'PageCareTeam', actions: ['sns:Publish'], resources: [props.urgentPage.careTeamTopic.topicArn] }));
    props.urgentPage.taskFlow.grantStartTask(this);
    // SNS encrypts a published message with the topic's key as the publisher: `sns` for the urgent page.
    this.addToPolicy(dataKeyThroughServices(this, props.encryptionKey, 'secretsmanager', 'dynamodb', 'sqs', 'sns'));

    // Asynchronous invocations (EventBridge): two retries within an hour, then the failed-events queue.
    this.resource.deadLetterConfig = { targetArn: props.failedEventsQueue.queueArn };
    this.function.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(1) });
    this.errorsAlarm = functionErrorsAlarm(
      this,
      this,
      'The symptom capture function failed (crash, timeout or out of memory); see its log group.',
      props.alarmTopic,
    );
  }
}
