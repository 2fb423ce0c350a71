import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { CareTeamTaskFlow } from './CareTeamTaskFlow';
import type { SymptomPipelineSettings } from './deploymentContext';
import type { EpicAccess } from './EpicAccess';
import type { NodeFunction } from './NodeFunction';
import type { RecordingsBucket } from './RecordingsBucket';
import { TRANSCRIPTS_PREFIX } from './RecordingsBucket';

/**
 * Filing a finished transcription: read the transcript, extract entities (Comprehend Medical), create
 * the care team's task in Amazon Connect, write the DocumentReference to Epic, notify the care team.
 * Both workers do it, the recording worker from its polling checks and the transcription worker from
 * Transcribe's events, with the same Epic settings as the Lex code hook.
 */
export interface NoteFilingProps {
  /** The Epic settings, signing key and session key the note is filed with. */
  readonly epicAccess: EpicAccess;
  /** Symptom notes and capture jobs. */
  readonly notesTable: dynamodb.ITable;
  /** The care-team topic told of each new note. */
  readonly careTeamTopic: sns.ITopic;
  /** The flow each message's care-team task runs (`CONNECT_TASK_FLOW_ARN`), and the permission to start one. */
  readonly taskFlow: CareTeamTaskFlow;
  /** The bucket of the recordings and the transcripts. */
  readonly recordings: RecordingsBucket;
  /** How a note's encounter is chosen, whether Epic requires one, and the note's LOINC type. */
  readonly filing: Pick<SymptomPipelineSettings, 'symptomEncounterStrategy' | 'symptomEncounterRequired' | 'symptomNoteLoinc'> &
    Partial<Pick<SymptomPipelineSettings, 'refillNoteLoinc'>>;
  /**
   * Public origin of the care-team inbox (`INBOX_BASE_URL`): each notification links to the note's
   * page there. @default no link: the notification says to open the inbox
   */
  readonly inboxBaseUrl?: string;
}

/** The environment filing a note reads (`fulfillment/runtime/workerConfig.ts`). */
export function noteFilingEnvironment(props: NoteFilingProps): Record<string, string> {
  return {
    ...props.epicAccess.environment,
    SYMPTOM_NOTES_TABLE_NAME: props.notesTable.tableName,
    SYMPTOM_NOTIFY_TOPIC_ARN: props.careTeamTopic.topicArn,
    CONNECT_TASK_FLOW_ARN: props.taskFlow.flowArn,
    SYMPTOM_ENCOUNTER_STRATEGY: props.filing.symptomEncounterStrategy,
    SYMPTOM_ENCOUNTER_REQUIRED: String(props.filing.symptomEncounterRequired),
    ...(props.filing.symptomNoteLoinc === undefined ? {} : { SYMPTOM_NOTE_LOINC: props.filing.symptomNoteLoinc }),
    ...(props.filing.refillNoteLoinc === undefined ? {} : { REFILL_NOTE_LOINC: props.filing.refillNoteLoinc }),
    RECORDINGS_BUCKET_NAME: props.recordings.bucket.bucketName,
    TRANSCRIPTS_PREFIX,
    ...(props.inboxBaseUrl === undefined ? {} : { INBOX_BASE_URL: props.inboxBaseUrl }),
  };
}

/**
 * Lets `fn` file notes: reach Epic ({@link EpicAccess.grantTo}), read the transcripts, extract
 * medical entities, start the care team's tasks on the task flow, publish to the care-team topic. The
 * data key (through S3, SNS, Secrets Manager) is `fn`'s own statement.
 */
export function grantNoteFiling(fn: NodeFunction, props: NoteFilingProps): void {
  props.epicAccess.grantTo(fn);
  props.taskFlow.grantStartTask(fn);
  fn.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ReadTranscripts',
      actions: ['s3:GetObject'],
      resources: [props.recordings.bucket.arnForObjects(`${TRANSCRIPTS_PREFIX}*`)],
    }),
  );
  fn.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ExtractMedicalEntities',
      // Comprehend Medical supports no resource-level permissions (Service Authorization Reference).
      actions: ['comprehendmedical:DetectEntitiesV2', 'comprehendmedical:InferICD10CM', 'comprehendmedical:InferRxNorm'],
      resources: ['*'],
    }),
  );
  fn.addToPolicy(
    new iam.PolicyStatement({
      sid: 'TranslateMessages',
      // A message in Spanish is translated to English for Comprehend Medical (issue 18). TranslateText's only
      // resource type is a custom terminology, which the pipeline does not use, so the resource is '*'.
      actions: ['translate:TranslateText'],
      resources: ['*'],
    }),
  );
  fn.addToPolicy(new iam.PolicyStatement({ sid: 'NotifyCareTeam', actions: ['sns:Publish'], resources: [props.careTeamTopic.topicArn] }));
}
