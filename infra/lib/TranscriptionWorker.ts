import { Duration, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functionErrorsAlarm } from './alarms';
import { NodeFunction } from './NodeFunction';
import type { PipelineFunctionProps } from './pipelineFunction';
import type { NoteFilingProps } from './noteFiling';
import { grantNoteFiling, noteFilingEnvironment } from './noteFiling';
import {
  asyncDeadLettersStatement,
  dataKeyThroughServices,
  readTranscriptionJobsStatement,
  symptomNotesStatement,
  standardTranscriptionJobsAcknowledgement,
  transcriptionJobsAcknowledgement,
  transcriptsAcknowledgement,
  wildcardAcknowledgement,
} from './symptomPipelinePolicies';

/** Props of {@link TranscriptionWorker}. */
export interface TranscriptionWorkerProps extends PipelineFunctionProps {
  /** What filing a note needs: Epic access, the notes table, the care-team topic, the bucket, the encounter settings. */
  readonly noteFiling: NoteFilingProps;
  /** Prefix of the pipeline's Transcribe Medical job names. */
  readonly jobPrefix: string;
  /** Where failed asynchronous invocations (EventBridge) land after their retries. */
  readonly failedEventsQueue: sqs.IQueue;
}

/**
 * The transcription worker (`fulfillment/functions/transcription-worker/handler.ts`): on a pipeline
 * job's COMPLETED or FAILED event, extracts entities, writes the DocumentReference and notifies the
 * care team. Asynchronous invocations get two retries within an hour, then go to the failed-events
 * queue. Alarm: function errors.
 */
export class TranscriptionWorker extends NodeFunction {
  /** Any error of the function in five minutes. */
  public readonly errorsAlarm: cloudwatch.Alarm;

  public constructor(scope: Construct, id: string, props: TranscriptionWorkerProps) {
    super(scope, id, {
      entry: 'fulfillment/functions/transcription-worker/handler.ts',
      description: 'Clinic IVR: transcript to entities, Epic DocumentReference and care-team notification',
      encryptionKey: props.encryptionKey,
      vpc: props.vpc,
      timeout: Duration.minutes(2),
      memorySize: 1024,
      reservedConcurrentExecutions: 5,
      environment: {
        ...noteFilingEnvironment(props.noteFiling),
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-transcription',
      },
    });
    grantNoteFiling(this, props.noteFiling);
    this.addToPolicy(symptomNotesStatement(props.noteFiling.notesTable));
    this.addToPolicy(readTranscriptionJobsStatement(this, props.jobPrefix));
    this.addToPolicy(asyncDeadLettersStatement(props.failedEventsQueue));
    this.addToPolicy(dataKeyThroughServices(this, props.encryptionKey, 'secretsmanager', 'dynamodb', 's3', 'sns', 'sqs'));
    Validations.of(this.policy).acknowledge(
      transcriptsAcknowledgement(props.noteFiling.recordings),
      transcriptionJobsAcknowledgement(this, props.jobPrefix),
      standardTranscriptionJobsAcknowledgement(this, props.jobPrefix),
      wildcardAcknowledgement(
        '*',
        'comprehendmedical:DetectEntitiesV2, InferICD10CM and InferRxNorm support no resource-level permission (Service ' +
          'Authorization Reference, Amazon Comprehend Medical), nor does translate:TranslateText without a terminology ' +
          '(Amazon Translate); they are stateless analyses of the text sent.',
      ),
    );

    // Asynchronous invocations (EventBridge): two retries within an hour, then the failed-events queue.
    this.resource.deadLetterConfig = { targetArn: props.failedEventsQueue.queueArn };
    this.function.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(1) });
    this.errorsAlarm = functionErrorsAlarm(
      this,
      this,
      'The transcription worker failed (crash, timeout or out of memory); see its log group.',
      props.alarmTopic,
    );
  }
}
