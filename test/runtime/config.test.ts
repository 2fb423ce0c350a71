import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../fulfillment/runtime/config';
import { minimalEnv } from '../support/configEnv';

const minimal = minimalEnv();

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(minimal);
    expect(config.epic).toMatchObject({
      fhirVersion: 'R4',
      patientSearch: 'name',
      sexSearchParam: 'legal-sex',
      httpTimeoutMs: 4000,
      maxRetries: 2,
      tokenRefreshMarginSeconds: 60,
      assertionLifetimeSeconds: 240,
      scope: undefined,
    });
    expect(config.signing).toEqual({ kind: 'kms', kmsKeyId: 'alias/epic-signing' });
    expect(config.phoneDefaultRegion).toBe('US');
  });

  it('searches by name unless told otherwise, the one strategy a stock Epic accepts; telecom is an opt-in', () => {
    expect(loadConfig(minimal).epic.patientSearch).toBe('name');
    expect(loadConfig({ ...minimal, EPIC_PATIENT_SEARCH: 'telecom' }).epic.patientSearch).toBe('telecom');
  });

  it('searches by gender on STU3 unless told otherwise', () => {
    expect(loadConfig({ ...minimal, EPIC_FHIR_VERSION: 'STU3' }).epic.sexSearchParam).toBe('gender');
  });

  it('names every bad variable in one error, without values', () => {
    const attempt = () =>
      loadConfig({ EPIC_TOKEN_URL: 'http://epic.example.org/token', EPIC_ASSERTION_LIFETIME_SECONDS: '900', EPIC_FHIR_BASE_URL: 'nope' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/EPIC_CLIENT_ID/);
    expect(attempt).toThrow(/EPIC_TOKEN_URL must be an https URL/);
    expect(attempt).toThrow(/EPIC_FHIR_BASE_URL/);
    expect(attempt).toThrow(/EPIC_ASSERTION_LIFETIME_SECONDS/);
    expect(attempt).toThrow(/SIGNING_KMS_KEY_ID set exactly one/);
    expect(attempt).not.toThrow(/epic\.example\.org/);
  });

  it('allows plain http only on loopback, for the sandbox', () => {
    const config = loadConfig({
      ...minimal,
      EPIC_TOKEN_URL: 'http://127.0.0.1:8080/oauth2/token',
      EPIC_FHIR_BASE_URL: 'http://localhost:8080/api/FHIR/R4',
    });
    expect(config.epic.tokenUrl).toBe('http://127.0.0.1:8080/oauth2/token');
  });

  it('refuses both a KMS key and a PEM file at once', () => {
    expect(() => loadConfig({ ...minimal, SIGNING_PRIVATE_KEY_PEM_FILE: '/tmp/key.pem' })).toThrow(/exactly one/);
  });
});

describe('configuration of the dialog', () => {
  it('requires a 32-byte session key', () => {
    expect(() => loadConfig({ ...minimal, SESSION_KEY: 'c2hvcnQ' })).toThrow(/SESSION_KEY must be 32 random bytes/);
  });

  it('requires the DynamoDB tables inside AWS Lambda, where local stand-ins would lose data', () => {
    const inLambda = { ...minimal, AWS_LAMBDA_FUNCTION_NAME: 'clinic-ivr-fulfillment' };
    expect(() => loadConfig(inLambda)).toThrow(/LOCKOUT_TABLE_NAME is required in AWS Lambda.*AUDIT_TABLE_NAME is required/);
    const config = loadConfig({ ...inLambda, LOCKOUT_TABLE_NAME: 'ivr-lockout', AUDIT_TABLE_NAME: 'ivr-audit' });
    expect(config.storage).toMatchObject({ lockoutTable: 'ivr-lockout', auditTable: 'ivr-audit' });
  });
});

describe('configuration of the care-team notification link', () => {
  it('leaves the inbox link out when INBOX_BASE_URL is unset', () => {
    // Act
    const config = loadConfig(minimal);
    // Assess
    expect(config.symptoms.inboxBaseUrl).toBeUndefined();
  });

  it('reads the inbox origin without its trailing slash', () => {
    // Act
    const config = loadConfig({ ...minimal, INBOX_BASE_URL: 'https://abc123.execute-api.us-east-1.amazonaws.com/' });
    // Assess
    expect(config.symptoms.inboxBaseUrl).toBe('https://abc123.execute-api.us-east-1.amazonaws.com');
  });

  it('refuses an inbox URL that is plain http off loopback, or carries a query', () => {
    // Act
    const insecure = () => loadConfig({ ...minimal, INBOX_BASE_URL: 'http://inbox.clinic.example' });
    const withQuery = () => loadConfig({ ...minimal, INBOX_BASE_URL: 'https://inbox.clinic.example/?next=1' });
    // Assess
    expect(insecure).toThrow(/INBOX_BASE_URL must be an https URL/);
    expect(withQuery).toThrow(/INBOX_BASE_URL must have no query or fragment/);
    expect(loadConfig({ ...minimal, INBOX_BASE_URL: 'http://127.0.0.1:4321' }).symptoms.inboxBaseUrl).toBe('http://127.0.0.1:4321');
  });
});
