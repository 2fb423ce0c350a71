import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CareTeamTopic } from './CareTeamTopic';
import type { SymptomPipelineSettings } from './deploymentContext';
import type { Fulfillment } from './Fulfillment';
import { MediaStreams } from './MediaStreams';
import { NodeFunction } from './NodeFunction';
import { RecordingsBucket, TRANSCRIPTS_PREFIX } from './RecordingsBucket';
import { acknowledgePipelineWildcards, pipelineStatements } from './symptomPipelinePolicies';

/** Prefix of the Transcribe Medical job names of the pipeline (`clinic-ivr-symptoms-<noteId>`). */
export const TRANSCRIPTION_JOB_PREFIX = 'clinic-ivr-symptoms-';

/** Run time of the recording worker: a 2-minute message read live from KVS, the WAV upload and the job start. */
const RECORDING_WORKER_TIMEOUT = Duration.minutes(5);

/** Props of {@link SymptomPipeline}. */
export interface SymptomPipelineProps {
  /** The validated settings (`readSymptomPipelineContext`). */
  readonly settings: SymptomPipelineSettings;
  /** ARN of the Amazon Connect instance whose calls are recorded. */
  readonly instanceArn: string;
  /** Customer-managed key of the bucket, queues, topic, logs (and the media streams the stack enables). */
  readonly encryptionKey: kms.IKey;
  /** Symptom notes and capture jobs (get, put, update). */
  readonly notesTable: dynamodb.ITable;
  /** The fulfillment: its session-key secret, and the Epic client settings the transcription worker shares. */
  readonly fulfillment: Fulfillment;
  /** VPC the functions run in (private subnets; Epic and the AWS APIs through the NAT gateway or endpoints). */
  readonly vpc: ec2.IVpc;
  /** Topic the alarms notify. */
  readonly alarmTopic: sns.ITopic;
}

/**
 * The symptom pipeline's resources: from the caller's audio in the instance's Kinesis video streams
 * to a note in Epic and a care-team notification, off the call path.
 *
 * - capture function (`fulfillment/functions/recording-control/handler.ts`): invoked by the contact flow to open or
 *   close a recording job, and by an EventBridge rule when a call of the instance ends; it queues
 *   the job on the capture queue;
 * - recording worker (`fulfillment/functions/recording-worker/handler.ts`): consumes the capture
 *   queue, writes `recordings/<contactId>.wav`, starts a Transcribe Medical job (output under
 *   `transcripts/`, same bucket and key);
 * - transcription worker (`fulfillment/functions/transcription-worker/handler.ts`): on the job's
 *   COMPLETED or FAILED event, extracts entities, writes the DocumentReference, notifies the care team.
 *
 * Failures stay visible: the capture queue redrives to a dead-letter queue after 5 receives; events
 * EventBridge cannot deliver, and asynchronous invocations that fail their retries, land in the
 * failed-events queue. Alarms on both queues and on each function's errors go to `alarmTopic`.
 * Every permission is a statement of `symptomPipelinePolicies.ts`, on exact ARNs, where the wildcards
 * that remain are acknowledged.
 */
export class SymptomPipeline extends Construct {
  /** The recordings bucket (and its access logs). */
  public readonly recordings: RecordingsBucket;
  /** The care-team topic. */
  public readonly careTeam: CareTeamTopic;
  /** The instance's media streams. */
  public readonly mediaStreams: MediaStreams;
  /** Recording jobs waiting for the worker. */
  public readonly captureQueue: sqs.Queue;
  /** Recording jobs that failed 5 times. */
  public readonly captureDeadLetterQueue: sqs.Queue;
  /** Events EventBridge could not deliver and failed asynchronous invocations. */
  public readonly failedEventsQueue: sqs.Queue;
  /** The capture function (the contact flow invokes it). */
  public readonly captureFunction: NodeFunction;
  /** The recording worker. */
  public readonly recordingWorker: NodeFunction;
  /** The transcription worker. */
  public readonly transcriptionWorker: NodeFunction;
  /** Rule of the instance's DISCONNECTED contact events. */
  public readonly callEndedRule: events.Rule;
  /** Rule of the pipeline's Transcribe job state changes. */
  public readonly transcriptionDoneRule: events.Rule;
  /** The alarms, by name. */
  public readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;

