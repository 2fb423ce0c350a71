import { Duration, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functionErrorsAlarm } from './alarms';
import type { MediaStreams } from './MediaStreams';
import { NodeFunction } from './NodeFunction';
import type { PipelineFunctionProps } from './pipelineFunction';
import type { NoteFilingProps } from './noteFiling';
import { grantNoteFiling, noteFilingEnvironment } from './noteFiling';
import { RECORDINGS_PREFIX, TRANSCRIPTS_PREFIX } from './RecordingsBucket';
import {
  bucketArnInFindings,
  dataKeyThroughServices,
  readTranscriptionJobsStatement,
  symptomNotesStatement,
  standardTranscriptionJobsAcknowledgement,
  transcriptionJobsAcknowledgement,
  transcriptsAcknowledgement,
  wildcardAcknowledgement,
} from './symptomPipelinePolicies';

/** Run time of the recording worker: a 2-minute message read live from KVS, the WAV upload and the job start. */
export const RECORDING_WORKER_TIMEOUT = Duration.minutes(5);

/** Reserved concurrency of the worker, and the most its SQS event source invokes at once. */
const CONCURRENCY = 5;

/** Props of {@link RecordingWorker}. */
export interface RecordingWorkerProps extends PipelineFunctionProps {
  /** What filing a note needs (the worker files the notes its polling checks find finished). */
  readonly noteFiling: NoteFilingProps;
  /** The recording jobs the worker consumes, and where it queues its delayed completion checks. */
  readonly captureQueue: sqs.IQueue;
  /** The instance's media streams, where the callers' audio is read. */
  readonly mediaStreams: MediaStreams;
  /** Prefix of the pipeline's Transcribe Medical job names. */
  readonly jobPrefix: string;
}

/**
 * The recording worker (`fulfillment/functions/recording-worker/handler.ts`): consumes the capture
 * queue one message at a time, writes `recordings/<contactId>.wav` from the caller's audio in Kinesis
 * Video Streams, starts a Transcribe Medical job (output under `transcripts/`, same bucket and key),
 * and files the note when its polling check finds the job finished. Alarm: function errors; failed
 * messages go to the capture queue's dead-letter queue, which the pipeline watches.
 */
export class RecordingWorker extends NodeFunction {
  /** Any error of the function in five minutes. */
  public readonly errorsAlarm: cloudwatch.Alarm;

  public constructor(scope: Construct, id: string, props: RecordingWorkerProps) {
    const { noteFiling, encryptionKey: key } = props;
    super(scope, id, {
      entry: 'fulfillment/functions/recording-worker/handler.ts',
      description: 'Clinic IVR: caller audio from Kinesis Video Streams to a WAV in S3, then a Transcribe Medical job',
      encryptionKey: key,
      vpc: props.vpc,
      timeout: RECORDING_WORKER_TIMEOUT,
      memorySize: 1024,
      reservedConcurrentExecutions: CONCURRENCY,
      environment: {
        ...noteFilingEnvironment(noteFiling),
        RECORDINGS_KMS_KEY_ARN: key.keyArn,
        CAPTURE_QUEUE_URL: props.captureQueue.queueUrl,
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-recording',
      },
    });
    for (const statement of this.recordingStatements(props)) this.addToPolicy(statement);
    grantNoteFiling(this, noteFiling);
    // Transcribe and S3 use the key for the recording and the transcript on the worker's behalf.
    this.addToPolicy(dataKeyThroughServices(this, key, 'dynamodb', 'sqs', 's3', 'transcribe', 'secretsmanager', 'sns'));
    this.acknowledgeWildcards(props);

    this.function.addEventSource(
      new SqsEventSource(props.captureQueue, {
        // One message per invocation: each can take minutes to read from KVS, and a failure then
        // returns just that message to the queue (reportBatchItemFailures for the code's partial results).
        batchSize: 1,
        reportBatchItemFailures: true,
        // At most the reserved concurrency, so the poller never throttles the function.
        maxConcurrency: CONCURRENCY,
      }),
    );
    Validations.of(this.resource).acknowledge({
      id: 'HIPAA.Security-LambdaDLQ',
      reason:
        'Invoked only by its SQS event source mapping, never asynchronously, so a function dead-letter queue would stay ' +
        'empty. Failed messages go to the capture queue\'s own dead-letter queue after 5 receives, which has an alarm.',
    });
    this.errorsAlarm = functionErrorsAlarm(
      this,
      this,
      'The recording worker failed (crash, timeout or out of memory); see its log group.',
      props.alarmTopic,
    );
  }

