import { Annotations, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CareTeamTaskFlow } from './CareTeamTaskFlow';
import { CareTeamUserPool } from './CareTeamUserPool';
import { ContactFlow } from './ContactFlow';
import type { DeploymentSettings, InboxSettings, SymptomPipelineSettings } from './deploymentContext';
import { readInboxContext, readSymptomPipelineContext } from './deploymentContext';
import { readTextingContext, type TextingSettings } from './textingContext';
import { EncryptedTopic } from './EncryptedTopic';
import { EncryptionKey } from './EncryptionKey';
import { EpicAccess } from './EpicAccess';
import { InboxApi } from './InboxApi';
import { InboxFunction } from './InboxFunction';
import { JwksEndpoint } from './JwksEndpoint';
import { LexBots } from './LexBots';
import { LexCodeHook } from './LexCodeHook';
import { LiveTranscriber } from './LiveTranscriber';
import { keepLogicalId } from './logicalIds';
import { Network } from './Network';
import { SessionKey } from './SessionKey';
import { DEFAULT_SIGNING_KEY_ALIAS, SigningKey } from './SigningKey';
import { Storage } from './Storage';
import { SymptomPipeline } from './SymptomPipeline';
import { FLOW_PLACEHOLDERS } from '../../contract';

/** Props of {@link ClinicIvrStack}. */
export interface ClinicIvrStackProps extends StackProps {
  /** The validated deployment settings (`readDeploymentContext`). */
  readonly deployment: DeploymentSettings;
  /** The symptom pipeline's settings. @default read from the CDK context (`readSymptomPipelineContext`) */
  readonly symptomPipeline?: SymptomPipelineSettings;
  /** The care-team inbox's settings. @default read from the CDK context (`readInboxContext`) */
  readonly inbox?: InboxSettings;
  /** Texts to callers. @default read from the CDK context (`readTextingContext`) */
  readonly texting?: TextingSettings;
}

/**
 * The whole IVR in one stack. It only wires the constructs together and names the outputs an
 * operator needs after `cdk deploy` (README, "Deploy").
 */
export class ClinicIvrStack extends Stack {
  /** The key the fulfillment function signs Epic assertions with. */
  public readonly signingKey: SigningKey;
  /** During a rotation, the other key the JWKS publishes. */
  public readonly nextSigningKey: SigningKey | undefined;
  /** The customer-managed key of the data at rest. */
  public readonly encryptionKey: EncryptionKey;
  /** Tables and backups. */
  public readonly storage: Storage;
  /** VPC, NAT and endpoints. */
  public readonly network: Network;
  /** Topic of every alarm. */
  public readonly alarmTopic: EncryptedTopic;
  /** The public JWKS. */
  public readonly jwks: JwksEndpoint;
  /** The secret session tokens and lockout counters are keyed from. */
  public readonly sessionKey: SessionKey;
  /** The Epic settings and what a function needs to reach Epic. */
  public readonly epicAccess: EpicAccess;
  /** The Lex code hook. */
  public readonly lexCodeHook: LexCodeHook;
  /** The two Lex bots. */
  public readonly lexBots: LexBots;
  /** Recording, transcription and delivery of symptom notes. */
  public readonly symptomPipeline: SymptomPipeline;
  /** Transcribes a message while the caller speaks, for the triage decision at `#` (issue 17). */
  public readonly liveTranscriber: LiveTranscriber;
  /** The `patient-ivr` flow and the instance's associations with the bots. */
  public readonly contactFlow: ContactFlow;
  /** The `care-team-task` flow, which routes the care team's tasks to their queues. */
  public readonly careTeamTaskFlow: CareTeamTaskFlow;
  /** The care-team inbox's front door (HTTP API). */
  public readonly inboxApi: InboxApi;
  /** The care team's sign-in (Cognito user pool, hosted UI domain, app client, group). */
  public readonly careTeam: CareTeamUserPool;
  /** The care-team inbox function. */
  public readonly inboxFunction: InboxFunction;

