/**
 * Statements more than one function of the symptom pipeline uses, each on its exact resources, and
 * the acknowledgements of the wildcards they contain. Every function of the pipeline adds its own
 * from these: the data key is usable only through the services that encrypt with it (`kms:ViaService`).
 *
 * @packageDocumentation
 */

import { Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import type { RecordingsBucket } from './RecordingsBucket';
import { TRANSCRIPTS_PREFIX } from './RecordingsBucket';

/** The data key, only through `services` (e.g. `dynamodb`, `sqs`), for decrypting and generating data keys. */
export function dataKeyThroughServices(scope: IConstruct, key: kms.IKey, ...services: readonly string[]): iam.PolicyStatement {
  const { region } = Stack.of(scope);
  return new iam.PolicyStatement({
    sid: 'DataKeyThroughServices',
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': services.map((service) => `${service}.${region}.amazonaws.com`) } },
  });
}

/** Symptom notes and capture jobs: get, put, update. */
export function symptomNotesStatement(notesTable: dynamodb.ITable): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'SymptomNotes',
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    resources: [notesTable.tableArn],
  });
}

/** What Lambda needs to send a failed asynchronous invocation to the dead-letter queue. */
export function asyncDeadLettersStatement(queue: sqs.IQueue): iam.PolicyStatement {
  return new iam.PolicyStatement({
    // Lambda sends a failed asynchronous invocation to the dead-letter queue with the function's role.
    sid: 'AsyncDeadLetters',
    actions: ['sqs:SendMessage'],
    resources: [queue.queueArn],
  });
}

/** ARN pattern of the pipeline's Transcribe Medical jobs, named `<jobPrefix><note id>`. */
export function transcriptionJobsArn(scope: IConstruct, jobPrefix: string): string {
  const { account, region, partition } = Stack.of(scope);
  return `arn:${partition}:transcribe:${region}:${account}:medical-transcription-job/${jobPrefix}*`;
}

/** ARN pattern of the pipeline's standard Transcribe jobs (messages in Spanish, issue 18), named as the medical ones. */
export function standardTranscriptionJobsArn(scope: IConstruct, jobPrefix: string): string {
  const { account, region, partition } = Stack.of(scope);
  return `arn:${partition}:transcribe:${region}:${account}:transcription-job/${jobPrefix}*`;
}

/** Reading the state of the pipeline's own Transcribe Medical jobs, and of its standard Transcribe jobs (Spanish). */
export function readTranscriptionJobsStatement(scope: IConstruct, jobPrefix: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'ReadTranscriptionJobs',
    actions: ['transcribe:GetMedicalTranscriptionJob', 'transcribe:GetTranscriptionJob'],
    resources: [transcriptionJobsArn(scope, jobPrefix), standardTranscriptionJobsArn(scope, jobPrefix)],
  });
}

/** A cdk-nag acknowledgement of AwsSolutions-IAM5 for one wildcard resource. */
export interface WildcardAcknowledgement {
  readonly id: string;
  readonly reason: string;
}

/** Acknowledges AwsSolutions-IAM5 for exactly `resource` (as cdk-nag prints it), with `reason`. */
export function wildcardAcknowledgement(resource: string, reason: string): WildcardAcknowledgement {
  return { id: `AwsSolutions-IAM5[Resource::${resource}]`, reason };
}

/** The recordings bucket's ARN as cdk-nag prints it in a finding: `<LogicalId.Arn>`. */
export function bucketArnInFindings(recordings: RecordingsBucket): string {
  const cfn = recordings.bucket.node.defaultChild;
  if (!(cfn instanceof s3.CfnBucket)) throw new Error('SymptomPipeline: the recordings bucket has no CfnBucket');
  return `<${String(Stack.of(recordings).resolve(cfn.logicalId))}.Arn>`;
}

/** The acknowledgement of reading the transcripts under their prefix (both workers do). */
export function transcriptsAcknowledgement(recordings: RecordingsBucket): WildcardAcknowledgement {
  return wildcardAcknowledgement(
    `${bucketArnInFindings(recordings)}/${TRANSCRIPTS_PREFIX}*`,
    `Transcript files of the pipeline's Transcribe Medical jobs, one per note (${TRANSCRIPTS_PREFIX}<job name>.json); the ` +
      'prefix is the narrowest resource for keys named by the job.',
  );
}

/** The acknowledgement of reading the pipeline's own Transcribe Medical jobs (both workers do). */
export function transcriptionJobsAcknowledgement(scope: IConstruct, jobPrefix: string): WildcardAcknowledgement {
  return wildcardAcknowledgement(
    transcriptionJobsArn(scope, jobPrefix),
    `Only the pipeline's own Transcribe Medical jobs, named ${jobPrefix}<note id> (one per note, the ` +
      'name derived from the note id so a retry finds the same job).',
  );
}

/** The acknowledgement of reading the pipeline's own standard Transcribe jobs (messages in Spanish; both workers do). */
export function standardTranscriptionJobsAcknowledgement(scope: IConstruct, jobPrefix: string): WildcardAcknowledgement {
  return wildcardAcknowledgement(
    standardTranscriptionJobsArn(scope, jobPrefix),
    `Only the pipeline's own standard Transcribe jobs (messages in Spanish, es-US), named ${jobPrefix}<note id> (one ` +
      'per note, the name derived from the note id so a retry finds the same job).',
  );
}
