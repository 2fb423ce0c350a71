import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ALARM_PERIOD, notifyingAlarm } from './alarms';
import type { CareTeamTaskFlow } from './CareTeamTaskFlow';
import type { SymptomPipelineSettings } from './deploymentContext';
import { EncryptedTopic } from './EncryptedTopic';
import type { EpicAccess } from './EpicAccess';
import { MediaStreams } from './MediaStreams';
import type { NodeFunction } from './NodeFunction';
import type { NoteFilingProps } from './noteFiling';
import { RecordingControl } from './RecordingControl';
import { RecordingsBucket } from './RecordingsBucket';
import { RECORDING_WORKER_TIMEOUT, RecordingWorker } from './RecordingWorker';
import type { SessionKey } from './SessionKey';
import { TranscriptionWorker } from './TranscriptionWorker';

/** Prefix of the Transcribe Medical job names of the pipeline (`clinic-ivr-symptoms-<noteId>`). */
export const TRANSCRIPTION_JOB_PREFIX = 'clinic-ivr-symptoms-';

/**
 * The log event of a message whose care-team task could not be created after the last attempt
 * (`symptoms.task.gaveUp`, `fulfillment/filing/noteTask.ts`), as a CloudWatch Logs filter pattern.
 */
export const NO_TASK_PATTERN = '{ $.event = "symptoms.task.gaveUp" }';

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
  /** The Epic settings, signing key and session key both workers file notes with. */
  readonly epicAccess: EpicAccess;
  /** The session key the recording-control function checks the flow's session token with. */
  readonly sessionKey: SessionKey;
  /** VPC the functions run in (private subnets; Epic and the AWS APIs through the NAT gateway or endpoints). */
  readonly vpc: ec2.IVpc;
  /** Topic the alarms notify. */
  readonly alarmTopic: sns.ITopic;
  /** Public origin of the care-team inbox: the care-team notifications link to each note's page. @default no link */
  readonly inboxBaseUrl?: string;
  /** The flow each message's care-team task (Amazon Connect) runs. */
  readonly taskFlow: CareTeamTaskFlow;
}

/**
 * The symptom pipeline: from the caller's audio in the instance's Kinesis video streams to a note in
 * Epic and a care-team notification, off the call path. It wires its three functions together:
 *
 * - {@link RecordingControl}: invoked by the contact flow to open or close a recording job, and by
 *   EventBridge when a call of the instance ends (and every 5 minutes, a sweep); queues the job;
 * - {@link RecordingWorker}: consumes the capture queue, writes the WAV, starts a Transcribe Medical job;
 * - {@link TranscriptionWorker}: on the job's COMPLETED or FAILED event, files the note and notifies the care team.
 *
 * It owns what lies between them: the recordings bucket, the care-team topic, the media streams, the
 * queues and the EventBridge rules. Failures stay visible: the capture queue redrives to a dead-letter
 * queue after 5 receives; events EventBridge cannot deliver, and asynchronous invocations that fail
 * their retries, land in the failed-events queue. Alarms on the queues are here; each function has
 * its own errors alarm; all go to `alarmTopic`.
 */
export class SymptomPipeline extends Construct {
  /** The recordings bucket (and its access logs). */
  public readonly recordings: RecordingsBucket;
  /** The care-team topic. */
  public readonly careTeam: EncryptedTopic;
  /** The instance's media streams. */
  public readonly mediaStreams: MediaStreams;
  /** Recording jobs waiting for the worker. */
  public readonly captureQueue: sqs.Queue;
  /** Recording jobs that failed 5 times. */
  public readonly captureDeadLetterQueue: sqs.Queue;
  /** Events EventBridge could not deliver and failed asynchronous invocations. */
  public readonly failedEventsQueue: sqs.Queue;
  /** The recording-control function (the contact flow invokes it). */
  public readonly recordingControl: RecordingControl;
  /** The recording worker. */
  public readonly recordingWorker: RecordingWorker;
  /** The transcription worker. */
  public readonly transcriptionWorker: TranscriptionWorker;
  /** Rule of the instance's DISCONNECTED contact events. */
  public readonly callEndedRule: events.Rule;
  /** Rule of the pipeline's Transcribe job state changes. */
  public readonly transcriptionDoneRule: events.Rule;
  /** The alarms on the queues, by name (each function has its own errors alarm). */
  public readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;