  public constructor(scope: Construct, id: string, props: ClinicIvrStackProps) {
    super(scope, id, props);
    const { deployment } = props;
    if (deployment.isExample) {
      Annotations.of(this).addWarningV2(
        'clinic-ivr:exampleContext',
        'connectInstanceArn is the example from cdk.json: this synthesizes, but does not deploy. ' +
          'Pass your own values with -c (README, "Deploy").',
      );
    }

    this.encryptionKey = new EncryptionKey(this, 'DataKey');
    const encryptionKey = this.encryptionKey.key;
    this.storage = new Storage(this, 'Storage', { encryptionKey });
    this.network = new Network(this, 'Network', { encryptionKey });
    this.alarmTopic = new EncryptedTopic(this, 'Alarms', { displayName: 'Clinic IVR alarms', encryptionKey });

    this.signingKey = this.signingKeyNamed(deployment.signingKeyAlias);
    this.nextSigningKey = deployment.nextSigningKeyAlias === undefined ? undefined : this.signingKeyNamed(deployment.nextSigningKeyAlias);
    this.jwks = new JwksEndpoint(this, 'Jwks', {
      signingKey: this.signingKey.key,
      nextSigningKey: this.nextSigningKey?.key,
      encryptionKey,
      vpc: this.network.vpc,
    });

    this.sessionKey = new SessionKey(this, 'SessionKey', { encryptionKey });
    this.epicAccess = new EpicAccess(this, 'EpicAccess', {
      settings: deployment.epic,
      signingKey: this.signingKey.key,
      sessionKey: this.sessionKey,
    });
    // Read first: the code hook speaks and texts appointment times in the clinic's zone, as the inbox shows them.
    const inbox = props.inbox ?? readInboxContext(this.node);
    // 'Fulfillment' is the id the code hook was first deployed with: it names the log group, role and alarms.
    this.lexCodeHook = new LexCodeHook(this, 'Fulfillment', {
      epicAccess: this.epicAccess,
      encryptionKey,
      lockoutTable: this.storage.lockoutTable,
      auditTable: this.storage.auditTable,
      vpc: this.network.vpc,
      alarmTopic: this.alarmTopic.topic,
      reservedConcurrentExecutions: deployment.fulfillmentReservedConcurrency,
      texting: props.texting ?? readTextingContext(this.node),
      clinicTimeZone: inbox.clinicTimeZone,
    });

    // No conversation logs: Lex text logs hold what callers said and the medications read back (PHI),
    // and the design keeps PHI out of logs. The search strategy must match EPIC_PATIENT_SEARCH.
    this.lexBots = new LexBots(this, 'LexBots', {
      fulfillment: this.lexCodeHook.function.function,
      searchStrategy: deployment.epic.patientSearch,
    });
    // The inbox's front door first: the pipeline's notifications, the user pool and the inbox
    // function all name its URL, and none of them is named by it (no dependency cycle).
    this.inboxApi = new InboxApi(this, 'InboxApi', { encryptionKey, alarmTopic: this.alarmTopic.topic });
    const inboxBaseUrl = this.inboxApi.baseUrl;
    const symptomSettings = props.symptomPipeline ?? readSymptomPipelineContext(this.node);
    // Before the pipeline: its workers start tasks on this flow and name it in their environment.
    this.careTeamTaskFlow = new CareTeamTaskFlow(this, 'CareTeamTaskFlow', {
      instanceArn: deployment.connectInstanceArn,
      careTeamQueueArn: deployment.careTeamQueueArn,
      urgentQueueArn: deployment.urgentQueueArn,
    });
    this.symptomPipeline = new SymptomPipeline(this, 'SymptomPipeline', {
      settings: symptomSettings,
      instanceArn: deployment.connectInstanceArn,
      encryptionKey,
      notesTable: this.storage.notesTable,
      epicAccess: this.epicAccess,
      sessionKey: this.sessionKey,
      vpc: this.network.vpc,
      alarmTopic: this.alarmTopic.topic,
      inboxBaseUrl,
      taskFlow: this.careTeamTaskFlow,
    });
    this.liveTranscriber = new LiveTranscriber(this, 'LiveTranscriber', {
      encryptionKey,
      vpc: this.network.vpc,
      alarmTopic: this.alarmTopic.topic,
      notesTable: this.storage.notesTable,
      mediaStreams: this.symptomPipeline.mediaStreams,
      reservedConcurrency: symptomSettings.liveTranscriberConcurrency,
    });
    this.liveTranscriber.allowStartBy(this.symptomPipeline.recordingControl);
    // Confirmed refill requests go to the capture queue; the recording worker files them off the call path.
    this.lexCodeHook.acceptRefillRequests(this.symptomPipeline.captureQueue);
    this.careTeam = new CareTeamUserPool(this, 'CareTeam', { inboxBaseUrl, domainPrefix: inbox.domainPrefix });
    this.inboxFunction = new InboxFunction(this, 'InboxFunction', {
      inboxBaseUrl,
      userPool: this.careTeam,
      epicAccess: this.epicAccess,
      notesTable: this.storage.notesTable,
      auditTable: this.storage.auditTable,
      recordings: this.symptomPipeline.recordings,
      clinicTimeZone: inbox.clinicTimeZone,
      ...(symptomSettings.symptomNoteLoinc === undefined ? {} : { noteLoinc: symptomSettings.symptomNoteLoinc }),
      ...(symptomSettings.refillNoteLoinc === undefined ? {} : { refillNoteLoinc: symptomSettings.refillNoteLoinc }),
      encryptionKey,
      vpc: this.network.vpc,
      alarmTopic: this.alarmTopic.topic,
    });
    this.inboxApi.routeTo(this.inboxFunction);
    this.keepDeployedLogicalIds();

    this.contactFlow = new ContactFlow(this, 'PatientIvrFlow', {
      instanceArn: deployment.connectInstanceArn,
      authAliasArn: this.lexBots.authAliasArn,
      servicesAliasArn: this.lexBots.servicesAliasArn,
      transferQueueArn: deployment.transferQueueArn,
      schedulingQueueArn: deployment.schedulingQueueArn,
      urgentQueueArn: deployment.urgentQueueArn,
      ...(deployment.afterHoursNurseNumber === undefined ? {} : { afterHoursNurseNumber: deployment.afterHoursNurseNumber }),
      defaultLanguage: deployment.defaultLanguage,
      functions: { [FLOW_PLACEHOLDERS.recordingControlFunction]: this.symptomPipeline.recordingControl.function },
    });

    this.addOutputs(deployment);
  }