  /** The queue, the audio, the recordings and the Transcribe job: everything but filing the note. */
  private recordingStatements(props: RecordingWorkerProps): iam.PolicyStatement[] {
    const bucket = props.noteFiling.recordings.bucket;
    return [
      symptomNotesStatement(props.noteFiling.notesTable),
      new iam.PolicyStatement({
        sid: 'ConsumeRecordingJobs',
        // What the SQS event source mapping polls with, plus SendMessage for a delayed completion check.
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:SendMessage'],
        resources: [props.captureQueue.queueArn],
      }),
      ...props.mediaStreams.readStatements(),
      new iam.PolicyStatement({
        // The worker writes the WAV; Transcribe reads it with the caller's credentials (the worker's).
        sid: 'Recordings',
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [bucket.arnForObjects(`${RECORDINGS_PREFIX}*`)],
      }),
      new iam.PolicyStatement({
        // A retry first asks whether the WAV is already stored (HeadObject). Without ListBucket, S3
        // answers a missing object with 403, not 404 (S3 API reference, HeadObject), and every first
        // attempt would fail. Listing shows key names only, which are contact ids.
        sid: 'FindRecordings',
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
      }),
      new iam.PolicyStatement({
        // Transcribe writes its output with the caller's credentials (Transcribe guide, "Amazon S3 output").
        sid: 'TranscribeOutput',
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`${TRANSCRIPTS_PREFIX}*`)],
      }),
      new iam.PolicyStatement({
        sid: 'StartTranscription',
        // No resource type: only these condition keys narrow it (Service Authorization Reference, Amazon Transcribe).
        // StartTranscriptionJob: a message in Spanish goes to standard Transcribe (es-US; issue 18), written to the same place.
        actions: ['transcribe:StartMedicalTranscriptionJob', 'transcribe:StartTranscriptionJob'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'transcribe:OutputBucketName': bucket.bucketName, 'transcribe:OutputEncryptionKMSKeyId': props.encryptionKey.keyArn },
          StringLike: { 'transcribe:OutputKey': `${TRANSCRIPTS_PREFIX}*` },
        },
      }),
      readTranscriptionJobsStatement(this, props.jobPrefix),
    ];
  }

  /** Each wildcard of the code policy, acknowledged with its exact finding. */
  private acknowledgeWildcards(props: RecordingWorkerProps): void {
    const { recordings } = props.noteFiling;
    Validations.of(this.policy).acknowledge(
      props.mediaStreams.readAcknowledgement(),
      wildcardAcknowledgement(
        `${bucketArnInFindings(recordings)}/${RECORDINGS_PREFIX}*`,
        `One WAV per call, ${RECORDINGS_PREFIX}<contactId>.wav, written by the worker and read by Transcribe Medical with the ` +
          'worker\'s credentials; the prefix is the narrowest resource for keys named by contact.',
      ),
      transcriptsAcknowledgement(recordings),
      transcriptionJobsAcknowledgement(this, props.jobPrefix),
      standardTranscriptionJobsAcknowledgement(this, props.jobPrefix),
      wildcardAcknowledgement(
        '*',
        'transcribe:StartMedicalTranscriptionJob supports no resource-level permission (Service Authorization Reference, ' +
          'Amazon Transcribe), nor does StartTranscriptionJob as used here (Spanish messages); the statement is narrowed by its condition keys to output in this bucket, under ' +
          `${TRANSCRIPTS_PREFIX}, encrypted with the data key. The worker also files the notes its polling checks find ` +
          'finished: comprehendmedical:DetectEntitiesV2, InferICD10CM and InferRxNorm support no resource-level permission ' +
          'either (Amazon Comprehend Medical), nor does translate:TranslateText without a terminology (Amazon Translate); ' +
          'they are stateless analyses of the text sent.',
      ),
    );
  }
}
