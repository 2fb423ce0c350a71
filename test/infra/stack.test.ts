import { rmSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPIC_TOKEN_ERROR_PATTERN } from '../../infra/lib/LexCodeHook';
import type { JsonObject } from '../support/lexTemplate';
import { arr, obj } from '../support/lexTemplate';
import type { SynthesizedApp, TemplateResource } from '../support/infraApp';
import { arnOf, resourceById, resources, statements, synthesizeClinicIvr } from '../support/infraApp';

/** The newest runtime of the Node.js family aws-cdk-lib knows, computed as cdk-nag's AwsSolutions-L1 does. */
function newestNodeRuntime(): string {
  const versions = lambda.Runtime.ALL.map((runtime) => runtime.name)
    .filter((name) => /^nodejs\d+\.x$/.test(name))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const newest = versions.at(-1);
  if (newest === undefined) throw new Error('no Node.js runtime known');
  return newest;
}

/**
 * What CDK's ParamsAndSecretsLayerVersion sets for NodeFunction's extension settings: the port the
 * code reads, warnings only, and a bound on the extension's own calls to SSM and Secrets Manager.
 */
const EXTENSION_VARIABLES = {
  PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: 'true',
  PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: '1000',
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
  PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'warn',
  PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS: '3',
  SECRETS_MANAGER_TIMEOUT_MILLIS: '1500',
  SECRETS_MANAGER_TTL: '300',
  SSM_PARAMETER_STORE_TIMEOUT_MILLIS: '1500',
  SSM_PARAMETER_STORE_TTL: '300',
} as const;

/** The statements of the customer-managed policies attached to the role with logical id prefix `rolePrefix`. */
function roleStatements(app: SynthesizedApp, rolePrefix: string): readonly JsonObject[] {
  const role = resourceById(app.template, 'AWS::IAM::Role', rolePrefix);
  return resources(app.template, 'AWS::IAM::ManagedPolicy')
    .filter((policy) => JSON.stringify(policy.props['Roles']).includes(`"${role.id}"`))
    .flatMap((policy) => statements(policy.props['PolicyDocument']));
}

/** The statement with this Sid. */
function sid(list: readonly JsonObject[], name: string): JsonObject {
  const found = list.find((statement) => statement['Sid'] === name);
  if (found === undefined) throw new Error(`no statement ${name}`);
  return found;
}

