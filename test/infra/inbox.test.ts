import { rmSync } from 'node:fs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARE_TEAM_GROUP } from '../../infra/lib/CareTeamUserPool';
import { ACCESS_LOG_FIELDS } from '../../infra/lib/InboxApi';
import { DEFAULT_CLINIC_TIME_ZONE, readInboxContext } from '../../infra/lib/deploymentContext';
import { contextReaders } from '../support/cdkJson';
import type { JsonObject } from '../support/lexTemplate';
import { arr, obj } from '../support/lexTemplate';
import type { SynthesizedApp, TemplateResource } from '../support/infraApp';
import { arnOf, resourceById, resources, statements, synthesizeClinicIvr } from '../support/infraApp';

/** The newest Node.js runtime aws-cdk-lib knows (what NodeFunction deploys). */
function newestNodeRuntime(): string {
  const versions = lambda.Runtime.ALL.map((runtime) => runtime.name)
    .filter((name) => /^nodejs\d+\.x$/.test(name))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return versions.at(-1) ?? 'none';
}

/** Environment variables of a function. */
function environment(fn: TemplateResource): JsonObject {
  return obj(obj(fn.props['Environment'])['Variables']);
}

/** The statement with this Sid. */
function sid(list: readonly JsonObject[], name: string): JsonObject {
  const found = list.find((statement) => statement['Sid'] === name);
  if (found === undefined) throw new Error(`no statement ${name} in ${list.map((statement) => String(statement['Sid'])).join(', ')}`);
  return found;
}

