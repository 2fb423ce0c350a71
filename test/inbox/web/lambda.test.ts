import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LambdaEvent } from 'hono/aws-lambda';
import { inboxAppDepsFromEnv, inboxServiceFromEnv } from '../../../fulfillment/functions/inbox/deps';
import { inboxHandler } from '../../../fulfillment/functions/inbox/handler';
import { createInboxHandler } from '../../../fulfillment/inbox/web/lambda';
import { ConfigError } from '../../../fulfillment/runtime/config';
import { generateSessionKey } from '../../../fulfillment/session';
import { startCareTeamIssuer } from '../../../sandbox/careTeamIssuer';
import { SANDBOX_CLINICIANS } from '../../../sandbox/data/clinicians';
import { InboxServiceDouble } from '../../support/inboxServiceDouble';
import { TEST_CLIENT_ID, TEST_INBOX_URL } from '../../support/inboxHttp';
import { useStarted } from '../../support/lifecycle';
import { MemoryLogger } from '../../support/memoryLogger';

/**
 * An API Gateway HTTP API event (payload format 2.0) for `GET path`, as the `$default` route delivers
 * it with no authorizer (so no `authorizer` or `authentication` field, which Hono's type insists on).
 */
function httpApiEvent(path: string, cookies?: string[]): LambdaEvent {
  const [rawPath, rawQueryString = ''] = path.split('?') as [string, string?];
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers: { host: new URL(TEST_INBOX_URL).host, 'x-forwarded-proto': 'https', accept: 'text/html' },
    requestContext: {
      accountId: '111122223333',
      apiId: 'a1b2c3d4e5',
      domainName: new URL(TEST_INBOX_URL).host,
      domainPrefix: 'inbox',
      http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '04/Dec/2026:15:15:00 +0000',
      timeEpoch: 1796397300000,
    },
    isBase64Encoded: false,
    body: null,
  } as unknown as LambdaEvent;
}

/** The variables a deployment gives the inbox function, pointed at the local issuer. */
const envFor = (issuer: { oauthUrl: string; issuer: string }) => ({
  INBOX_BASE_URL: TEST_INBOX_URL,
  INBOX_OAUTH_URL: issuer.oauthUrl,
  INBOX_OAUTH_CLIENT_ID: TEST_CLIENT_ID,
  INBOX_TOKEN_ISSUER: issuer.issuer,
  SESSION_KEY: generateSessionKey(),
});

