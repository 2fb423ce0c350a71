import { Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Fulfillment } from './Fulfillment';
import { RECORDINGS_PREFIX, TRANSCRIPTS_PREFIX } from './RecordingsBucket';
import type { SymptomPipeline } from './SymptomPipeline';

/** What the statements are about, beyond the pipeline's own resources. */
export interface PipelineStatementsProps {
  /** Symptom notes and capture jobs. */
  readonly notesTable: dynamodb.ITable;
  /** The customer-managed key of the bucket, queues, topic and table. */
  readonly encryptionKey: kms.IKey;
  /** Owner of the session-key secret and of the Epic client permissions. */
  readonly fulfillment: Fulfillment;
  /** Prefix of the Transcribe Medical job names. */
  readonly jobPrefix: string;
}

/** The code permissions of each function of the pipeline. */
export interface PipelineStatements {
  readonly capture: readonly iam.PolicyStatement[];
  readonly recording: readonly iam.PolicyStatement[];
  readonly transcription: readonly iam.PolicyStatement[];
}

/**
 * Every permission the pipeline's code uses, each on its exact resources. The only `*` resources
 * are the actions that support no resource-level permission: `transcribe:StartMedicalTranscriptionJob`
 * (narrowed by its output bucket, key and key prefix condition keys) and Comprehend Medical.
 * The data key is usable only through the services that encrypt with it (`kms:ViaService`).
 */
