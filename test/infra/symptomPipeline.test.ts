import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureJobStore, liveTriageFromConfig } from '../../fulfillment/functions/recording-control/deps';
import { loadCaptureConfig } from '../../fulfillment/runtime/config';
import { awsWorkerConfig } from '../../fulfillment/runtime/workerConfig';
import { readSymptomPipelineContext } from '../../infra/lib/deploymentContext';
import type { JsonObject } from '../support/lexTemplate';
import { arr, obj } from '../support/lexTemplate';
import type { SynthesizedApp, TemplateResource } from '../support/infraApp';
import { arnOf, resourceById, resources, statements, synthesizeClinicIvr } from '../support/infraApp';
import { cdkJsonContext, contextReaders } from '../support/cdkJson';

/** The statements of the code policy (not the runtime policy) of the function with construct id prefix `prefix`. */
function codeStatements(app: SynthesizedApp, prefix: string): readonly JsonObject[] {
  return statements(resourceById(app.template, 'AWS::IAM::ManagedPolicy', `SymptomPipeline${prefix}Policy`).props['PolicyDocument']);
}

/** The statement with this Sid. */
function sid(list: readonly JsonObject[], name: string): JsonObject {
  const found = list.find((statement) => statement['Sid'] === name);
  if (found === undefined) throw new Error(`no statement ${name} in ${list.map((statement) => String(statement['Sid'])).join(', ')}`);
  return found;
}

/** Environment variables of a function. */
function environment(fn: TemplateResource): JsonObject {
  return obj(obj(fn.props['Environment'])['Variables']);
}

/** Expiration days of the recordings bucket's lifecycle rules, by prefix. */
function expirationDays(app: SynthesizedApp): Record<string, unknown> {
  const bucket = resourceById(app.template, 'AWS::S3::Bucket', 'SymptomPipelineRecordingsBucket');
  const rules = arr(obj(bucket.props['LifecycleConfiguration'])['Rules']).map(obj);
  return Object.fromEntries(rules.map((rule) => [String(rule['Prefix']), rule['ExpirationInDays']]));
}

const INSTANCE_ARN = String(cdkJsonContext()['connectInstanceArn']);