  /**
   * The first two zones of the region, resolved by CloudFormation at deployment (`Fn::GetAZs`), as
   * in an environment-agnostic stack. A stack with an account would otherwise ask AWS for its zones
   * during synthesis (a context lookup), and synthesis must work offline; CDK documents overriding
   * this getter for that.
   */
  public override get availabilityZones(): string[] {
    return [0, 1].map((index) => Fn.select(index, Fn.getAzs()));
  }

  /**
   * The Epic settings and the session-key secret were first deployed inside the `Fulfillment`
   * construct (now the Lex code hook alone). Their logical ids stay those of that first deployment,
   * so CloudFormation keeps the deployed parameters and secret instead of creating new ones: a new
   * secret would hold a new random value (every session token in flight stops verifying), and a
   * parameter under a new id would fail to create, its name still held by the deployed one.
   */
  private keepDeployedLogicalIds(): void {
    const parameterIds: Record<string, string> = {
      EPIC_CLIENT_ID: 'FulfillmentEPICCLIENTID04998EE3',
      EPIC_TOKEN_URL: 'FulfillmentEPICTOKENURL87BEC483',
      EPIC_FHIR_BASE_URL: 'FulfillmentEPICFHIRBASEURLFCAD382F',
      EPIC_FHIR_VERSION: 'FulfillmentEPICFHIRVERSION45D84319',
      EPIC_PATIENT_SEARCH: 'FulfillmentEPICPATIENTSEARCH2B653B88',
    };
    for (const [name, parameter] of Object.entries(this.epicAccess.parameters)) {
      const logicalId = parameterIds[name];
      if (logicalId === undefined) throw new Error(`ClinicIvrStack: no deployed logical id for the Epic setting ${name}`);
      keepLogicalId(parameter, logicalId);
    }
    keepLogicalId(this.sessionKey.secret, 'FulfillmentSessionKeySecret7B090428');
    // The pipeline functions' error alarms were first deployed beside the functions, not inside
    // them: the same ids keep their state and history instead of replacing three alarms.
    const { recordingControl, recordingWorker, transcriptionWorker } = this.symptomPipeline;
    keepLogicalId(recordingControl.errorsAlarm, 'SymptomPipelineCaptureFunctionErrorsAlarm7F0EA179');
    keepLogicalId(recordingWorker.errorsAlarm, 'SymptomPipelineRecordingWorkerErrorsAlarm84E0CCCC');
    keepLogicalId(transcriptionWorker.errorsAlarm, 'SymptomPipelineTranscriptionWorkerErrorsAlarmB6AC62A3');
  }