describe('ClinicIvr stack', () => {
  let synthesized: SynthesizedApp;
  let ids: {
    dataKey: string;
    signingKey: string;
    lockout: string;
    audit: string;
    notes: string;
    secret: string;
    topic: string;
    fulfillment: TemplateResource;
    jwks: TemplateResource;
  };

  beforeAll(() => {
    synthesized = synthesizeClinicIvr();
    const { template } = synthesized;
    ids = {
      dataKey: resourceById(template, 'AWS::KMS::Key', 'DataKey').id,
      signingKey: resourceById(template, 'AWS::KMS::Key', 'EpicSigningKey').id,
      lockout: resourceById(template, 'AWS::DynamoDB::Table', 'StorageLockoutTable').id,
      audit: resourceById(template, 'AWS::DynamoDB::Table', 'StorageAuditTable').id,
      notes: resourceById(template, 'AWS::DynamoDB::Table', 'StorageNotesTable').id,
      secret: resourceById(template, 'AWS::SecretsManager::Secret', 'FulfillmentSessionKeySecret').id,
      topic: resourceById(template, 'AWS::SNS::Topic', 'AlarmsTopic').id,
      fulfillment: resourceById(template, 'AWS::Lambda::Function', 'FulfillmentFunction'),
      jwks: resourceById(template, 'AWS::Lambda::Function', 'JwksFunction'),
    };
  }, 60_000);

  afterAll(() => rmSync(synthesized.outdir, { recursive: true, force: true }));

  describe('keys', () => {
    it('keeps an RSA-2048 SIGN_VERIFY signing key with its alias when the stack is deleted', () => {
      // Act
      const key = resourceById(synthesized.template, 'AWS::KMS::Key', 'EpicSigningKey');
      // Assess
      expect(key.props).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
      expect(key.resource['DeletionPolicy']).toBe('Retain');
      synthesized.template.hasResourceProperties('AWS::KMS::Alias', {
        AliasName: 'alias/clinic-ivr/epic-signing',
        TargetKeyId: arnOf(ids.signingKey),
      });
    });

    it('encrypts data at rest with a retained, rotating symmetric key that CloudWatch Logs and alarms may use', () => {
      // Act
      const key = resourceById(synthesized.template, 'AWS::KMS::Key', 'DataKey');
      const policy = statements(key.props['KeyPolicy']);
      // Assess
      expect(key.props['EnableKeyRotation']).toBe(true);
      expect(key.props['KeySpec']).toBeUndefined();
      expect(key.resource['DeletionPolicy']).toBe('Retain');
      expect(sid(policy, 'CloudWatchLogsEncryptLogGroups')).toMatchObject({
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:111122223333:log-group:*' } },
      });
      expect(sid(policy, 'CloudWatchAlarmsPublishToEncryptedTopic')).toMatchObject({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      });
    });
  });

  describe('functions', () => {
    it.each(['fulfillment', 'jwks'] as const)('runs %s on the newest Node runtime, arm64, traced, with source maps', (name) => {
      // Act
      const { props } = ids[name];
      // Assess
      expect(props['Runtime']).toBe(newestNodeRuntime());
      expect(props['Architectures']).toEqual(['arm64']);
      expect(props['TracingConfig']).toEqual({ Mode: 'Active' });
      expect(props['Handler']).toBe('index.handler');
      expect(obj(obj(props['Environment'])['Variables'])['NODE_OPTIONS']).toBe('--enable-source-maps');
      expect(obj(props['VpcConfig'])['SubnetIds']).toHaveLength(2);
      expect(props['ReservedConcurrentExecutions']).toEqual(expect.any(Number));
    });

    it('gives each function its own log group, encrypted with the data key and kept for a year', () => {
      // Act
      const groups = [ids.fulfillment, ids.jwks].map((fn) => {
        const ref = obj(obj(fn.props['LoggingConfig'])['LogGroup'])['Ref'];
        return resources(synthesized.template, 'AWS::Logs::LogGroup').find((group) => group.id === ref);
      });
      // Assess
      for (const group of groups) {
        expect(group?.props).toEqual({ KmsKeyId: arnOf(ids.dataKey), RetentionInDays: 365 });
        expect(group?.resource['DeletionPolicy']).toBe('Retain');
      }
    });

    it('configures the fulfillment function from SSM, Secrets Manager and the stack resources', () => {
      // Act
      const variables = obj(obj(ids.fulfillment.props['Environment'])['Variables']);
      // Assess
      expect(variables).toEqual({
        CONFIG_PARAMETER_PATH: '/clinic-ivr/',
        CONFIG_PARAMETER_NAMES: 'EPIC_CLIENT_ID,EPIC_TOKEN_URL,EPIC_FHIR_BASE_URL,EPIC_FHIR_VERSION,EPIC_PATIENT_SEARCH',
        SESSION_KEY_SECRET_ARN: { Ref: ids.secret },
        SIGNING_KMS_KEY_ID: arnOf(ids.signingKey),
        LOCKOUT_TABLE_NAME: { Ref: ids.lockout },
        AUDIT_TABLE_NAME: { Ref: ids.audit },
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // The inbox's zone: appointments are spoken and texted in it. Texting itself is off in cdk.json (no SMS_* variables).
        CLINIC_TIME_ZONE: 'America/Chicago',
        // Confirmed refill requests go to the capture queue, which the recording worker files from.
        REFILL_QUEUE_URL: { Ref: resourceById(synthesized.template, 'AWS::SQS::Queue', 'SymptomPipelineCaptureQueue').id },
        EPIC_SETTINGS_FINGERPRINT: expect.stringMatching(/^[0-9a-f]{16}$/),
        NODE_OPTIONS: '--enable-source-maps',
        ...EXTENSION_VARIABLES,
      });
      expect(ids.fulfillment.props).toMatchObject({ Timeout: 30, MemorySize: 1024, ReservedConcurrentExecutions: 25 });
    });

    it('reads its settings and the session key through the Parameters and Secrets extension layer (arm64)', () => {
      // Act
      const layers = ids.fulfillment.props['Layers'];
      // Assess: the layer of the extension's arm64 build in the stack's region (us-east-1).
      expect(layers).toEqual([expect.stringMatching(/^arn:aws:lambda:us-east-1:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/)]);
      expect(ids.jwks.props['Layers']).toBeUndefined();
    });

    it('gives the extension layer to every function that reads parameters or the session-key secret', () => {
      // Act
      const readers = resources(synthesized.template, 'AWS::Lambda::Function').filter((fn) => {
        // CDK's own custom-resource functions have no environment.
        const variables = fn.props['Environment'] === undefined ? {} : obj(obj(fn.props['Environment'])['Variables']);
        return 'CONFIG_PARAMETER_PATH' in variables || 'SESSION_KEY_SECRET_ARN' in variables;
      });
      // Assess
      expect(readers.map((fn) => fn.id)).toContain(ids.fulfillment.id);
      for (const fn of readers) {
        expect(JSON.stringify(fn.props['Layers'])).toContain('AWS-Parameters-and-Secrets-Lambda-Extension');
        expect(obj(obj(fn.props['Environment'])['Variables'])).toMatchObject(EXTENSION_VARIABLES);
      }
    });

    it('stores the Epic settings as SSM parameters named like the variables the code reads', () => {
      // Act
      const parameters = Object.fromEntries(
        resources(synthesized.template, 'AWS::SSM::Parameter').map((parameter) => [parameter.props['Name'], parameter.props['Value']]),
      );
      // Assess
      expect(parameters).toEqual({
        '/clinic-ivr/EPIC_CLIENT_ID': 'your-epic-client-id',
        '/clinic-ivr/EPIC_TOKEN_URL': 'https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token',
        '/clinic-ivr/EPIC_FHIR_BASE_URL': 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4',
        '/clinic-ivr/EPIC_FHIR_VERSION': 'R4',
        '/clinic-ivr/EPIC_PATIENT_SEARCH': 'name',
      });
    });

    it('generates the session-key secret as 64 letters and digits, encrypted with the data key', () => {
      // Act
      const secret = resourceById(synthesized.template, 'AWS::SecretsManager::Secret', 'FulfillmentSessionKeySecret');
      // Assess
      expect(secret.props).toMatchObject({
        KmsKeyId: arnOf(ids.dataKey),
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
      });
    });

    it('serves the JWKS from a public function URL and outputs it as JwksUrl', () => {
      // Act
      const url = resourceById(synthesized.template, 'AWS::Lambda::Url', 'JwksFunction');
      const outputs = synthesized.template.toJSON()['Outputs'];
      // Assess
      expect(url.props).toEqual({ AuthType: 'NONE', TargetFunctionArn: arnOf(ids.jwks.id) });
      expect(obj(obj(outputs)['JwksUrl'])['Value']).toEqual({ 'Fn::GetAtt': [url.id, 'FunctionUrl'] });
      expect(obj(obj(ids.jwks.props['Environment'])['Variables'])['SIGNING_KMS_KEY_ID']).toEqual(arnOf(ids.signingKey));
    });

    it('is the code hook of both Lex aliases', () => {
      // Act
      const aliases = resources(synthesized.template, 'AWS::Lex::BotAlias');
      // Assess
      expect(aliases).toHaveLength(2);
      for (const alias of aliases) {
        expect(JSON.stringify(alias.props['BotAliasLocaleSettings'])).toContain(JSON.stringify(arnOf(ids.fulfillment.id)));
      }
    });
  });

  describe('permissions', () => {
    it('grants the fulfillment code exactly its actions, each on its exact resources', () => {
      // Act
      const granted = roleStatements(synthesized, 'FulfillmentFunctionRole');
      // Assess
      expect(sid(granted, 'SignEpicAssertions')).toEqual({
        Sid: 'SignEpicAssertions',
        Effect: 'Allow',
        Action: 'kms:Sign',
        Resource: arnOf(ids.signingKey),
        Condition: { StringEquals: { 'kms:SigningAlgorithm': 'RSASSA_PKCS1_V1_5_SHA_384' } },
      });
      expect(sid(granted, 'ReadSigningPublicKey')).toMatchObject({ Action: 'kms:GetPublicKey', Resource: arnOf(ids.signingKey) });
      expect(sid(granted, 'ReadEpicSettings')).toMatchObject({
        Action: 'ssm:GetParameter',
        Resource: ['EPIC_CLIENT_ID', 'EPIC_TOKEN_URL', 'EPIC_FHIR_BASE_URL', 'EPIC_FHIR_VERSION', 'EPIC_PATIENT_SEARCH'].map(
          (name) => `arn:aws:ssm:us-east-1:111122223333:parameter/clinic-ivr/${name}`,
        ),
      });
      expect(JSON.stringify(granted)).not.toContain('GetParametersByPath');
      expect(sid(granted, 'ReadSessionKey')).toMatchObject({ Action: 'secretsmanager:GetSecretValue', Resource: { Ref: ids.secret } });
      expect(sid(granted, 'LockoutCounters')).toMatchObject({
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: arnOf(ids.lockout),
      });
      expect(sid(granted, 'AppendAuditEvents')).toMatchObject({ Action: 'dynamodb:PutItem', Resource: arnOf(ids.audit) });
      expect(sid(granted, 'DataKeyThroughServices')).toMatchObject({
        Resource: arnOf(ids.dataKey),
        Condition: { StringEquals: { 'kms:ViaService': ['dynamodb.us-east-1.amazonaws.com', 'secretsmanager.us-east-1.amazonaws.com'] } },
      });
      // Refill requests: sent to the capture queue only, the data key only through SQS.
      const captureQueue = resourceById(synthesized.template, 'AWS::SQS::Queue', 'SymptomPipelineCaptureQueue').id;
      expect(sid(granted, 'QueueRefillRequests')).toMatchObject({ Action: 'sqs:SendMessage', Resource: arnOf(captureQueue) });
      expect(sid(granted, 'DataKeyThroughSqs')).toMatchObject({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: arnOf(ids.dataKey),
        Condition: { StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } },
      });
      expect(ids.fulfillment.props['Environment']).toMatchObject({ Variables: { REFILL_QUEUE_URL: { Ref: captureQueue } } });
      const sids = granted.map((statement) => statement['Sid']);
      expect(sids).toEqual([
        'WriteOwnLogGroup',
        'XRayTracing',
        'VpcNetworkInterfaces',
        'SignEpicAssertions',
        'ReadSigningPublicKey',
        'ReadEpicSettings',
        'ReadSessionKey',
        'LockoutCounters',
        'AppendAuditEvents',
        'DataKeyThroughServices',
        'QueueRefillRequests',
        'DataKeyThroughSqs',
      ]);
    });

    it('lets the JWKS function read the public signing key and nothing else of its own', () => {
      // Act
      const granted = roleStatements(synthesized, 'JwksFunctionRole');
      // Assess
      expect(granted.map((statement) => statement['Sid'])).toEqual(['WriteOwnLogGroup', 'XRayTracing', 'VpcNetworkInterfaces', 'ReadPublicSigningKeys']);
      expect(sid(granted, 'ReadPublicSigningKeys')).toMatchObject({ Action: 'kms:GetPublicKey', Resource: arnOf(ids.signingKey) });
    });

    it('grants "*" only for actions without resource-level permissions (X-Ray, Lambda network interfaces, Polly, Comprehend Medical, Transcribe Medical job and stream start)', () => {
      // Prepare: every IAM statement of the template, managed and inline (key policies are not IAM policies)
      const iamStatements = [
        ...resources(synthesized.template, 'AWS::IAM::ManagedPolicy').flatMap((policy) => statements(policy.props['PolicyDocument'])),
        ...resources(synthesized.template, 'AWS::IAM::Policy').flatMap((policy) => statements(policy.props['PolicyDocument'])),
        ...resources(synthesized.template, 'AWS::IAM::Role').flatMap((role) =>
          arr(role.props['Policies'] ?? []).flatMap((policy) => statements(obj(policy)['PolicyDocument'])),
        ),
      ];
      // Act
      const wildcard = iamStatements.filter((statement) => [statement['Resource']].flat().includes('*'));
      // Assess
      const documented = new Set([
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
        'polly:SynthesizeSpeech',
        // The symptom pipeline: Comprehend Medical has no resource types; StartMedicalTranscriptionJob
        // is narrowed by conditions instead (test/infra/symptomPipeline.test.ts).
        'comprehendmedical:DetectEntitiesV2',
        'comprehendmedical:InferICD10CM',
        'comprehendmedical:InferRxNorm',
        'transcribe:StartMedicalTranscriptionJob',
        // Messages in Spanish (issue 18): standard Transcribe, narrowed by the same conditions; Amazon
        // Translate without a terminology has no resource to name.
        'transcribe:StartTranscriptionJob',
        'translate:TranslateText',
        // The live transcriber: a stream, with no resource type (test/infra/liveTranscriber.test.ts).
        'transcribe:StartMedicalStreamTranscription',
        'transcribe:StartStreamTranscription',
      ]);
      const actions = wildcard.flatMap((statement) => [statement['Action']].flat().map(String));
      expect(actions.filter((action) => !documented.has(action))).toEqual([]);
      expect(actions).toEqual(expect.arrayContaining(['xray:PutTraceSegments', 'ec2:CreateNetworkInterface', 'polly:SynthesizeSpeech']));
    });

    it('uses no inline IAM policy but CDK\'s deploy-time custom resource role', () => {
      // Act
      const policies = resources(synthesized.template, 'AWS::IAM::Policy').map((policy) => policy.id);
      const rolesWithInline = resources(synthesized.template, 'AWS::IAM::Role')
        .filter((role) => role.props['Policies'] !== undefined)
        .map((role) => role.id);
      // Assess
      expect(policies).toEqual([]);
      // The provider of restrictDefaultSecurityGroup: it runs once per deployment, on the default security group only.
      expect(rolesWithInline).toEqual([expect.stringMatching(/^CustomVpcRestrictDefaultSGCustomResourceProviderRole/)]);
    });
  });

  describe('storage', () => {
    it.each([
      ['lockout', 'StorageLockoutTable', [{ AttributeName: 'pk', KeyType: 'HASH' }], 'expiresAt'],
      ['audit', 'StorageAuditTable', [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], 'expiresAt'],
      ['notes', 'StorageNotesTable', [{ AttributeName: 'pk', KeyType: 'HASH' }], 'expiresAt'],
    ] as const)('keeps the %s table on demand, encrypted with the data key, with PITR and deletion protection', (_, prefix, keySchema, ttl) => {
      // Act
      const table = resourceById(synthesized.template, 'AWS::DynamoDB::Table', prefix);
      // Assess
      expect(table.props).toMatchObject({
        KeySchema: keySchema,
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: arnOf(ids.dataKey) },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
      expect(table.props['TimeToLiveSpecification']).toEqual(ttl === undefined ? undefined : { AttributeName: ttl, Enabled: true });
      expect(table.resource['DeletionPolicy']).toBe('Retain');
    });

    it('backs the three tables up daily (35 days) and monthly (a year) to a retained vault encrypted with the data key', () => {
      // Act
      const plan = resourceById(synthesized.template, 'AWS::Backup::BackupPlan', 'StorageBackupPlan');
      const vault = resourceById(synthesized.template, 'AWS::Backup::BackupVault', 'StorageBackupVault');
      const selection = resourceById(synthesized.template, 'AWS::Backup::BackupSelection', 'StorageBackupPlanTables');
      // Assess
      const rules = arr(obj(plan.props['BackupPlan'])['BackupPlanRule']).map(obj);
      expect(rules.map((rule) => [rule['RuleName'], rule['ScheduleExpression'], rule['Lifecycle']])).toEqual([
        ['Daily', 'cron(0 5 * * ? *)', { DeleteAfterDays: 35 }],
        ['Monthly', 'cron(0 5 1 * ? *)', { DeleteAfterDays: 365 }],
      ]);
      expect(vault.props['EncryptionKeyArn']).toEqual(arnOf(ids.dataKey));
      expect(vault.resource['DeletionPolicy']).toBe('Retain');
      expect(obj(selection.props['BackupSelection'])['Resources']).toEqual([ids.lockout, ids.audit, ids.notes].map(arnOf));
    });
  });

  describe('network', () => {
    it('runs two zones behind one NAT gateway whose Elastic IP is the EgressIp output', () => {
      // Act
      const eip = resourceById(synthesized.template, 'AWS::EC2::EIP', 'NetworkNatIp');
      const nats = resources(synthesized.template, 'AWS::EC2::NatGateway');
      const outputs = obj(synthesized.template.toJSON()['Outputs']);
      // Assess
      expect(nats).toHaveLength(1);
      expect(nats[0]?.props['AllocationId']).toEqual({ 'Fn::GetAtt': [eip.id, 'AllocationId'] });
      expect(resources(synthesized.template, 'AWS::EC2::Subnet')).toHaveLength(4);
      expect(obj(outputs['EgressIp'])['Value']).toEqual({ 'Fn::GetAtt': [eip.id, 'PublicIp'] });
      for (const subnet of resources(synthesized.template, 'AWS::EC2::Subnet')) expect(subnet.props['MapPublicIpOnLaunch']).toBe(false);
    });

    it('records all VPC traffic in flow logs and reaches KMS, Secrets Manager, SSM, Logs and DynamoDB through endpoints', () => {
      // Act
      const endpoints = resources(synthesized.template, 'AWS::EC2::VPCEndpoint').map((endpoint) => [
        JSON.stringify(endpoint.props['ServiceName']).match(/\.(kms|secretsmanager|ssm|logs|dynamodb)"/)?.[1],
        endpoint.props['VpcEndpointType'],
      ]);
      // Assess
      synthesized.template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
      expect(endpoints.sort()).toEqual([
        ['dynamodb', 'Gateway'],
        ['kms', 'Interface'],
        ['logs', 'Interface'],
        ['secretsmanager', 'Interface'],
        ['ssm', 'Interface'],
      ]);
    });
  });

  describe('alarms', () => {
    it('notifies the encrypted, TLS-only alarm topic of errors, throttles, Epic token failures and slow turns', () => {
      // Act
      const alarms = resources(synthesized.template, 'AWS::CloudWatch::Alarm');
      const topic = resourceById(synthesized.template, 'AWS::SNS::Topic', 'AlarmsTopic');
      // Assess
      // The fulfillment's alarms come first; the symptom pipeline's follow (test/infra/symptomPipeline.test.ts).
      expect(alarms.slice(0, 4).map((alarm) => [alarm.props['Namespace'], alarm.props['MetricName'], alarm.props['ExtendedStatistic'] ?? alarm.props['Statistic']])).toEqual([
        ['AWS/Lambda', 'Errors', 'Sum'],
        ['AWS/Lambda', 'Throttles', 'Sum'],
        ['ClinicIvr/ClinicIvr', 'EpicTokenErrors', 'Sum'],
        ['AWS/Lambda', 'Duration', 'p99'],
      ]);
      for (const alarm of alarms) {
        expect(alarm.props['AlarmActions']).toEqual([{ Ref: ids.topic }]);
        expect(alarm.props['OKActions']).toEqual([{ Ref: ids.topic }]);
      }
      expect(topic.props['KmsMasterKeyId']).toEqual(arnOf(ids.dataKey));
      synthesized.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('counts Epic token failures from the fulfillment logs with the documented filter', () => {
      // Act
      const filter = resourceById(synthesized.template, 'AWS::Logs::MetricFilter', 'FulfillmentEpicTokenErrorsFilter');
      // Assess
      expect(EPIC_TOKEN_ERROR_PATTERN).toBe('{ $.event = "epic.token" && $.outcome = "error" }');
      expect(filter.props['FilterPattern']).toBe(EPIC_TOKEN_ERROR_PATTERN);
      expect(filter.props['LogGroupName']).toEqual(obj(ids.fulfillment.props['LoggingConfig'])['LogGroup']);
    });
  });

  describe('contact flow', () => {
    it('renders patient-ivr in the instance with both bot aliases and the transfer queue filled in', () => {
      // Prepare
      const aliasIds = ['LexBotsPatientAuthAlias', 'LexBotsPatientServicesAlias'].map(
        (prefix) => resourceById(synthesized.template, 'AWS::Lex::BotAlias', prefix).id,
      );
      // Act
      const flow = resourceById(synthesized.template, 'AWS::Connect::ContactFlow', 'PatientIvrFlow');
      const content = JSON.stringify(flow.props['Content']);
      // Assess
      expect(flow.props).toMatchObject({
        InstanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000',
        Name: 'patient-ivr',
        Type: 'CONTACT_FLOW',
        State: 'ACTIVE',
      });
      for (const aliasId of aliasIds) expect(content).toContain(JSON.stringify(arnOf(aliasId)));
      expect(content).toContain('queue/11111111-1111-4111-8111-111111111111');
      expect(content).not.toMatch(/\$\{[A-Za-z]+\}/);
    });

    it('associates both bot aliases with the instance and outputs the flow id', () => {
      // Act
      const associations = resources(synthesized.template, 'AWS::Connect::IntegrationAssociation');
      const flow = resourceById(synthesized.template, 'AWS::Connect::ContactFlow', 'PatientIvrFlow');
      const outputs = obj(synthesized.template.toJSON()['Outputs']);
      // Assess
      const lexAliases = associations.filter((association) => association.props['IntegrationType'] === 'LEX_BOT');
      expect(lexAliases.map((association) => JSON.stringify(association.props['IntegrationArn'])).sort()).toEqual(
        ['LexBotsPatientAuthAlias', 'LexBotsPatientServicesAlias']
          .map((prefix) => JSON.stringify(arnOf(resourceById(synthesized.template, 'AWS::Lex::BotAlias', prefix).id)))
          .sort(),
      );
      expect(obj(outputs['ContactFlowId'])['Value']).toEqual({
        'Fn::Select': [3, { 'Fn::Split': ['/', { 'Fn::GetAtt': [flow.id, 'ContactFlowArn'] }] }],
      });
    });
  });

  describe('deployment', () => {
    it('deploys to the account and region of the Connect instance', () => {
      // Assess
      expect(Stack.of(synthesized.stack).account).toBe('111122223333');
      expect(Stack.of(synthesized.stack).region).toBe('us-east-1');
    });

    it('outputs what an operator needs after deploying', () => {
      // Act
      const outputs = Object.keys(obj(synthesized.template.toJSON()['Outputs']));
      // Assess
      expect(outputs.sort()).toEqual(
        [
          'AlarmTopicArn',
          'CareTeamQueueArn',
          'CareTeamTaskFlowArn',
          'CareTeamTopicArn',
          'ContactFlowId',
          'EgressIp',
          'InboxUrl',
          'JwksUrl',
          'PatientAuthAliasArn',
          'PatientServicesAliasArn',
          'RecordingsBucketName',
          'SchedulingQueueArn',
          'SigningKeyArn',
          'SymptomCaptureFunctionArn',
          'TransferQueueArn',
          'UrgentQueueArn',
          'UserPoolDomain',
          'UserPoolId',
        ].sort(),
      );
    });
  });

  describe('signing key rotation', () => {
    let rotating: SynthesizedApp;

    beforeAll(() => {
      rotating = synthesizeClinicIvr({ nextSigningKeyAlias: 'clinic-ivr/epic-signing-2' });
    }, 60_000);

    afterAll(() => rmSync(rotating.outdir, { recursive: true, force: true }));

    it('publishes the next key beside the current one while the fulfillment function still signs with the current one', () => {
      // Prepare
      const current = resourceById(rotating.template, 'AWS::KMS::Key', 'EpicSigningKeyA').id;
      const next = resourceById(rotating.template, 'AWS::KMS::Key', 'EpicSigningKeyclinicivrepicsigning2').id;
      // Act
      const jwksVariables = obj(obj(resourceById(rotating.template, 'AWS::Lambda::Function', 'JwksFunction').props['Environment'])['Variables']);
      const fulfillmentGrants = roleStatements(rotating, 'FulfillmentFunctionRole');
      // Assess
      expect(current).toBe(ids.signingKey);
      expect(jwksVariables).toMatchObject({ SIGNING_KMS_KEY_ID: arnOf(current), NEXT_SIGNING_KMS_KEY_ID: arnOf(next) });
      expect(sid(roleStatements(rotating, 'JwksFunctionRole'), 'ReadPublicSigningKeys')['Resource']).toEqual([arnOf(current), arnOf(next)]);
      expect(sid(fulfillmentGrants, 'SignEpicAssertions')['Resource']).toEqual(arnOf(current));
      rotating.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/clinic-ivr/epic-signing-2', TargetKeyId: arnOf(next) });
    });
  });
});
