import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functionErrorsAlarm } from './alarms';
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
}

/**
 * The recording-control function (`fulfillment/functions/recording-control/handler.ts`): invoked by
 * the contact flow to open or close a symptom recording job, by an EventBridge rule when a call of
 * the instance ends, and every 5 minutes to sweep jobs a lost call-ended event left open; it queues
 * closed jobs on the capture queue. Asynchronous invocations get two retries within an hour, then
 * go to the failed-events queue. Alarm: function errors.
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
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-capture',
      },
    });
    props.sessionKey.grantRead(this);
    this.addToPolicy(symptomNotesStatement(props.notesTable));
    this.addToPolicy(new iam.PolicyStatement({ sid: 'QueueRecordingJobs', actions: ['sqs:SendMessage'], resources: [props.captureQueue.queueArn] }));
    // The scheduled sweep finds capture jobs a lost DISCONNECTED event left open (a bounded Scan).
    this.addToPolicy(new iam.PolicyStatement({ sid: 'SweepCaptureJobs', actions: ['dynamodb:Scan'], resources: [props.notesTable.tableArn] }));
    this.addToPolicy(asyncDeadLettersStatement(props.failedEventsQueue));
    this.addToPolicy(dataKeyThroughServices(this, props.encryptionKey, 'secretsmanager', 'dynamodb', 'sqs'));

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