export function pipelineStatements(pipeline: SymptomPipeline, props: PipelineStatementsProps): PipelineStatements {
  const { account, region, partition } = Stack.of(pipeline);
  const bucket = pipeline.recordings.bucket;
  const key = props.encryptionKey;
  const via = (...services: string[]): iam.PolicyStatement =>
    new iam.PolicyStatement({
      sid: 'DataKeyThroughServices',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': services.map((service) => `${service}.${region}.amazonaws.com`) } },
    });
  const notes = (): iam.PolicyStatement =>
    new iam.PolicyStatement({
      sid: 'SymptomNotes',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [props.notesTable.tableArn],
    });
  const failedEvents = (): iam.PolicyStatement =>
    new iam.PolicyStatement({
      // Lambda sends a failed asynchronous invocation to the dead-letter queue with the function's role.
      sid: 'AsyncDeadLetters',
      actions: ['sqs:SendMessage'],
      resources: [pipeline.failedEventsQueue.queueArn],
    });
  const jobArn = `arn:${partition}:transcribe:${region}:${account}:medical-transcription-job/${props.jobPrefix}*`;

  const capture = [
    new iam.PolicyStatement({ sid: 'ReadSessionKey', actions: ['secretsmanager:GetSecretValue'], resources: [props.fulfillment.sessionKeySecret.secretArn] }),
    notes(),
    new iam.PolicyStatement({ sid: 'QueueRecordingJobs', actions: ['sqs:SendMessage'], resources: [pipeline.captureQueue.queueArn] }),
    // The scheduled sweep finds capture jobs a lost DISCONNECTED event left open (a bounded Scan).
    new iam.PolicyStatement({ sid: 'SweepCaptureJobs', actions: ['dynamodb:Scan'], resources: [props.notesTable.tableArn] }),
    failedEvents(),
    via('secretsmanager', 'dynamodb', 'sqs'),
  ];

  // Filing a finished transcription (Epic, Comprehend Medical, the care team): both workers do it,
  // the recording worker from its polling checks and the transcription worker from Transcribe's events.
  const completion = [
    ...props.fulfillment.epicClientStatements(),
    new iam.PolicyStatement({ sid: 'ReadTranscripts', actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${TRANSCRIPTS_PREFIX}*`)] }),
    new iam.PolicyStatement({
      sid: 'ExtractMedicalEntities',
      // Comprehend Medical supports no resource-level permissions (Service Authorization Reference).
      actions: ['comprehendmedical:DetectEntitiesV2', 'comprehendmedical:InferICD10CM', 'comprehendmedical:InferRxNorm'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({ sid: 'NotifyCareTeam', actions: ['sns:Publish'], resources: [pipeline.careTeam.topic.topicArn] }),
  ];

  const recording = [
    notes(),
    new iam.PolicyStatement({
      sid: 'ConsumeRecordingJobs',
      // What the SQS event source mapping polls with, plus SendMessage for a delayed completion check.
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:SendMessage'],
      resources: [pipeline.captureQueue.queueArn],
    }),
    ...pipeline.mediaStreams.readStatements(),
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
      actions: ['transcribe:StartMedicalTranscriptionJob'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'transcribe:OutputBucketName': bucket.bucketName, 'transcribe:OutputEncryptionKMSKeyId': key.keyArn },
        StringLike: { 'transcribe:OutputKey': `${TRANSCRIPTS_PREFIX}*` },
      },
    }),
    new iam.PolicyStatement({ sid: 'ReadTranscriptionJobs', actions: ['transcribe:GetMedicalTranscriptionJob'], resources: [jobArn] }),
    ...completion,
    // Transcribe and S3 use the key for the recording and the transcript on the worker's behalf.
    via('dynamodb', 'sqs', 's3', 'transcribe', 'secretsmanager', 'sns'),
  ];

  const transcription = [
    ...completion,
    notes(),
    new iam.PolicyStatement({ sid: 'ReadTranscriptionJobs', actions: ['transcribe:GetMedicalTranscriptionJob'], resources: [jobArn] }),
    failedEvents(),
    via('secretsmanager', 'dynamodb', 's3', 'sns', 'sqs'),
  ];

  return { capture, recording, transcription };
}

/**
 * The wildcards of the code policies, each acknowledged with its exact finding on the one policy
 * that has it: object keys under a prefix, the streams Connect names, the jobs the pipeline names,
 * and the two services that support no resource-level permission.
 */
export function acknowledgePipelineWildcards(pipeline: SymptomPipeline, jobPrefix: string): void {
  const stack = Stack.of(pipeline);
  const bucketCfn = pipeline.recordings.bucket.node.defaultChild;
  if (!(bucketCfn instanceof s3.CfnBucket)) throw new Error('SymptomPipeline: the recordings bucket has no CfnBucket');
  const bucketArn = `<${String(stack.resolve(bucketCfn.logicalId))}.Arn>`;
  const jobArn = `arn:${stack.partition}:transcribe:${stack.region}:${stack.account}:medical-transcription-job/${jobPrefix}*`;
  const iam5 = (resource: string, reason: string): { id: string; reason: string } => ({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
  const transcripts = iam5(
    `${bucketArn}/${TRANSCRIPTS_PREFIX}*`,
    `Transcript files of the pipeline's Transcribe Medical jobs, one per note (${TRANSCRIPTS_PREFIX}<job name>.json); the ` +
      'prefix is the narrowest resource for keys named by the job.',
  );
  const jobs = iam5(
    jobArn,
    `Only the pipeline's own Transcribe Medical jobs, named ${jobPrefix}<note id> (one per note, the ` +
      'name derived from the note id so a retry finds the same job).',
  );
  Validations.of(pipeline.recordingWorker.policy).acknowledge(
    iam5(
      pipeline.mediaStreams.streamArnPattern,
      'The Kinesis video streams Amazon Connect creates for this instance\'s live media streaming: Connect names them ' +
        '<prefix>-connect-<instance alias>-contact-<generated id> and adds more as calls grow, and a stream ARN ends in ' +
        'its creation time, so the ids are unknown at deployment. Only GetDataEndpoint and GetMedia (read).',
    ),
    iam5(
      `${bucketArn}/${RECORDINGS_PREFIX}*`,
      `One WAV per call, ${RECORDINGS_PREFIX}<contactId>.wav, written by the worker and read by Transcribe Medical with the ` +
        'worker\'s credentials; the prefix is the narrowest resource for keys named by contact.',
    ),
    transcripts,
    jobs,
    iam5(
      '*',
      'transcribe:StartMedicalTranscriptionJob supports no resource-level permission (Service Authorization Reference, ' +
        'Amazon Transcribe); the statement is narrowed by its condition keys to output in this bucket, under ' +
        `${TRANSCRIPTS_PREFIX}, encrypted with the data key. The worker also files the notes its polling checks find ` +
        'finished: comprehendmedical:DetectEntitiesV2, InferICD10CM and InferRxNorm support no resource-level permission ' +
        'either (Amazon Comprehend Medical); they are stateless analyses of the text sent.',
    ),
  );
  Validations.of(pipeline.transcriptionWorker.policy).acknowledge(
    transcripts,
    jobs,
    iam5(
      '*',
      'comprehendmedical:DetectEntitiesV2, InferICD10CM and InferRxNorm support no resource-level permission (Service ' +
        'Authorization Reference, Amazon Comprehend Medical); they are stateless analyses of the text sent.',
    ),
  );
}