describe('symptom pipeline', () => {
  let synthesized: SynthesizedApp;
  let ids: { dataKey: string; notes: string; bucket: string; queue: string; deadLetters: string; failedEvents: string; secret: string; topic: string };
  let fns: { capture: TemplateResource; recording: TemplateResource; transcription: TemplateResource };

  beforeAll(() => {
    synthesized = synthesizeClinicIvr();
    const { template } = synthesized;
    ids = {
      dataKey: resourceById(template, 'AWS::KMS::Key', 'DataKey').id,
      notes: resourceById(template, 'AWS::DynamoDB::Table', 'StorageNotesTable').id,
      bucket: resourceById(template, 'AWS::S3::Bucket', 'SymptomPipelineRecordingsBucket').id,
      queue: resourceById(template, 'AWS::SQS::Queue', 'SymptomPipelineCaptureQueue').id,
      deadLetters: resourceById(template, 'AWS::SQS::Queue', 'SymptomPipelineCaptureDeadLetterQueue').id,
      failedEvents: resourceById(template, 'AWS::SQS::Queue', 'SymptomPipelineFailedEventsQueue').id,
      secret: resourceById(template, 'AWS::SecretsManager::Secret', 'FulfillmentSessionKeySecret').id,
      topic: resourceById(template, 'AWS::SNS::Topic', 'SymptomPipelineCareTeamTopic').id,
    };
    fns = {
      capture: resourceById(template, 'AWS::Lambda::Function', 'SymptomPipelineCaptureFunction'),
      recording: resourceById(template, 'AWS::Lambda::Function', 'SymptomPipelineRecordingWorkerFunction'),
      transcription: resourceById(template, 'AWS::Lambda::Function', 'SymptomPipelineTranscriptionWorkerFunction'),
    };
  }, 120_000);

  afterAll(() => rmSync(synthesized.outdir, { recursive: true, force: true }));

  describe('recordings bucket', () => {
    it('encrypts with the customer-managed key, blocks public access, keeps versions and logs access to its own bucket', () => {
      // Act
      const bucket = resourceById(synthesized.template, 'AWS::S3::Bucket', 'SymptomPipelineRecordingsBucket');
      const logs = resourceById(synthesized.template, 'AWS::S3::Bucket', 'SymptomPipelineRecordingsAccessLogs');
      // Assess
      expect(bucket.props['BucketEncryption']).toEqual({
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arnOf(ids.dataKey) } },
        ],
      });
      expect(bucket.props['PublicAccessBlockConfiguration']).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.props['VersioningConfiguration']).toEqual({ Status: 'Enabled' });
      expect(obj(bucket.props['LoggingConfiguration'])['DestinationBucketName']).toEqual({ Ref: logs.id });
      expect(bucket.resource['DeletionPolicy']).toBe('Retain');
    });

    it('refuses requests without TLS', () => {
      // Act
      const policy = resources(synthesized.template, 'AWS::S3::BucketPolicy').find((p) => JSON.stringify(p.props['Bucket']) === JSON.stringify({ Ref: ids.bucket }));
      // Assess
      expect(statements(policy?.props['PolicyDocument'])).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    it('expires recordings and transcripts after 90 days by default', () => {
      // Assess
      expect(expirationDays(synthesized)).toEqual({ 'recordings/': 90, 'transcripts/': 90 });
    });

    it('expires them after recordingRetentionDays from the context', () => {
      // Prepare
      const custom = synthesizeClinicIvr({ recordingRetentionDays: '30' });
      try {
        // Act
        const days = expirationDays(custom);
        // Assess
        expect(days).toEqual({ 'recordings/': 30, 'transcripts/': 30 });
      } finally {
        rmSync(custom.outdir, { recursive: true, force: true });
      }
    }, 120_000);
  });

  describe('queues', () => {
    it('redrives the capture queue to its dead-letter queue after 5 receives, both encrypted with the key', () => {
      // Act
      const queue = resourceById(synthesized.template, 'AWS::SQS::Queue', 'SymptomPipelineCaptureQueue');
      const deadLetters = resourceById(synthesized.template, 'AWS::SQS::Queue', 'SymptomPipelineCaptureDeadLetterQueue');
      // Assess
      expect(queue.props['RedrivePolicy']).toEqual({ deadLetterTargetArn: arnOf(ids.deadLetters), maxReceiveCount: 5 });
      expect(queue.props['KmsMasterKeyId']).toEqual(arnOf(ids.dataKey));
      expect(deadLetters.props['KmsMasterKeyId']).toEqual(arnOf(ids.dataKey));
      expect(deadLetters.props['MessageRetentionPeriod']).toBe(14 * 24 * 3600);
    });

    it('hides a message six times the recording worker\'s timeout, and feeds the worker one message at a time with partial failures', () => {
      // Act
      const queue = resourceById(synthesized.template, 'AWS::SQS::Queue', 'SymptomPipelineCaptureQueue');
      const mapping = resourceById(synthesized.template, 'AWS::Lambda::EventSourceMapping', 'SymptomPipelineRecordingWorker');
      // Assess
      expect(queue.props['VisibilityTimeout']).toBe(6 * Number(fns.recording.props['Timeout']));
      expect(mapping.props).toMatchObject({
        EventSourceArn: arnOf(ids.queue),
        FunctionName: { Ref: fns.recording.id },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    it('alarms on the alarm topic when a message waits in either dead-letter queue', () => {
      // Prepare
      const alarmTopic = resourceById(synthesized.template, 'AWS::SNS::Topic', 'AlarmsTopic').id;
      // Act
      const watched = resources(synthesized.template, 'AWS::CloudWatch::Alarm')
        .filter((alarm) => alarm.props['MetricName'] === 'ApproximateNumberOfMessagesVisible')
        .map((alarm) => ({ queue: arr(alarm.props['Dimensions']).map(obj)[0]?.['Value'], actions: alarm.props['AlarmActions'] }));
      // Assess
      expect(watched).toEqual(
        expect.arrayContaining([
          { queue: { 'Fn::GetAtt': [ids.deadLetters, 'QueueName'] }, actions: [{ Ref: alarmTopic }] },
          { queue: { 'Fn::GetAtt': [ids.failedEvents, 'QueueName'] }, actions: [{ Ref: alarmTopic }] },
        ]),
      );
    });
  });

  describe('functions', () => {
    it('give each function the environment its code reads', () => {
      // Act
      const [capture, recording, transcription] = [fns.capture, fns.recording, fns.transcription].map(environment);
      // Assess
      expect(capture).toMatchObject({
        SESSION_KEY_SECRET_ARN: { Ref: ids.secret },
        SYMPTOM_NOTES_TABLE_NAME: { Ref: ids.notes },
        CAPTURE_QUEUE_URL: { Ref: ids.queue },
        CONNECT_INSTANCE_ARN: INSTANCE_ARN,
        KVS_STREAM_NAME_PREFIX: 'clinic-ivr-connect-my-clinic-contact-',
        SYMPTOM_NOTIFY_TOPIC_ARN: { Ref: ids.topic },
        CONNECT_TASK_FLOW_ARN: { 'Fn::GetAtt': [resourceById(synthesized.template, 'AWS::Connect::ContactFlow', 'CareTeamTaskFlow').id, 'ContactFlowArn'] },
        INBOX_BASE_URL: expect.anything(),
        LIVE_TRANSCRIBER_FUNCTION: { Ref: resourceById(synthesized.template, 'AWS::Lambda::Function', 'LiveTranscriberFunction').id },
      });
      expect(recording).toMatchObject({
        SYMPTOM_NOTES_TABLE_NAME: { Ref: ids.notes },
        RECORDINGS_BUCKET_NAME: { Ref: ids.bucket },
        RECORDINGS_KMS_KEY_ARN: arnOf(ids.dataKey),
        TRANSCRIPTS_PREFIX: 'transcripts/',
        CAPTURE_QUEUE_URL: { Ref: ids.queue },
      });
      expect(transcription).toMatchObject({
        CONFIG_PARAMETER_PATH: '/clinic-ivr/',
        SESSION_KEY_SECRET_ARN: { Ref: ids.secret },
        SIGNING_KMS_KEY_ID: arnOf(resourceById(synthesized.template, 'AWS::KMS::Key', 'EpicSigningKey').id),
        SYMPTOM_NOTES_TABLE_NAME: { Ref: ids.notes },
        SYMPTOM_NOTIFY_TOPIC_ARN: { Ref: ids.topic },
      });
    });

    it('gives each worker every variable its own configuration check requires in Lambda', () => {
      // Prepare: the synthesized environments, CloudFormation references standing in for their values
      const resolved: Record<string, string> = {
        CAPTURE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/clinic-ivr-capture',
        RECORDINGS_BUCKET_NAME: 'clinic-ivr-recordings-111122223333',
        RECORDINGS_KMS_KEY_ARN: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        SYMPTOM_NOTIFY_TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:clinic-ivr-care-team',
        CONNECT_TASK_FLOW_ARN: `${INSTANCE_ARN}/contact-flow/33333333-4444-5555-6666-777777777777`,
        INBOX_BASE_URL: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      };
      const asEnv = (fn: TemplateResource): NodeJS.ProcessEnv => ({
        AWS_LAMBDA_FUNCTION_NAME: 'worker',
        ...Object.fromEntries(
          Object.entries(environment(fn)).map(([name, value]) => [name, typeof value === 'string' ? value : (resolved[name] ?? `resolved-${name}`)]),
        ),
      });
      const [recording, transcription] = [asEnv(fns.recording), asEnv(fns.transcription)];
      // Act / Assess: the recording worker also files notes from its polling checks, so both need Epic
      expect(() => loadCaptureConfig(asEnv(fns.capture))).not.toThrow();
      // The capture function has all the live triage needs: it is on in AWS.
      const capture = loadCaptureConfig(asEnv(fns.capture));
      expect(liveTriageFromConfig(capture, createCaptureJobStore(capture.notesTable))).toHaveProperty('triage');
      expect(() => awsWorkerConfig(recording, 'recording')).not.toThrow();
      expect(() => awsWorkerConfig(transcription, 'completion')).not.toThrow();
      for (const env of [recording, transcription]) expect(env).toMatchObject({ SYMPTOM_ENCOUNTER_STRATEGY: 'sameDay', SYMPTOM_ENCOUNTER_REQUIRED: 'true' });
      for (const env of [recording, transcription]) {
        for (const name of ['CONFIG_PARAMETER_PATH', 'CONFIG_PARAMETER_NAMES', 'SESSION_KEY_SECRET_ARN', 'SIGNING_KMS_KEY_ID', 'SYMPTOM_NOTIFY_TOPIC_ARN']) {
          expect(env[name], name).toBeDefined();
        }
      }
    });

    it('lets the recording worker file notes and find a stored WAV (ListBucket: S3 answers 403 for a missing key without it)', () => {
      // Act
      const actions = codeStatements(synthesized, 'RecordingWorker').flatMap((statement) => [statement['Action']].flat());
      // Assess
      expect(actions).toEqual(expect.arrayContaining(['s3:ListBucket', 'comprehendmedical:DetectEntitiesV2', 'sns:Publish', 'kms:Sign']));
    });

    it('ends the capture function before Connect stops waiting (6 s < 8 s) and lets the recording worker read a 2-minute message (5 min)', () => {
      // Assess
      expect(fns.capture.props['Timeout']).toBe(6);
      expect(fns.recording.props['Timeout']).toBe(300);
    });

    it('runs every function in the VPC with reserved concurrency', () => {
      // Assess
      for (const fn of Object.values(fns)) {
        expect(arr(obj(fn.props['VpcConfig'])['SubnetIds']).length).toBeGreaterThan(0);
        expect(Number(fn.props['ReservedConcurrentExecutions'])).toBeGreaterThan(0);
      }
    });

    it('bounds the retries of the EventBridge-invoked functions and sends what still fails to the failed-events queue', () => {
      // Act
      const configs = resources(synthesized.template, 'AWS::Lambda::EventInvokeConfig');
      // Assess
      for (const fn of [fns.capture, fns.transcription]) {
        expect(fn.props['DeadLetterConfig']).toEqual({ TargetArn: arnOf(ids.failedEvents) });
        expect(configs.find((config) => JSON.stringify(config.props['FunctionName']) === JSON.stringify({ Ref: fn.id }))?.props).toMatchObject({
          MaximumRetryAttempts: 2,
          MaximumEventAgeInSeconds: 3600,
        });
      }
    });

    it('associates the capture function with the instance and lets only the instance invoke it', () => {
      // Act
      const association = resources(synthesized.template, 'AWS::Connect::IntegrationAssociation').find(
        (resource) => resource.props['IntegrationType'] === 'LAMBDA_FUNCTION',
      );
      const permission = resources(synthesized.template, 'AWS::Lambda::Permission').find(
        (resource) => resource.props['Principal'] === 'connect.amazonaws.com',
      );
      // Assess
      expect(association?.props).toEqual({ InstanceId: INSTANCE_ARN, IntegrationType: 'LAMBDA_FUNCTION', IntegrationArn: arnOf(fns.capture.id) });
      expect(permission?.props).toMatchObject({ FunctionName: arnOf(fns.capture.id), SourceArn: INSTANCE_ARN });
    });
  });

  describe('permissions', () => {
    it('lets the capture function read the session key, write notes and queue jobs, each on its exact ARN', () => {
      // Act
      const list = codeStatements(synthesized, 'CaptureFunction');
      // Assess
      expect(sid(list, 'ReadSessionKey')).toMatchObject({ Action: 'secretsmanager:GetSecretValue', Resource: { Ref: ids.secret } });
      expect(sid(list, 'SymptomNotes')).toMatchObject({
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Resource: arnOf(ids.notes),
      });
      expect(sid(list, 'QueueRecordingJobs')).toMatchObject({ Action: 'sqs:SendMessage', Resource: arnOf(ids.queue) });
      expect(sid(list, 'DataKeyThroughServices')).toMatchObject({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: arnOf(ids.dataKey),
        Condition: {
          StringEquals: {
            'kms:ViaService': ['secretsmanager.us-east-1.amazonaws.com', 'dynamodb.us-east-1.amazonaws.com', 'sqs.us-east-1.amazonaws.com', 'sns.us-east-1.amazonaws.com'],
          },
        },
      });
    });

    it('lets the capture function page the care team at # through the care-team topic only, and read live transcripts with GetItem on the notes table only', () => {
      // Act
      const list = codeStatements(synthesized, 'CaptureFunction');
      // Assess
      expect(sid(list, 'PageCareTeam')).toMatchObject({ Action: 'sns:Publish', Resource: { Ref: ids.topic } });
      const dynamo = list.filter((statement) => JSON.stringify(statement['Action']).includes('dynamodb:'));
      expect(dynamo.map((statement) => statement['Resource'])).toEqual(dynamo.map(() => arnOf(ids.notes)));
      expect(dynamo.flatMap((statement) => [statement['Action']].flat()).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan', 'dynamodb:UpdateItem']);
    });

    it('lets the recording worker read only the instance\'s media streams and decrypt them only through Kinesis Video Streams', () => {
      // Act
      const list = codeStatements(synthesized, 'RecordingWorker');
      // Assess
      expect(sid(list, 'ReadCallerAudio')).toMatchObject({
        Action: ['kinesisvideo:GetDataEndpoint', 'kinesisvideo:GetMedia'],
        Resource: 'arn:aws:kinesisvideo:us-east-1:111122223333:stream/clinic-ivr-connect-my-clinic-contact-*/*',
      });
      expect(sid(list, 'DecryptCallerAudio')).toMatchObject({
        Action: 'kms:Decrypt',
        Resource: arnOf(ids.dataKey),
        Condition: { StringEquals: { 'kms:ViaService': 'kinesisvideo.us-east-1.amazonaws.com' } },
      });
    });

    it('lets the recording worker write recordings and start only jobs that write to this bucket under transcripts/ with the key', () => {
      // Act
      const list = codeStatements(synthesized, 'RecordingWorker');
      // Assess
      expect(sid(list, 'Recordings')['Resource']).toEqual({ 'Fn::Join': ['', [arnOf(ids.bucket), '/recordings/*']] });
      expect(sid(list, 'TranscribeOutput')['Resource']).toEqual({ 'Fn::Join': ['', [arnOf(ids.bucket), '/transcripts/*']] });
      expect(sid(list, 'StartTranscription')).toMatchObject({
        Action: ['transcribe:StartMedicalTranscriptionJob', 'transcribe:StartTranscriptionJob'],
        Resource: '*',
        Condition: {
          StringEquals: { 'transcribe:OutputBucketName': { Ref: ids.bucket }, 'transcribe:OutputEncryptionKMSKeyId': arnOf(ids.dataKey) },
          StringLike: { 'transcribe:OutputKey': 'transcripts/*' },
        },
      });
      expect(sid(list, 'ReadTranscriptionJobs')['Resource']).toEqual([
        'arn:aws:transcribe:us-east-1:111122223333:medical-transcription-job/clinic-ivr-symptoms-*',
        // Messages in Spanish: the standard Transcribe jobs of the same names (issue 18).
        'arn:aws:transcribe:us-east-1:111122223333:transcription-job/clinic-ivr-symptoms-*',
      ]);
      expect(sid(list, 'ConsumeRecordingJobs')['Resource']).toEqual(arnOf(ids.queue));
    });

    it('lets the transcription worker act as the Epic client, read transcripts, and notify only the care-team topic', () => {
      // Act
      const list = codeStatements(synthesized, 'TranscriptionWorker');
      // Assess
      for (const name of ['SignEpicAssertions', 'ReadSigningPublicKey', 'ReadEpicSettings', 'ReadSessionKey']) expect(sid(list, name)).toBeDefined();
      expect(sid(list, 'ReadTranscripts')).toMatchObject({
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [arnOf(ids.bucket), '/transcripts/*']] },
      });
      expect(sid(list, 'NotifyCareTeam')).toMatchObject({ Action: 'sns:Publish', Resource: { Ref: ids.topic } });
      expect(sid(list, 'ExtractMedicalEntities')['Action']).toEqual([
        'comprehendmedical:DetectEntitiesV2',
        'comprehendmedical:InferICD10CM',
        'comprehendmedical:InferRxNorm',
      ]);
      expect(sid(list, 'TranslateMessages')).toMatchObject({ Action: 'translate:TranslateText', Resource: '*' });
    });

    it('grants "*" only to Transcribe\'s job start, Comprehend Medical and Amazon Translate', () => {
      // Act
      const wildcards = ['CaptureFunction', 'RecordingWorker', 'TranscriptionWorker']
        .flatMap((fn) => codeStatements(synthesized, fn))
        .filter((statement) => JSON.stringify(statement['Resource']) === '"*"')
        .map((statement) => statement['Sid']);
      // Assess
      // Comprehend Medical and Translate twice: both workers file notes (the recording worker from its polling checks).
      expect(wildcards.sort()).toEqual(['ExtractMedicalEntities', 'ExtractMedicalEntities', 'StartTranscription', 'TranslateMessages', 'TranslateMessages']);
    });
  });

  describe('events', () => {
    it('sends the DISCONNECTED contact events of this instance to the capture function, with bounded retries and a DLQ', () => {
      // Act
      const rule = resourceById(synthesized.template, 'AWS::Events::Rule', 'SymptomPipelineCallEndedRule');
      // Assess
      expect(rule.props['EventPattern']).toEqual({
        source: ['aws.connect'],
        'detail-type': ['Amazon Connect Contact Event'],
        detail: { eventType: ['DISCONNECTED'], instanceArn: [INSTANCE_ARN] },
      });
      expect(arr(rule.props['Targets']).map(obj)).toEqual([
        expect.objectContaining({
          Arn: arnOf(fns.capture.id),
          DeadLetterConfig: { Arn: arnOf(ids.failedEvents) },
          RetryPolicy: { MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 4 },
        }),
      ]);
    });

    it('sends the COMPLETED and FAILED state changes of the pipeline\'s Transcribe jobs to the transcription worker', () => {
      // Act
      const rule = resourceById(synthesized.template, 'AWS::Events::Rule', 'SymptomPipelineTranscriptionDoneRule');
      // Assess
      expect(rule.props['EventPattern']).toEqual({
        source: ['aws.transcribe'],
        'detail-type': ['Transcribe Job State Change'],
        detail: { TranscriptionJobName: [{ prefix: 'clinic-ivr-symptoms-' }], TranscriptionJobStatus: ['COMPLETED', 'FAILED'] },
      });
      expect(obj(arr(rule.props['Targets'])[0])['Arn']).toEqual(arnOf(fns.transcription.id));
    });

    it('lets EventBridge use the key only for the dead letters of these two rules', () => {
      // Act
      const key = resourceById(synthesized.template, 'AWS::KMS::Key', 'DataKey');
      const statement = statements(key.props['KeyPolicy']).find((s) => s['Sid'] === 'EventBridgeSymptomRulesDeadLetters');
      // Assess
      expect(statement).toMatchObject({
        Principal: { Service: 'events.amazonaws.com' },
        Condition: {
          ArnEquals: {
            'aws:SourceArn': [
              'arn:aws:events:us-east-1:111122223333:rule/ClinicIvr-SymptomCallEnded',
              'arn:aws:events:us-east-1:111122223333:rule/ClinicIvr-SymptomTranscriptionDone',
            ],
          },
        },
      });
    });

    it('sweeps stale capture jobs every 5 minutes with the capture function, which may Scan only the notes table', () => {
      // Act
      const rule = resourceById(synthesized.template, 'AWS::Events::Rule', 'SymptomPipelineCaptureSweepRule');
      const key = resourceById(synthesized.template, 'AWS::KMS::Key', 'DataKey');
      const deadLetters = statements(key.props['KeyPolicy']).find((s) => s['Sid'] === 'EventBridgeCaptureSweepDeadLetters');
      // Assess
      expect(rule.props['ScheduleExpression']).toBe('rate(5 minutes)');
      expect(arr(rule.props['Targets']).map(obj)).toEqual([
        expect.objectContaining({
          Arn: arnOf(fns.capture.id),
          DeadLetterConfig: { Arn: arnOf(ids.failedEvents) },
          RetryPolicy: { MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 4 },
        }),
      ]);
      expect(deadLetters).toMatchObject({
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:111122223333:rule/ClinicIvr-SymptomCaptureSweep' } },
      });
      expect(sid(codeStatements(synthesized, 'CaptureFunction'), 'SweepCaptureJobs')).toMatchObject({ Action: 'dynamodb:Scan', Resource: arnOf(ids.notes) });
      const scans = ['RecordingWorker', 'TranscriptionWorker']
        .flatMap((fn) => codeStatements(synthesized, fn))
        .filter((statement) => JSON.stringify(statement['Action']).includes('dynamodb:Scan'));
      expect(scans).toEqual([]);
    });
  });

  describe('media streams and storage', () => {
    it('enables live media streaming on the instance with a prefix, retention and the key when no existing key is given', () => {
      // Act
      const config = resourceById(synthesized.template, 'AWS::Connect::InstanceStorageConfig', 'SymptomPipelineMediaStreams');
      // Assess
      expect(config.props).toEqual({
        InstanceArn: INSTANCE_ARN,
        ResourceType: 'MEDIA_STREAMS',
        StorageType: 'KINESIS_VIDEO_STREAM',
        KinesisVideoStreamConfig: {
          Prefix: 'clinic-ivr',
          RetentionPeriodHours: 336,
          EncryptionConfig: { EncryptionType: 'KMS', KeyId: arnOf(ids.dataKey) },
        },
      });
    });

    it('uses the instance\'s existing media streams and their key when mediaStreamsKmsKeyArn is given', () => {
      // Prepare
      const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/22222222-2222-4222-8222-222222222222';
      const custom = synthesizeClinicIvr({ mediaStreamsKmsKeyArn: keyArn, mediaStreamsPrefix: 'existing' });
      try {
        // Act
        const list = codeStatements(custom, 'RecordingWorker');
        // Assess
        expect(resources(custom.template, 'AWS::Connect::InstanceStorageConfig')).toEqual([]);
        expect(sid(list, 'DecryptCallerAudio')['Resource']).toBe(keyArn);
        expect(sid(list, 'ReadCallerAudio')['Resource']).toBe('arn:aws:kinesisvideo:us-east-1:111122223333:stream/existing-connect-my-clinic-contact-*/*');
      } finally {
        rmSync(custom.outdir, { recursive: true, force: true });
      }
    }, 120_000);

    it('expires the notes table\'s capture jobs through the expiresAt TTL attribute', () => {
      // Act
      const table = resourceById(synthesized.template, 'AWS::DynamoDB::Table', 'StorageNotesTable');
      // Assess
      expect(table.props['TimeToLiveSpecification']).toEqual({ AttributeName: 'expiresAt', Enabled: true });
      expect(table.props['DeletionProtectionEnabled']).toBe(true);
    });

    it('outputs the bucket name, the care-team topic and the capture function', () => {
      // Act
      const outputs = obj(synthesized.template.toJSON()['Outputs']);
      // Assess
      expect(obj(outputs['RecordingsBucketName'])['Value']).toEqual({ Ref: ids.bucket });
      expect(obj(outputs['CareTeamTopicArn'])['Value']).toEqual({ Ref: ids.topic });
      expect(obj(outputs['SymptomCaptureFunctionArn'])['Value']).toEqual(arnOf(fns.capture.id));
    });
  });
});

describe('symptom pipeline context', () => {
  const { read, problem } = contextReaders(readSymptomPipelineContext);

  it('reads cdk.json with the documented defaults', () => {
    // Act
    const settings = read({ recordingRetentionDays: undefined });
    // Assess
    expect(settings).toEqual({
      recordingRetentionDays: 90,
      careTeamEmail: undefined,
      connectInstanceAlias: 'my-clinic',
      mediaStreamsPrefix: 'clinic-ivr',
      mediaStreamsKmsKeyArn: undefined,
      mediaStreamsRetentionHours: 336,
      symptomEncounterStrategy: 'sameDay',
      symptomEncounterRequired: true,
      symptomNoteLoinc: undefined,
      liveTranscriberConcurrency: 20,
    });
  });

  it('reads the note type, and refuses one that is not a LOINC code', () => {
    // Act
    const settings = read({ symptomNoteLoinc: '11506-3' });
    const message = problem({ symptomNoteLoinc: 'progress note' });
    // Assess
    expect(settings.symptomNoteLoinc).toBe('11506-3');
    expect(message).toMatch(/"symptomNoteLoinc" is not valid \("progress note"\): the LOINC note type/);
  });

  it('reads the encounter settings, and refuses an unknown strategy', () => {
    // Act
    const settings = read({ symptomEncounterStrategy: 'none', symptomEncounterRequired: 'false' });
    const message = problem({ symptomEncounterStrategy: 'nearest' });
    // Assess
    expect(settings).toMatchObject({ symptomEncounterStrategy: 'none', symptomEncounterRequired: false });
    expect(message).toMatch(/"symptomEncounterStrategy" is not valid \("nearest"\): how a symptom note's encounter is chosen/);
  });

  it('names each bad value with what it is and an example', () => {
    // Act
    const message = problem({ recordingRetentionDays: '0', careTeamEmail: 'not-an-address', connectInstanceAlias: undefined });
    // Assess
    expect(message).toContain('"recordingRetentionDays" is not valid ("0"): days recordings and transcripts are kept, 1 to 3650 (default 90).');
    expect(message).toContain('"careTeamEmail" is not valid ("not-an-address")');
    expect(message).toContain('"connectInstanceAlias" is missing');
    expect(message).toContain('-c connectInstanceAlias=my-clinic');
  });

  it('refuses a media streams key of another region than the instance', () => {
    // Act
    const message = problem({ mediaStreamsKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/22222222-2222-4222-8222-222222222222' });
    // Assess
    expect(message).toContain('"mediaStreamsKmsKeyArn" is not in the account and region of connectInstanceArn');
  });

  it('accepts a care-team address and a retention from -c strings', () => {
    // Act
    const settings = read({ careTeamEmail: 'care-team@clinic.example', recordingRetentionDays: '365' });
    // Assess
    expect(settings.careTeamEmail).toBe('care-team@clinic.example');
    expect(settings.recordingRetentionDays).toBe(365);
  });
});