  public constructor(scope: Construct, id: string, props: SymptomPipelineProps) {
    super(scope, id);
    const { settings, encryptionKey: key } = props;
    this.recordings = new RecordingsBucket(this, 'Recordings', { encryptionKey: key, retentionDays: settings.recordingRetentionDays });
    this.careTeam = new CareTeamTopic(this, 'CareTeam', { encryptionKey: key, email: settings.careTeamEmail });
    this.mediaStreams = new MediaStreams(this, 'MediaStreams', {
      instanceArn: props.instanceArn,
      instanceAlias: settings.connectInstanceAlias,
      prefix: settings.mediaStreamsPrefix,
      existingKeyArn: settings.mediaStreamsKmsKeyArn,
      encryptionKey: key,
      retentionHours: settings.mediaStreamsRetentionHours,
    });

    const queue = (queueId: string, extra: Partial<sqs.QueueProps> = {}): sqs.Queue =>
      new sqs.Queue(this, queueId, { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, ...extra });
    this.captureDeadLetterQueue = queue('CaptureDeadLetterQueue', { retentionPeriod: Duration.days(14) });
    this.captureQueue = queue('CaptureQueue', {
      // AWS recommends a visibility timeout of six times the function's timeout for an SQS event source.
      visibilityTimeout: Duration.seconds(RECORDING_WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.captureDeadLetterQueue, maxReceiveCount: 5 },
    });
    this.failedEventsQueue = queue('FailedEventsQueue', { retentionPeriod: Duration.days(14) });

    const common = { encryptionKey: key, vpc: props.vpc } as const;
    this.captureFunction = new NodeFunction(this, 'CaptureFunction', {
      ...common,
      entry: 'fulfillment/functions/recording-control/handler.ts',
      description: 'Clinic IVR: opens and closes symptom recording jobs (contact flow, call ended)',
      // Connect waits at most 8 s for a function the flow invokes (the flow's InvocationTimeLimitSeconds);
      // ending sooner means a slow start fails here, not after Connect has already taken the error path.
      timeout: Duration.seconds(6),
      reservedConcurrentExecutions: 10,
      environment: {
        SESSION_KEY_SECRET_ARN: props.fulfillment.sessionKeySecret.secretArn,
        SYMPTOM_NOTES_TABLE_NAME: props.notesTable.tableName,
        CAPTURE_QUEUE_URL: this.captureQueue.queueUrl,
        CONNECT_INSTANCE_ARN: props.instanceArn,
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-capture',
      },
    });
    // What filing a finished transcription reads: both workers do it (the recording worker from its
    // polling checks), with the same Epic settings as the dialog function.
    const completionEnvironment = {
      ...props.fulfillment.epicClientEnvironment,
      SYMPTOM_NOTES_TABLE_NAME: props.notesTable.tableName,
      SYMPTOM_NOTIFY_TOPIC_ARN: this.careTeam.topic.topicArn,
      SYMPTOM_ENCOUNTER_STRATEGY: settings.symptomEncounterStrategy,
      SYMPTOM_ENCOUNTER_REQUIRED: String(settings.symptomEncounterRequired),
      RECORDINGS_BUCKET_NAME: this.recordings.bucket.bucketName,
      TRANSCRIPTS_PREFIX,
    };
    this.recordingWorker = new NodeFunction(this, 'RecordingWorker', {
      ...common,
      entry: 'fulfillment/functions/recording-worker/handler.ts',
      description: 'Clinic IVR: caller audio from Kinesis Video Streams to a WAV in S3, then a Transcribe Medical job',
      timeout: RECORDING_WORKER_TIMEOUT,
      memorySize: 1024,
      reservedConcurrentExecutions: 5,
      environment: {
        ...completionEnvironment,
        RECORDINGS_KMS_KEY_ARN: key.keyArn,
        CAPTURE_QUEUE_URL: this.captureQueue.queueUrl,
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-recording',
      },
    });
    this.transcriptionWorker = new NodeFunction(this, 'TranscriptionWorker', {
      ...common,
      entry: 'fulfillment/functions/transcription-worker/handler.ts',
      description: 'Clinic IVR: transcript to entities, Epic DocumentReference and care-team notification',
      timeout: Duration.minutes(2),
      memorySize: 1024,
      reservedConcurrentExecutions: 5,
      environment: {
        ...completionEnvironment,
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-transcription',
      },
    });
    const statements = pipelineStatements(this, {
      notesTable: props.notesTable,
      encryptionKey: key,
      fulfillment: props.fulfillment,
      jobPrefix: TRANSCRIPTION_JOB_PREFIX,
    });
    for (const statement of statements.capture) this.captureFunction.addToPolicy(statement);
    for (const statement of statements.recording) this.recordingWorker.addToPolicy(statement);
    for (const statement of statements.transcription) this.transcriptionWorker.addToPolicy(statement);
    acknowledgePipelineWildcards(this, TRANSCRIPTION_JOB_PREFIX);

    this.recordingWorker.function.addEventSource(
      new SqsEventSource(this.captureQueue, {
        // One message per invocation: each can take minutes to read from KVS, and a failure then
        // returns just that message to the queue (reportBatchItemFailures for the code's partial results).
        batchSize: 1,
        reportBatchItemFailures: true,
        // At most the reserved concurrency, so the poller never throttles the function.
        maxConcurrency: 5,
      }),
    );
    Validations.of(this.recordingWorker.resource).acknowledge({
      id: 'HIPAA.Security-LambdaDLQ',
      reason:
        'Invoked only by its SQS event source mapping, never asynchronously, so a function dead-letter queue would stay ' +
        'empty. Failed messages go to the capture queue\'s own dead-letter queue after 5 receives, which has an alarm.',
    });

    // Asynchronous invocations (EventBridge): two retries within an hour, then the failed-events queue.
    for (const fn of [this.captureFunction, this.transcriptionWorker]) {
      fn.resource.deadLetterConfig = { targetArn: this.failedEventsQueue.queueArn };
      fn.function.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(1) });
    }
    [this.callEndedRule, this.transcriptionDoneRule] = this.createRules(props);
    this.alarms = this.createAlarms(props.alarmTopic);
  }

  /** The two EventBridge rules; their failed deliveries go to the failed-events queue. */
  private createRules(props: SymptomPipelineProps): [events.Rule, events.Rule] {
    const stack = Stack.of(this);
    const target = (fn: NodeFunction): targets.LambdaFunction =>
      new targets.LambdaFunction(fn.function, { deadLetterQueue: this.failedEventsQueue, retryAttempts: 4, maxEventAge: Duration.hours(2) });
    // Named, so the key policy below can name their ARNs without a reference (the key is created
    // before everything it encrypts; a reference back to the rules would be a dependency cycle).
    const callEnded = new events.Rule(this, 'CallEndedRule', {
      ruleName: `${stack.stackName}-SymptomCallEnded`,
      description: 'A call of the Connect instance ended: close its symptom recording job, if any',
      eventPattern: {
        source: ['aws.connect'],
        detailType: ['Amazon Connect Contact Event'],
        detail: { eventType: ['DISCONNECTED'], instanceArn: [props.instanceArn] },
      },
      targets: [target(this.captureFunction)],
    });
    const transcriptionDone = new events.Rule(this, 'TranscriptionDoneRule', {
      ruleName: `${stack.stackName}-SymptomTranscriptionDone`,
      description: 'A Transcribe Medical job of the symptom pipeline completed or failed',
      eventPattern: {
        source: ['aws.transcribe'],
        detailType: ['Transcribe Job State Change'],
        detail: {
          TranscriptionJobName: events.Match.prefix(TRANSCRIPTION_JOB_PREFIX),
          TranscriptionJobStatus: ['COMPLETED', 'FAILED'],
        },
      },
      targets: [target(this.transcriptionWorker)],
    });
    // EventBridge writes to the encrypted failed-events queue as itself, so the key policy must let it
    // (EventBridge user guide, "Using dead-letter queues": an SSE-KMS queue needs this statement).
    const ruleArns = [callEnded, transcriptionDone].map((rule) => `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/${ruleNameOf(rule)}`);
    props.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeSymptomRulesDeadLetters',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:SourceArn': ruleArns } },
      }),
    );
    // Contact events are delivered best-effort: every 5 minutes the capture function sweeps the jobs
    // a lost DISCONNECTED event left open or unsent (fulfillment/recording/sweep.ts).
    const captureSweep = new events.Rule(this, 'CaptureSweepRule', {
      ruleName: `${stack.stackName}-SymptomCaptureSweep`,
      description: 'Close and queue the symptom recording jobs a lost call-ended event left behind',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [target(this.captureFunction)],
    });
    props.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeCaptureSweepDeadLetters',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:SourceArn': `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/${ruleNameOf(captureSweep)}` } },
      }),
    );
    return [callEnded, transcriptionDone];
  }

  /** Errors of each function, and anything in a dead-letter queue. */
  private createAlarms(alarmTopic: sns.ITopic): Record<string, cloudwatch.Alarm> {
    const fiveMinutes = Duration.minutes(5);
    const atLeastOne = {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    } as const;
    const functionErrors = (name: string, fn: NodeFunction, what: string): cloudwatch.Alarm =>
      new cloudwatch.Alarm(this, `${name}ErrorsAlarm`, {
        ...atLeastOne,
        alarmDescription: `The ${what} failed (crash, timeout or out of memory); see its log group.`,
        metric: fn.function.metricErrors({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
      });
    const visible = (name: string, queue: sqs.Queue, what: string): cloudwatch.Alarm =>
      new cloudwatch.Alarm(this, `${name}Alarm`, {
        ...atLeastOne,
        alarmDescription: what,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM }),
      });
    const alarms: Record<string, cloudwatch.Alarm> = {
      CaptureErrors: functionErrors('CaptureFunction', this.captureFunction, 'symptom capture function'),
      RecordingErrors: functionErrors('RecordingWorker', this.recordingWorker, 'recording worker'),
      TranscriptionErrors: functionErrors('TranscriptionWorker', this.transcriptionWorker, 'transcription worker'),
      CaptureDeadLetters: visible(
        'CaptureDeadLetters',
        this.captureDeadLetterQueue,
        'A symptom recording failed 5 times and waits in the dead-letter queue: fix the cause, then redrive it ' +
          '(the audio stays in Kinesis Video Streams only for the streams\' retention).',
      ),
      // The worker reports a failed message in its batch response, not as a function error, so the
      // errors alarm stays quiet; a message still waiting after a redelivery is the early sign (a check
      // message is at most 15 minutes old, a first attempt a few minutes).
      CaptureBacklog: new cloudwatch.Alarm(this, 'CaptureBacklogAlarm', {
        threshold: Duration.minutes(40).toSeconds(),
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription:
          'A symptom recording has waited 40 minutes or more in the capture queue: the recording worker keeps failing on ' +
          'it (see its log group); after 5 receives it moves to the dead-letter queue.',
        metric: this.captureQueue.metricApproximateAgeOfOldestMessage({ period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM }),
      }),
      FailedEvents: visible(
        'FailedEvents',
        this.failedEventsQueue,
        'A call-ended or transcription event could not be processed (EventBridge delivery or the function\'s retries failed).',
      ),
    };
    const notify = new actions.SnsAction(alarmTopic);
    for (const alarm of Object.values(alarms)) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
    return alarms;
  }
}

/** The literal name of a rule created with `ruleName`. */
function ruleNameOf(rule: events.Rule): string {
  const resource = rule.node.defaultChild;
  if (!(resource instanceof events.CfnRule) || typeof resource.name !== 'string') throw new Error(`SymptomPipeline: rule ${rule.node.path} has no literal name`);
  return resource.name;
}
