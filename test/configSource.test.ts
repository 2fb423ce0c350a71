import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../fulfillment/src/config';
import { loadConfigFromAws } from '../fulfillment/src/configSource';

const ssmMock = mockClient(SSMClient);
const secretsMock = mockClient(SecretsManagerClient);
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:clinic-ivr/session-key-AbCdEf';
const lambdaEnv = {
  AWS_LAMBDA_FUNCTION_NAME: 'clinic-ivr-fulfillment',
  CONFIG_PARAMETER_PATH: '/clinic-ivr/',
  SESSION_KEY_SECRET_ARN: SECRET_ARN,
  SIGNING_KMS_KEY_ID: 'alias/clinic-ivr/epic-signing',
  LOCKOUT_TABLE_NAME: 'clinic-ivr-lockout',
  AUDIT_TABLE_NAME: 'clinic-ivr-audit',
};

function clients() {
  return { ssm: new SSMClient({ region: 'us-east-1' }), secrets: new SecretsManagerClient({ region: 'us-east-1' }) };
}

afterEach(() => {
  ssmMock.reset();
  secretsMock.reset();
});

describe('configuration from SSM and Secrets Manager', () => {
  it('reads every page of parameters under the path and derives the session key from the secret', async () => {
    // Prepare: responses shaped as in the SSM and Secrets Manager API references.
    ssmMock
      .on(GetParametersByPathCommand, { Path: '/clinic-ivr/', NextToken: undefined })
      .resolves({
        Parameters: [
          { Name: '/clinic-ivr/EPIC_CLIENT_ID', Type: 'String', Value: 'client-1', Version: 1 },
          { Name: '/clinic-ivr/EPIC_TOKEN_URL', Type: 'String', Value: 'https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token', Version: 1 },
        ],
        NextToken: 'page-2',
      })
      .on(GetParametersByPathCommand, { Path: '/clinic-ivr/', NextToken: 'page-2' })
      .resolves({
        Parameters: [
          { Name: '/clinic-ivr/EPIC_FHIR_BASE_URL', Type: 'String', Value: 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4', Version: 1 },
          { Name: '/clinic-ivr/EPIC_PATIENT_SEARCH', Type: 'String', Value: 'name', Version: 1 },
        ],
      });
    secretsMock.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, Name: 'clinic-ivr/session-key', SecretString: 'x'.repeat(64), VersionId: 'v1' });
    // Act
    const config = await loadConfigFromAws(lambdaEnv, clients());
    // Assess
    expect(config.epic).toMatchObject({ clientId: 'client-1', patientSearch: 'name' });
    expect(config.session.key).toHaveLength(32);
    expect(ssmMock).toHaveReceivedCommandWith(GetParametersByPathCommand, { Path: '/clinic-ivr/', WithDecryption: true });
    expect(secretsMock).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
  });

  it('names the failing source without leaking values when SSM refuses', async () => {
    ssmMock.on(GetParametersByPathCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: 'x'.repeat(64) });
    await expect(loadConfigFromAws(lambdaEnv, clients())).rejects.toThrow(
      new ConfigError('Invalid configuration: SSM parameters under /clinic-ivr/ could not be read (AccessDeniedException)'),
    );
  });

  it('refuses a secret too short to derive a key from', async () => {
    ssmMock.on(GetParametersByPathCommand).resolves({ Parameters: [] });
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: 'short' });
    await expect(loadConfigFromAws(lambdaEnv, clients())).rejects.toThrow(/at least 32 characters/);
  });

  it('is plain environment configuration when no AWS source is named', async () => {
    await expect(loadConfigFromAws({}, clients())).rejects.toThrow(/EPIC_CLIENT_ID/);
    expect(ssmMock.calls()).toHaveLength(0);
  });
});
