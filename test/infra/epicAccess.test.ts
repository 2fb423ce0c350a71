import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import type { EpicSettings } from '../../infra/lib/EpicAccess';
import { EpicAccess } from '../../infra/lib/EpicAccess';
import { NodeFunction } from '../../infra/lib/NodeFunction';
import { SessionKey } from '../../infra/lib/SessionKey';
import type { JsonObject } from '../support/lexTemplate';
import { arnOf, constructTestStack, resourceById, resources, statements } from '../support/infraApp';

const SETTINGS: EpicSettings = {
  clientId: 'test-client',
  tokenUrl: 'https://epic.example/oauth2/token',
  fhirBaseUrl: 'https://epic.example/api/FHIR/R4',
  fhirVersion: 'R4',
  patientSearch: 'telecom',
};

/** A stack with an EpicAccess and a function granted it. */
function epicAccessStack(settings: EpicSettings = SETTINGS, options: { readonly parameterPath?: string } = {}) {
  const stack = constructTestStack();
  const encryptionKey = new kms.Key(stack, 'DataKey');
  const signingKey = new kms.Key(stack, 'SigningKey', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });
  const sessionKey = new SessionKey(stack, 'SessionKey', { encryptionKey });
  const epicAccess = new EpicAccess(stack, 'EpicAccess', { settings, signingKey, sessionKey, parameterPath: options.parameterPath });
  const fn = new NodeFunction(stack, 'Fn', {
    entry: 'fulfillment/functions/jwks/handler.ts',
    description: 'test function',
    encryptionKey,
    environment: { ...epicAccess.environment },
  });
  epicAccess.grantTo(fn);
  const template = Template.fromStack(stack);
  const ids = {
    signingKey: resourceById(template, 'AWS::KMS::Key', 'SigningKey').id,
    secret: resourceById(template, 'AWS::SecretsManager::Secret', 'SessionKey').id,
  };
  const codeStatements: readonly JsonObject[] = statements(resourceById(template, 'AWS::IAM::ManagedPolicy', 'FnPolicy').props['PolicyDocument']);
  return { epicAccess, template, ids, codeStatements };
}

describe('EpicAccess', () => {
  it('stores each Epic setting as an SSM parameter named like the variable the code reads', () => {
    // Act
    const { template } = epicAccessStack();
    // Assess
    const parameters = Object.fromEntries(resources(template, 'AWS::SSM::Parameter').map((p) => [p.props['Name'], p.props['Value']]));
    expect(parameters).toEqual({
      '/clinic-ivr/EPIC_CLIENT_ID': 'test-client',
      '/clinic-ivr/EPIC_TOKEN_URL': 'https://epic.example/oauth2/token',
      '/clinic-ivr/EPIC_FHIR_BASE_URL': 'https://epic.example/api/FHIR/R4',
      '/clinic-ivr/EPIC_FHIR_VERSION': 'R4',
      '/clinic-ivr/EPIC_PATIENT_SEARCH': 'telecom',
    });
  });

  it('grantTo gives exactly the read rights reaching Epic needs: sign RS384, the public key, the settings by name, the session key', () => {
    // Act
    const { codeStatements, ids } = epicAccessStack();
    // Assess
    expect(codeStatements).toEqual([
      {
        Sid: 'SignEpicAssertions',
        Effect: 'Allow',
        Action: 'kms:Sign',
        Resource: arnOf(ids.signingKey),
        Condition: { StringEquals: { 'kms:SigningAlgorithm': 'RSASSA_PKCS1_V1_5_SHA_384' } },
      },
      { Sid: 'ReadSigningPublicKey', Effect: 'Allow', Action: 'kms:GetPublicKey', Resource: arnOf(ids.signingKey) },
      {
        Sid: 'ReadEpicSettings',
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: ['EPIC_CLIENT_ID', 'EPIC_TOKEN_URL', 'EPIC_FHIR_BASE_URL', 'EPIC_FHIR_VERSION', 'EPIC_PATIENT_SEARCH'].map(
          (name) => `arn:aws:ssm:us-east-1:111122223333:parameter/clinic-ivr/${name}`,
        ),
      },
      { Sid: 'ReadSessionKey', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: ids.secret } },
    ]);
  });

  it('gives a function the variables the code reaches Epic with, and the extension layer they need', () => {
    // Act
    const { template, ids } = epicAccessStack();
    const fn = resourceById(template, 'AWS::Lambda::Function', 'FnFunction');
    // Assess
    expect(fn.props['Environment']).toMatchObject({
      Variables: {
        CONFIG_PARAMETER_PATH: '/clinic-ivr/',
        CONFIG_PARAMETER_NAMES: 'EPIC_CLIENT_ID,EPIC_TOKEN_URL,EPIC_FHIR_BASE_URL,EPIC_FHIR_VERSION,EPIC_PATIENT_SEARCH',
        SESSION_KEY_SECRET_ARN: { Ref: ids.secret },
        SIGNING_KMS_KEY_ID: arnOf(ids.signingKey),
        EPIC_SETTINGS_FINGERPRINT: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    });
    expect(JSON.stringify(fn.props['Layers'])).toContain('AWS-Parameters-and-Secrets-Lambda-Extension');
  });

  it('changes the settings fingerprint when a setting changes, so Lambda starts fresh containers', () => {
    // Act
    const before = epicAccessStack().epicAccess.environment['EPIC_SETTINGS_FINGERPRINT'];
    const same = epicAccessStack().epicAccess.environment['EPIC_SETTINGS_FINGERPRINT'];
    const after = epicAccessStack({ ...SETTINGS, clientId: 'another-client' }).epicAccess.environment['EPIC_SETTINGS_FINGERPRINT'];
    // Assess
    expect(same).toBe(before);
    expect(after).not.toBe(before);
  });

  it('refuses a parameter path without leading and trailing slashes', () => {
    // Act
    const build = (): unknown => epicAccessStack(SETTINGS, { parameterPath: 'clinic-ivr' });
    // Assess
    expect(build).toThrow(/parameterPath must start and end with "\/"/);
  });
});