describe('care-team inbox infrastructure', () => {
  let synthesized: SynthesizedApp;
  let ids: { api: string; pool: string; client: string; domain: string; notes: string; audit: string; bucket: string; dataKey: string; topic: string };
  let fn: TemplateResource;

  beforeAll(() => {
    synthesized = synthesizeClinicIvr();
    const { template } = synthesized;
    ids = {
      api: resourceById(template, 'AWS::ApiGatewayV2::Api', 'InboxApi').id,
      pool: resourceById(template, 'AWS::Cognito::UserPool', 'CareTeamUserPool').id,
      client: resourceById(template, 'AWS::Cognito::UserPoolClient', 'CareTeamUserPoolInboxClient').id,
      domain: resourceById(template, 'AWS::Cognito::UserPoolDomain', 'CareTeamUserPoolDomain').id,
      notes: resourceById(template, 'AWS::DynamoDB::Table', 'StorageNotesTable').id,
      audit: resourceById(template, 'AWS::DynamoDB::Table', 'StorageAuditTable').id,
      bucket: resourceById(template, 'AWS::S3::Bucket', 'SymptomPipelineRecordingsBucket').id,
      dataKey: resourceById(template, 'AWS::KMS::Key', 'DataKey').id,
      topic: resourceById(template, 'AWS::SNS::Topic', 'AlarmsTopic').id,
    };
    fn = resourceById(template, 'AWS::Lambda::Function', 'InboxFunction');
  }, 120_000);

  afterAll(() => rmSync(synthesized.outdir, { recursive: true, force: true }));

  /** `{ "Fn::GetAtt": [api, "ApiEndpoint"] }` followed by `path`, as CloudFormation joins them. */
  const underApi = (path: string): JsonObject => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.api, 'ApiEndpoint'] }, path]] });

  describe('user pool', () => {
    it('requires TOTP MFA for everyone, with no SMS or e-mail codes, and lets only administrators create users', () => {
      // Act
      const pool = resourceById(synthesized.template, 'AWS::Cognito::UserPool', 'CareTeamUserPool');
      // Assess
      expect(pool.props['MfaConfiguration']).toBe('ON');
      expect(pool.props['EnabledMfas']).toEqual(['SOFTWARE_TOKEN_MFA']);
      expect(pool.props['SmsConfiguration']).toBeUndefined();
      expect(obj(pool.props['AdminCreateUserConfig'])['AllowAdminCreateUserOnly']).toBe(true);
    });

    it('asks for 12-character passwords with every character class, not reused, and recovers accounts by e-mail only', () => {
      // Act
      const pool = resourceById(synthesized.template, 'AWS::Cognito::UserPool', 'CareTeamUserPool');
      // Assess
      expect(obj(pool.props['Policies'])['PasswordPolicy']).toEqual({
        MinimumLength: 12,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 3,
        PasswordHistorySize: 5,
      });
      expect(pool.props['AccountRecoverySetting']).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
      expect(pool.props['UsernameAttributes']).toEqual(['email']);
    });

    it('runs threat protection in full-function mode (Plus plan): compromised passwords and high-risk sign-ins are blocked', () => {
      // Act
      const pool = resourceById(synthesized.template, 'AWS::Cognito::UserPool', 'CareTeamUserPool');
      const risk = resourceById(synthesized.template, 'AWS::Cognito::UserPoolRiskConfigurationAttachment', 'CareTeamRiskConfiguration');
      // Assess
      expect(pool.props['UserPoolTier']).toBe('PLUS');
      expect(pool.props['UserPoolAddOns']).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
      expect(risk.props).toMatchObject({
        UserPoolId: { Ref: ids.pool },
        ClientId: 'ALL',
        CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
        AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: 'BLOCK', Notify: false } } },
      });
    });

    it('is kept, with deletion protection, when the stack is deleted or the pool replaced', () => {
      // Act
      const pool = resourceById(synthesized.template, 'AWS::Cognito::UserPool', 'CareTeamUserPool');
      // Assess
      expect(pool.props['DeletionProtection']).toBe('ACTIVE');
      expect(pool.resource['DeletionPolicy']).toBe('Retain');
      expect(pool.resource['UpdateReplacePolicy']).toBe('Retain');
    });

    it('invites users by e-mail with a link to the inbox', () => {
      // Act
      const pool = resourceById(synthesized.template, 'AWS::Cognito::UserPool', 'CareTeamUserPool');
      const invitation = JSON.stringify(obj(obj(pool.props['AdminCreateUserConfig'])['InviteMessageTemplate'])['EmailMessage']);
      // Assess
      expect(invitation).toContain(JSON.stringify({ 'Fn::GetAtt': [ids.api, 'ApiEndpoint'] }));
      expect(invitation).toContain('{username}');
      expect(invitation).toContain('{####}');
    });

    it('has the care-team group and a Cognito hosted sign-in domain named from the context', () => {
      // Act
      const group = resourceById(synthesized.template, 'AWS::Cognito::UserPoolGroup', 'CareTeamCareTeamGroup');
      const domain = resourceById(synthesized.template, 'AWS::Cognito::UserPoolDomain', 'CareTeamUserPoolDomain');
      // Assess
      expect(group.props).toMatchObject({ GroupName: CARE_TEAM_GROUP, UserPoolId: { Ref: ids.pool } });
      expect(CARE_TEAM_GROUP).toBe('care-team');
      expect(domain.props).toEqual({ Domain: 'clinic-ivr-111122223333', ManagedLoginVersion: 1, UserPoolId: { Ref: ids.pool } });
    });

    it('takes the sign-in domain prefix from the inboxDomainPrefix context value', () => {
      // Prepare
      const custom = synthesizeClinicIvr({ inboxDomainPrefix: 'example-clinic-inbox' });
      try {
        // Act
        const domain = resourceById(custom.template, 'AWS::Cognito::UserPoolDomain', 'CareTeamUserPoolDomain');
        // Assess
        expect(domain.props['Domain']).toBe('example-clinic-inbox');
      } finally {
        rmSync(custom.outdir, { recursive: true, force: true });
      }
    }, 120_000);
  });

  describe('app client', () => {
    it('is a public client of the authorization code grant only, with the inbox callback and sign-out URLs', () => {
      // Act
      const client = resourceById(synthesized.template, 'AWS::Cognito::UserPoolClient', 'CareTeamUserPoolInboxClient');
      // Assess
      expect(client.props).toMatchObject({
        UserPoolId: { Ref: ids.pool },
        GenerateSecret: false,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        SupportedIdentityProviders: ['COGNITO'],
        CallbackURLs: [underApi('/auth/callback')],
        LogoutURLs: [underApi('/auth/logout')],
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
      });
    });

    it('issues tokens for 60 minutes and a refresh token for 12 hours, and allows no password flow through the API', () => {
      // Act
      const client = resourceById(synthesized.template, 'AWS::Cognito::UserPoolClient', 'CareTeamUserPoolInboxClient');
      // Assess
      expect(client.props).toMatchObject({
        IdTokenValidity: 60,
        AccessTokenValidity: 60,
        RefreshTokenValidity: 720,
        TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      });
    });
  });

  describe('HTTP API', () => {
    it('sends every request ($default route) to the inbox function through a Lambda proxy integration, without an API Gateway authorizer', () => {
      // Act
      const route = resourceById(synthesized.template, 'AWS::ApiGatewayV2::Route', 'InboxApiDefaultRoute');
      const integration = resourceById(synthesized.template, 'AWS::ApiGatewayV2::Integration', 'InboxApiDefaultRouteInboxIntegration');
      // Assess
      expect(resources(synthesized.template, 'AWS::ApiGatewayV2::Route')).toHaveLength(1);
      expect(route.props).toMatchObject({ ApiId: { Ref: ids.api }, RouteKey: '$default', AuthorizationType: 'NONE' });
      expect(route.props['Target']).toEqual({ 'Fn::Join': ['', ['integrations/', { Ref: integration.id }]] });
      expect(integration.props).toEqual({ ApiId: { Ref: ids.api }, IntegrationType: 'AWS_PROXY', IntegrationUri: arnOf(fn.id), PayloadFormatVersion: '2.0' });
    });

    it('lets only this API invoke the function', () => {
      // Act
      const permissions = resources(synthesized.template, 'AWS::Lambda::Permission').filter((permission) => JSON.stringify(permission.props['FunctionName']).includes(fn.id));
      // Assess
      expect(permissions).toHaveLength(1);
      expect(permissions[0]?.props).toMatchObject({
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Join': ['', ['arn:aws:execute-api:us-east-1:111122223333:', { Ref: ids.api }, '/*/*']] },
      });
    });

    it('throttles the $default stage and logs each request as JSON to a retained log group encrypted with the data key', () => {
      // Act
      const stage = resourceById(synthesized.template, 'AWS::ApiGatewayV2::Stage', 'InboxApiHttpApiDefaultStage');
      const logs = resourceById(synthesized.template, 'AWS::Logs::LogGroup', 'InboxApiAccessLogs');
      const settings = obj(stage.props['AccessLogSettings']);
      // Assess
      expect(stage.props).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 } });
      expect(settings['DestinationArn']).toEqual(arnOf(logs.id));
      expect(JSON.parse(String(settings['Format']))).toEqual(ACCESS_LOG_FIELDS);
      expect(logs.props).toEqual({ KmsKeyId: arnOf(ids.dataKey), RetentionInDays: 365 });
      expect(logs.resource['DeletionPolicy']).toBe('Retain');
    });

    it('logs no query string, header, cookie or body', () => {
      // Act
      const variables = Object.values(ACCESS_LOG_FIELDS).join(' ');
      // Assess
      expect(variables).not.toMatch(/querystring|header|cookie|body|authorizer|userAgent/i);
    });
  });

  describe('inbox function', () => {
    it('runs the inbox handler on the newest Node runtime, arm64, traced, in the VPC with reserved concurrency', () => {
      // Assess
      expect(fn.props).toMatchObject({
        Runtime: newestNodeRuntime(),
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        Timeout: 25,
        ReservedConcurrentExecutions: 10,
      });
      expect(arr(obj(fn.props['VpcConfig'])['SubnetIds'])).toHaveLength(2);
    });

    it('is configured with the inbox URL, the Cognito client, issuer and group, the clinic time zone and the fulfillment settings', () => {
      // Act
      const variables = environment(fn);
      // Assess
      expect(variables).toMatchObject({
        INBOX_BASE_URL: { 'Fn::GetAtt': [ids.api, 'ApiEndpoint'] },
        INBOX_OAUTH_URL: { 'Fn::Join': ['', ['https://', { Ref: ids.domain }, '.auth.us-east-1.amazoncognito.com']] },
        INBOX_OAUTH_CLIENT_ID: { Ref: ids.client },
        // amazonaws.com in the commercial partition (the pool's ProviderURL without https://).
        INBOX_TOKEN_ISSUER: { 'Fn::Join': ['', ['https://cognito-idp.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: ids.pool }]] },
        INBOX_CARE_TEAM_GROUP: 'care-team',
        CLINIC_TIME_ZONE: 'America/Chicago',
        SYMPTOM_NOTES_TABLE_NAME: { Ref: ids.notes },
        AUDIT_TABLE_NAME: { Ref: ids.audit },
        RECORDINGS_BUCKET_NAME: { Ref: ids.bucket },
        CONFIG_PARAMETER_PATH: '/clinic-ivr/',
        SESSION_KEY_SECRET_ARN: { Ref: resourceById(synthesized.template, 'AWS::SecretsManager::Secret', 'FulfillmentSessionKeySecret').id },
        SIGNING_KMS_KEY_ID: arnOf(resourceById(synthesized.template, 'AWS::KMS::Key', 'EpicSigningKey').id),
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-inbox',
      });
      expect(variables).not.toHaveProperty('LOCKOUT_TABLE_NAME');
    });

    it('may read notes and their indexes, update review state, append audit events and read recordings, each on its exact resources', () => {
      // Act
      const granted = statements(resourceById(synthesized.template, 'AWS::IAM::ManagedPolicy', 'InboxFunctionPolicy').props['PolicyDocument']);
      // Assess
      expect(granted.map((statement) => statement['Sid'])).toEqual([
        'SignEpicAssertions',
        'ReadSigningPublicKey',
        'ReadEpicSettings',
        'ReadSessionKey',
        'ReadNotes',
        'WriteReviewState',
        'AppendAuditEvents',
        'ReadRecordings',
        'DataKeyThroughServices',
      ]);
      expect(sid(granted, 'ReadNotes')).toMatchObject({
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Resource: [arnOf(ids.notes), { 'Fn::Join': ['', [arnOf(ids.notes), '/index/*']] }],
      });
      expect(sid(granted, 'WriteReviewState')).toMatchObject({ Action: 'dynamodb:UpdateItem', Resource: arnOf(ids.notes) });
      expect(sid(granted, 'AppendAuditEvents')).toMatchObject({ Action: 'dynamodb:PutItem', Resource: arnOf(ids.audit) });
      expect(sid(granted, 'ReadRecordings')).toMatchObject({ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [arnOf(ids.bucket), '/recordings/*']] } });
      expect(sid(granted, 'DataKeyThroughServices')).toMatchObject({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: arnOf(ids.dataKey),
        Condition: {
          StringEquals: {
            'kms:ViaService': ['dynamodb.us-east-1.amazonaws.com', 's3.us-east-1.amazonaws.com', 'secretsmanager.us-east-1.amazonaws.com'],
          },
        },
      });
    });

    it('grants its code no wildcard resource, no scan, no delete and no write to the recordings', () => {
      // Act
      const granted = statements(resourceById(synthesized.template, 'AWS::IAM::ManagedPolicy', 'InboxFunctionPolicy').props['PolicyDocument']);
      const actions = granted.flatMap((statement) => [statement['Action']].flat().map(String));
      // Assess
      expect(granted.filter((statement) => [statement['Resource']].flat().includes('*'))).toEqual([]);
      expect(actions.filter((action) => /Scan|Delete|BatchWrite|PutObject|sns:|\*$/.test(action))).toEqual([]);
    });

    it('alarms on function errors, throttles and the API\'s 5xx answers, to the alarm topic', () => {
      // Act
      const alarms = resources(synthesized.template, 'AWS::CloudWatch::Alarm').filter((alarm) => alarm.id.startsWith('Inbox'));
      // Assess
      expect(alarms.map((alarm) => [alarm.props['Namespace'], alarm.props['MetricName'], alarm.props['Statistic']])).toEqual([
        ['AWS/ApiGateway', '5xx', 'Sum'],
        ['AWS/Lambda', 'Errors', 'Sum'],
        ['AWS/Lambda', 'Throttles', 'Sum'],
      ]);
      for (const alarm of alarms) {
        expect(alarm.props['AlarmActions']).toEqual([{ Ref: ids.topic }]);
        expect(alarm.props['OKActions']).toEqual([{ Ref: ids.topic }]);
      }
      const apiAlarm = alarms.find((alarm) => alarm.props['MetricName'] === '5xx');
      expect(apiAlarm?.props['Dimensions']).toEqual([{ Name: 'ApiId', Value: { Ref: ids.api } }]);
    });
  });

  describe('care-team notifications', () => {
    it('give both filing workers the inbox URL, so each notification links to the note\'s page', () => {
      // Act
      const workers = ['SymptomPipelineRecordingWorkerFunction', 'SymptomPipelineTranscriptionWorkerFunction'].map((prefix) =>
        environment(resourceById(synthesized.template, 'AWS::Lambda::Function', prefix)),
      );
      // Assess
      for (const variables of workers) expect(variables['INBOX_BASE_URL']).toEqual({ 'Fn::GetAtt': [ids.api, 'ApiEndpoint'] });
    });
  });

  describe('outputs', () => {
    it('name the inbox URL, the user pool and its hosted sign-in domain', () => {
      // Act
      const outputs = obj(synthesized.template.toJSON()['Outputs']);
      // Assess
      expect(obj(outputs['InboxUrl'])['Value']).toEqual(underApi('/'));
      expect(obj(outputs['UserPoolId'])['Value']).toEqual({ Ref: ids.pool });
      expect(obj(outputs['UserPoolDomain'])['Value']).toEqual({ 'Fn::Join': ['', ['https://', { Ref: ids.domain }, '.auth.us-east-1.amazoncognito.com']] });
    });
  });
});

describe('inbox context', () => {
  const { read, problem } = contextReaders(readInboxContext);

  it('defaults the sign-in domain prefix to one unique to the account, and the time zone to the documented one', () => {
    // Act
    const settings = read({ clinicTimeZone: undefined });
    // Assess
    expect(settings).toEqual({ domainPrefix: 'clinic-ivr-111122223333', clinicTimeZone: DEFAULT_CLINIC_TIME_ZONE });
    expect(DEFAULT_CLINIC_TIME_ZONE).toBe('America/Chicago');
  });

  it('reads a prefix and a time zone from -c strings', () => {
    // Act
    const settings = read({ inboxDomainPrefix: 'my-clinic-inbox', clinicTimeZone: 'America/New_York' });
    // Assess
    expect(settings).toEqual({ domainPrefix: 'my-clinic-inbox', clinicTimeZone: 'America/New_York' });
  });

  it('refuses a prefix Cognito would refuse and an unknown time zone, naming each with an example', () => {
    // Act
    const messages = ['My_Clinic', 'clinic-', 'aws-clinic', 'my-cognito'].map((prefix) => problem({ inboxDomainPrefix: prefix }));
    const zone = problem({ clinicTimeZone: 'Mars/Olympus' });
    // Assess
    for (const message of messages) expect(message).toMatch(/"inboxDomainPrefix" is not valid .*-c inboxDomainPrefix=my-clinic-inbox/);
    expect(zone).toContain('"clinicTimeZone" is not valid ("Mars/Olympus"): IANA time zone the inbox shows times in');
  });
});