  /**
   * The signing key with this alias. The first key keeps the construct id it has always had, so
   * its logical id (and the key itself) never changes; a rotation's keys get ids from their alias.
   */
  private signingKeyNamed(aliasName: string): SigningKey {
    const id = aliasName === DEFAULT_SIGNING_KEY_ALIAS ? 'EpicSigningKey' : `EpicSigningKey-${aliasName.replaceAll('/', '-')}`;
    return new SigningKey(this, id, { aliasName });
  }

  /** What an operator needs after deploying (README, "Deploy", "Outputs"). */
  private addOutputs(deployment: Pick<DeploymentSettings, 'transferQueueArn' | 'schedulingQueueArn' | 'careTeamQueueArn' | 'urgentQueueArn'>): void {
    const { transferQueueArn } = deployment;
    const outputs: Record<string, { value: string; description: string }> = {
      JwksUrl: { value: this.jwks.url, description: 'Register this JWKS URL with Epic (Backend Systems app)' },
      EgressIp: {
        value: this.network.egressIps.join(','),
        description: 'Public IP all calls to Epic come from, for an Epic-side allow-list',
      },
      PatientAuthAliasArn: { value: this.lexBots.authAliasArn, description: 'Lex alias of the PatientAuth bot (used by the flow)' },
      PatientServicesAliasArn: { value: this.lexBots.servicesAliasArn, description: 'Lex alias of the PatientServices bot (used by the flow)' },
      ContactFlowId: { value: this.contactFlow.flowId, description: 'The patient-ivr flow: attach a phone number to it in Connect' },
      TransferQueueArn: { value: transferQueueArn, description: 'Queue the flow transfers callers to (npm run import-flows reads it)' },
      SchedulingQueueArn: {
        value: deployment.schedulingQueueArn,
        description: 'Queue the flow transfers callers to who want to change an appointment (npm run import-flows reads it)',
      },
      CareTeamTaskFlowArn: {
        value: this.careTeamTaskFlow.flowArn,
        description: "The care-team-task flow every care-team task runs (the symptom workers' CONNECT_TASK_FLOW_ARN)",
      },
      CareTeamQueueArn: { value: deployment.careTeamQueueArn, description: "Queue of the care team's routine tasks (npm run import-flows reads it)" },
      UrgentQueueArn: { value: deployment.urgentQueueArn, description: "Queue of the care team's urgent tasks (npm run import-flows reads it)" },
      AlarmTopicArn: { value: this.alarmTopic.topic.topicArn, description: 'Subscribe on-call people to this SNS topic' },
      SigningKeyArn: { value: this.signingKey.key.keyArn, description: 'KMS key that signs Epic client assertions' },
      RecordingsBucketName: {
        value: this.symptomPipeline.recordings.bucket.bucketName,
        description: 'S3 bucket of the symptom recordings and transcripts (PHI, expired after recordingRetentionDays)',
      },
      CareTeamTopicArn: {
        value: this.symptomPipeline.careTeam.topic.topicArn,
        description: 'Subscribe the care team to this SNS topic: one message per new symptom note',
      },
      InboxUrl: {
        value: `${this.inboxApi.baseUrl}/`,
        description: 'The care-team inbox: send clinicians here; each care-team notification links to a message page under it',
      },
      UserPoolId: {
        value: this.careTeam.userPool.userPoolId,
        description: 'Cognito user pool of the care team: add users here and to its care-team group (README, "Adding the care team")',
      },
      UserPoolDomain: {
        value: this.careTeam.oauthUrl,
        description: 'Cognito hosted sign-in domain of the inbox (where clinicians enter their password and TOTP code)',
      },
      SymptomCaptureFunctionArn: {
        value: this.symptomPipeline.recordingControl.function.functionArn,
        description: 'The capture function the flow invokes (placeholder SymptomCaptureFunctionArn)',
      },
    };
    if (this.nextSigningKey !== undefined) {
      outputs['NextSigningKeyArn'] = { value: this.nextSigningKey.key.keyArn, description: 'The other key the JWKS publishes during a rotation' };
    }
    for (const [id, output] of Object.entries(outputs)) new CfnOutput(this, id, output);
  }
}
