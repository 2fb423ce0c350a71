import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError } from '../../fulfillment/runtime/config';
import { INBOX_CONFIG_VARIABLES, loadInboxConfig } from '../../fulfillment/runtime/inboxConfig';

/** What a deployment sets: the HTTP API's origin, the Cognito domain, the app client, the user pool. */
const AWS_ENV = {
  INBOX_BASE_URL: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
  INBOX_OAUTH_URL: 'https://clinic-inbox.auth.us-east-1.amazoncognito.com',
  INBOX_OAUTH_CLIENT_ID: '4m8vq2l5k7d1s3h6j9f0g2p4r',
  INBOX_TOKEN_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34E',
};

describe('inbox configuration', () => {
  it('lists its variables among the ones the README documents, once each', () => {
    // Assess
    expect(INBOX_CONFIG_VARIABLES).toEqual(['INBOX_BASE_URL', 'INBOX_OAUTH_URL', 'INBOX_OAUTH_CLIENT_ID', 'INBOX_TOKEN_ISSUER', 'INBOX_CARE_TEAM_GROUP', 'CLINIC_TIME_ZONE']);
    for (const name of INBOX_CONFIG_VARIABLES) expect(CONFIG_VARIABLES).toContain(name);
    expect(new Set(CONFIG_VARIABLES).size).toBe(CONFIG_VARIABLES.length);
  });

  it('reads a deployment’s settings, with the care-team group and the clinic’s time zone by default', () => {
    // Act
    const config = loadInboxConfig(AWS_ENV);
    // Assess
    expect(config).toEqual({
      baseUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      oauthUrl: 'https://clinic-inbox.auth.us-east-1.amazoncognito.com',
      clientId: '4m8vq2l5k7d1s3h6j9f0g2p4r',
      tokenIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34E',
      careTeamGroup: 'care-team',
      clinicTimeZone: 'America/Chicago',
    });
  });

  it('drops a trailing slash and accepts plain http on loopback only (the local issuer and inbox)', () => {
    // Act
    const local = loadInboxConfig({
      INBOX_BASE_URL: 'http://127.0.0.1:8123/',
      INBOX_OAUTH_URL: 'http://127.0.0.1:8124/',
      INBOX_OAUTH_CLIENT_ID: 'care_team_inbox_local',
      INBOX_TOKEN_ISSUER: 'http://127.0.0.1:8124/local-pool/',
      INBOX_CARE_TEAM_GROUP: 'nurses',
      CLINIC_TIME_ZONE: 'America/Denver',
    });
    // Assess
    expect(local).toMatchObject({ baseUrl: 'http://127.0.0.1:8123', oauthUrl: 'http://127.0.0.1:8124', tokenIssuer: 'http://127.0.0.1:8124/local-pool', careTeamGroup: 'nurses', clinicTimeZone: 'America/Denver' });
    expect(() => loadInboxConfig({ ...AWS_ENV, INBOX_OAUTH_URL: 'http://clinic-inbox.example.org' })).toThrow(/INBOX_OAUTH_URL must be an https URL/);
  });

  it('fails fast naming each missing variable', () => {
    // Act
    const load = (): unknown => loadInboxConfig({});
    // Assess
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/INBOX_BASE_URL is required.*INBOX_OAUTH_URL is required.*INBOX_OAUTH_CLIENT_ID is required.*INBOX_TOKEN_ISSUER is required/);
  });

  it('refuses a base URL with a path, an unknown time zone and a client id with spaces, without echoing the values', () => {
    // Act
    const load = (): unknown =>
      loadInboxConfig({ ...AWS_ENV, INBOX_BASE_URL: 'https://inbox.example.org/prod', CLINIC_TIME_ZONE: 'Mars/Olympus', INBOX_OAUTH_CLIENT_ID: 'secret value' });
    // Assess
    expect(load).toThrow(/INBOX_BASE_URL must be an origin/);
    expect(load).toThrow(/CLINIC_TIME_ZONE must be an IANA time zone/);
    expect(load).toThrow(/INBOX_OAUTH_CLIENT_ID must be an app client id/);
    expect(load).not.toThrow(/Olympus|secret value|\/prod/);
  });
});