describe('the inbox behind API Gateway (HTTP API, payload 2.0)', () => {
  const issuer = useStarted(() => startCareTeamIssuer());

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('answers a signed-in care-team member from the cookies of the event, with the headers in the result', async () => {
    // Prepare
    const deps = { ...(await inboxAppDepsFromEnv(new InboxServiceDouble(), envFor(issuer))), logger: new MemoryLogger() };
    const handler = createInboxHandler(async () => deps);
    const token = await issuer.issueIdToken(SANDBOX_CLINICIANS.nurse.username, TEST_CLIENT_ID);
    // Act
    const result = await handler(httpApiEvent('/?filter=urgent', [`__Host-inbox-session=${token}`, 'other=1']));
    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Alex Rivera, RN');
    expect(result.body).toContain('Eleanor Whitfield');
    expect('headers' in result ? result.headers?.['cache-control'] : undefined).toBe('no-store');
  });

  it('returns Set-Cookie in the result’s cookies, as payload 2.0 wants', async () => {
    // Prepare
    const deps = { ...(await inboxAppDepsFromEnv(new InboxServiceDouble(), envFor(issuer))), logger: new MemoryLogger() };
    const handler = createInboxHandler(async () => deps);
    // Act
    const result = await handler(httpApiEvent('/auth/login?next=%2F'));
    // Assess
    expect(result.statusCode).toBe(302);
    expect(result.cookies).toEqual([expect.stringMatching(/^__Host-inbox-sign-in=.+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/)]);
  });

  it('builds its dependencies once per container, and again after a failed build', async () => {
    // Prepare
    const deps = { ...(await inboxAppDepsFromEnv(new InboxServiceDouble(), envFor(issuer))), logger: new MemoryLogger() };
    const build = vi.fn().mockRejectedValueOnce(new ConfigError('Invalid configuration: INBOX_BASE_URL is required')).mockResolvedValue(deps);
    const handler = createInboxHandler(build);
    // Act
    const first = handler(httpApiEvent('/'));
    await expect(first).rejects.toThrow(ConfigError);
    await handler(httpApiEvent('/'));
    await handler(httpApiEvent('/'));
    // Assess
    expect(build).toHaveBeenCalledTimes(2);
  });

  it("reads the function's settings and session key from the environment, with the service it is given", async () => {
    // Prepare
    for (const [name, value] of Object.entries(envFor(issuer))) vi.stubEnv(name, value);
    const service = new InboxServiceDouble();
    const handler = inboxHandler(async () => service);
    // Act
    const result = await handler(httpApiEvent('/'));
    // Assess
    expect(result.statusCode).toBe(401);
    expect(result.body).toContain('<h1>Sign in</h1>');
    expect('headers' in result ? result.headers?.['content-security-policy'] : '').toContain(`form-action 'self' ${issuer.oauthUrl}`);
  });

  it('fails fast, naming the variables, when the inbox settings or the session key are missing', async () => {
    // Act / Assess
    await expect(inboxAppDepsFromEnv(new InboxServiceDouble(), { SESSION_KEY: generateSessionKey() })).rejects.toThrow(/INBOX_BASE_URL is required/);
    const { SESSION_KEY: _none, ...withoutKey } = envFor(issuer);
    await expect(inboxAppDepsFromEnv(new InboxServiceDouble(), withoutKey)).rejects.toThrow(/SESSION_KEY_SECRET_ARN or SESSION_KEY is required/);
  });
});

describe('the deployed inbox service', () => {
  const awsEnv = (): NodeJS.ProcessEnv => ({
    AWS_LAMBDA_FUNCTION_NAME: 'inbox',
    AWS_REGION: 'us-east-1',
    EPIC_CLIENT_ID: 'client-1',
    EPIC_TOKEN_URL: 'https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token',
    EPIC_FHIR_BASE_URL: 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4',
    SIGNING_KMS_KEY_ID: 'alias/epic-signing',
    SESSION_KEY: generateSessionKey(),
    SYMPTOM_NOTES_TABLE_NAME: 'clinic-ivr-notes',
    AUDIT_TABLE_NAME: 'clinic-ivr-audit',
    RECORDINGS_BUCKET_NAME: 'clinic-ivr-recordings',
    RECORDINGS_KMS_KEY_ARN: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    INBOX_BASE_URL: 'https://abc123.execute-api.us-east-1.amazonaws.com',
    INBOX_OAUTH_URL: 'https://clinic-ivr.auth.us-east-1.amazoncognito.com',
    INBOX_OAUTH_CLIENT_ID: '4example5client6id7890abcd',
    INBOX_TOKEN_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
  });

  it('is built from the environment the stack gives the function, without the dialog function’s lockout table', async () => {
    // Act
    const service = await inboxServiceFromEnv(awsEnv());
    // Assess
    expect(typeof service.list).toBe('function');
    expect(typeof service.fileKept).toBe('function');
  });

  it('names every store the inbox cannot run without', async () => {
    // Prepare
    const { SYMPTOM_NOTES_TABLE_NAME: _notes, AUDIT_TABLE_NAME: _audit, ...env } = awsEnv();
    // Act
    const attempt = inboxServiceFromEnv(env);
    // Assess
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(/SYMPTOM_NOTES_TABLE_NAME is required by the inbox; AUDIT_TABLE_NAME is required by the inbox/);
  });
});
