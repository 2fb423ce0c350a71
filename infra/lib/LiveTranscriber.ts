import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ALARM_PERIOD, functionErrorsAlarm, notifyingAlarm } from './alarms';
import type { MediaStreams } from './MediaStreams';
import { NodeFunction } from './NodeFunction';
import type { PipelineFunctionProps } from './pipelineFunction';
import { dataKeyThroughServices, symptomNotesStatement, wildcardAcknowledgement } from './symptomPipelinePolicies';

/**
 * Run time of one live transcription: the message (2 minutes after a prompt of about 25 s, which
 * streaming covers), Transcribe's last results and the store's writes. The code's own deadline
 * (`DEFAULT_LIVE_LIMITS.deadlineMs`, 210 s) is below it, so the end is always recorded.
 */
export const LIVE_TRANSCRIBER_TIMEOUT = Duration.minutes(4);

/**
 * How long Lambda keeps a start event it could not run yet (throttled at the reserved concurrency):
 * past a minute the caller has spoken half the message and the batch pipeline is the better answer.
 */
export const LIVE_START_MAX_EVENT_AGE = Duration.seconds(60);

/** Props of {@link LiveTranscriber}. */
export interface LiveTranscriberProps extends PipelineFunctionProps {
  /** The notes table: live transcripts are `live#<contactId>` items beside the capture jobs. */
  readonly notesTable: dynamodb.ITable;
  /** The instance's media streams, where the callers' audio is read while they speak. */
  readonly mediaStreams: MediaStreams;
  /**
   * Concurrent live transcriptions: one per message being recorded. Size it to the peak of
   * concurrent recordings, and at most the account's Transcribe streaming quota (see the README).
   */
  readonly reservedConcurrency: number;
}

/**
 * The live-transcriber function (`fulfillment/functions/live-transcriber/handler.ts`): invoked
 * asynchronously by the recording-control function when a message starts, it reads the caller's
 * track from Kinesis Video Streams as Connect writes it and streams it to Transcribe Medical
 * streaming, storing final segments on the notes table. Asynchronous invocations are never retried
 * (a retry would come after the caller's `#`; the function claims the contact, so a duplicate does
 * nothing) and expire after {@link LIVE_START_MAX_EVENT_AGE}. Alarms: function errors, and throttles
 * (a start that found no capacity gives that caller no live triage).
 */
export class LiveTranscriber extends NodeFunction {
  /** Any error of the function in five minutes. */
  public readonly errorsAlarm: cloudwatch.Alarm;
  /** Any throttled start in five minutes: the reserved concurrency is too small for the calls. */
  public readonly throttlesAlarm: cloudwatch.Alarm;

  public constructor(scope: Construct, id: string, props: LiveTranscriberProps) {
    super(scope, id, {
      entry: 'fulfillment/functions/live-transcriber/handler.ts',
      description: 'Clinic IVR: live transcription of a message (Kinesis Video Streams to Transcribe Medical streaming)',
      encryptionKey: props.encryptionKey,
      vpc: props.vpc,
      timeout: LIVE_TRANSCRIBER_TIMEOUT,
      memorySize: 512,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: {
        SYMPTOM_NOTES_TABLE_NAME: props.notesTable.tableName,
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-live-transcriber',
      },
    });
    this.addToPolicy(symptomNotesStatement(props.notesTable));
    for (const statement of props.mediaStreams.readStatements()) this.addToPolicy(statement);
    this.addToPolicy(
      new iam.PolicyStatement({
        sid: 'StreamToTranscribeMedical',
        // No resource type and no condition key (Service Authorization Reference, Amazon Transcribe).
        // StartStreamTranscription: a message in Spanish streams to standard Transcribe (es-US; issue 18).
        actions: ['transcribe:StartMedicalStreamTranscription', 'transcribe:StartStreamTranscription'],
        resources: ['*'],
      }),
    );
    this.addToPolicy(dataKeyThroughServices(this, props.encryptionKey, 'dynamodb'));
    this.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: LIVE_START_MAX_EVENT_AGE });

    Validations.of(this.resource).acknowledge({
      id: 'HIPAA.Security-LambdaDLQ',
      reason:
        'Invoked asynchronously with no retry and a 60 s event age on purpose: a live transcription that fails or ' +
        'starts late is of no use to the caller on the line, and the message is still recorded and transcribed by ' +
        'the batch pipeline (which has its own dead-letter queues). Failures and throttles have alarms; the event ' +
        'holds only a contact id and where the audio is.',
    });
    Validations.of(this.policy).acknowledge(
      props.mediaStreams.readAcknowledgement(),
      wildcardAcknowledgement(
        '*',
        'transcribe:StartMedicalStreamTranscription and StartStreamTranscription (messages in Spanish) support no ' +
          'resource-level permission and no condition key (Service Authorization Reference, Amazon Transcribe); each opens a stream that returns text to the caller and ' +
          'stores nothing in the account.',
      ),
    );
    this.errorsAlarm = functionErrorsAlarm(this, this, 'The live transcriber failed (crash, timeout or out of memory); callers get no live triage, see its log group.', props.alarmTopic);
    this.throttlesAlarm = notifyingAlarm(this, 'ThrottlesAlarm', {
      metric: this.function.metricThrottles({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
      description:
        'Live transcriptions were throttled at the reserved concurrency: those callers got no live triage (triage unknown). ' +
        'Raise the liveTranscriberConcurrency context value, within the Transcribe Medical streaming quota.',
      topic: props.alarmTopic,
    });
  }

  /**
   * Lets `starter` (the recording-control function) start live transcriptions: `lambda:InvokeFunction`
   * on this function and its name as `LIVE_TRANSCRIBER_FUNCTION`.
   */
  public allowStartBy(starter: NodeFunction): void {
    starter.addToPolicy(new iam.PolicyStatement({ sid: 'StartLiveTranscriber', actions: ['lambda:InvokeFunction'], resources: [this.function.functionArn] }));
    starter.function.addEnvironment('LIVE_TRANSCRIBER_FUNCTION', this.function.functionName);
  }
}