  public constructor(scope: Construct, id: string, props: SymptomPipelineProps) {
    super(scope, id);
    const { settings, encryptionKey: key } = props;
    this.recordings = new RecordingsBucket(this, 'Recordings', { encryptionKey: key, retentionDays: settings.recordingRetentionDays });
    this.careTeam = new EncryptedTopic(this, 'CareTeam', { displayName: 'Clinic IVR symptom notes', encryptionKey: key, email: settings.careTeamEmail });
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

    // The construct ids are those the functions were first deployed with: they name the log groups.
    const common = { encryptionKey: key, vpc: props.vpc, alarmTopic: props.alarmTopic } as const;
    this.recordingControl = new RecordingControl(this, 'CaptureFunction', {
      ...common,
      instanceArn: props.instanceArn,
      streamNamePrefix: this.mediaStreams.streamNamePrefix,
      sessionKey: props.sessionKey,
      notesTable: props.notesTable,
      captureQueue: this.captureQueue,
      failedEventsQueue: this.failedEventsQueue,
      urgentPage: { careTeamTopic: this.careTeam.topic, taskFlow: props.taskFlow, ...(props.inboxBaseUrl === undefined ? {} : { inboxBaseUrl: props.inboxBaseUrl }) },
    });
    const noteFiling: NoteFilingProps = {
      epicAccess: props.epicAccess,
      notesTable: props.notesTable,
      careTeamTopic: this.careTeam.topic,
      taskFlow: props.taskFlow,
      recordings: this.recordings,
      filing: settings,
      inboxBaseUrl: props.inboxBaseUrl,
    };
    this.recordingWorker = new RecordingWorker(this, 'RecordingWorker', {
      ...common,
      noteFiling,
      captureQueue: this.captureQueue,
      mediaStreams: this.mediaStreams,
      jobPrefix: TRANSCRIPTION_JOB_PREFIX,
    });
    this.transcriptionWorker = new TranscriptionWorker(this, 'TranscriptionWorker', {
      ...common,
      noteFiling,
      failedEventsQueue: this.failedEventsQueue,
      jobPrefix: TRANSCRIPTION_JOB_PREFIX,
    });

    [this.callEndedRule, this.transcriptionDoneRule] = this.createRules(props);
    this.alarms = this.createAlarms(props.alarmTopic);
  }

  /** The EventBridge rules that invoke the functions; their failed deliveries go to the failed-events queue. */
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
      targets: [target(this.recordingControl)],
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
    // Contact events are delivered best-effort: every 5 minutes the recording-control function sweeps
    // the jobs a lost DISCONNECTED event left open or unsent (fulfillment/recording/sweep.ts).
    const captureSweep = new events.Rule(this, 'CaptureSweepRule', {
      ruleName: `${stack.stackName}-SymptomCaptureSweep`,
      description: 'Close and queue the symptom recording jobs a lost call-ended event left behind',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [target(this.recordingControl)],
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

  /** Anything in a dead-letter queue, a recording job waiting too long, and a message left with no task. */
  private createAlarms(topic: sns.ITopic): Record<string, cloudwatch.Alarm> {
    // Both workers create tasks; one metric counts the messages either gave up on.
    const noTaskMetric = { metricNamespace: `ClinicIvr/${Stack.of(this).stackName}`, metricName: 'MessagesWithoutTask', metricValue: '1' } as const;
    for (const worker of [this.recordingWorker, this.transcriptionWorker]) {
      new logs.MetricFilter(worker, 'NoTaskFilter', { logGroup: worker.logGroup, filterPattern: logs.FilterPattern.literal(NO_TASK_PATTERN), ...noTaskMetric });
    }
    const messagesWithoutTask = new cloudwatch.Metric({
      namespace: noTaskMetric.metricNamespace,
      metricName: noTaskMetric.metricName,
      period: ALARM_PERIOD,
      statistic: cloudwatch.Stats.SUM,
    });
    const visible = (name: string, queue: sqs.Queue, description: string): cloudwatch.Alarm =>
      notifyingAlarm(this, `${name}Alarm`, {
        description,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
        topic,
      });
    return {
      CaptureDeadLetters: visible(
        'CaptureDeadLetters',
        this.captureDeadLetterQueue,
        'A symptom recording failed 5 times and waits in the dead-letter queue: fix the cause, then redrive it ' +
          '(the audio stays in Kinesis Video Streams only for the streams\' retention).',
      ),
      // The worker reports a failed message in its batch response, not as a function error, so the
      // errors alarm stays quiet; a message still waiting after a redelivery is the early sign (a check
      // message is at most 15 minutes old, a first attempt a few minutes).
      CaptureBacklog: notifyingAlarm(this, 'CaptureBacklogAlarm', {
        threshold: Duration.minutes(40).toSeconds(),
        description:
          'A symptom recording has waited 40 minutes or more in the capture queue: the recording worker keeps failing on ' +
          'it (see its log group); after 5 receives it moves to the dead-letter queue.',
        metric: this.captureQueue.metricApproximateAgeOfOldestMessage({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
        topic,
      }),
      FailedEvents: visible(
        'FailedEvents',
        this.failedEventsQueue,
        'A call-ended or transcription event could not be processed (EventBridge delivery or the function\'s retries failed).',
      ),
      NoTask: notifyingAlarm(this, 'NoTaskAlarm', {
        description:
          'A caller\'s message has no care-team task in Amazon Connect: StartTaskContact failed on every attempt (throttled, ' +
          'over the active tasks quota, or refused). The message is stored, in the care-team inbox (marked "no task") and in ' +
          'the care-team e-mail; find its noteId in the workers\' logs ({ $.event = "symptoms.task.gaveUp" }) and make sure ' +
          'someone handles it.',
        metric: messagesWithoutTask,
        topic,
      }),
    };
  }
}

/** The literal name of a rule created with `ruleName`. */
function ruleNameOf(rule: events.Rule): string {
  const resource = rule.node.defaultChild;
  if (!(resource instanceof events.CfnRule) || typeof resource.name !== 'string') throw new Error(`SymptomPipeline: rule ${rule.node.path} has no literal name`);
  return resource.name;
}
