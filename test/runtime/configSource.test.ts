import { hkdfSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../fulfillment/runtime/config';
import { loadConfigFromAws, loadSessionKeyFromAws, type ConfigSourceClients } from '../../fulfillment/runtime/configSource';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:clinic-ivr/session-key-AbCdEf';
const SESSION_TOKEN = 'session-token-of-the-execution-role';
const SECRET_STRING = 'Qm9vc3RlZFNlY3JldFZhbHVlVGhhdE11c3ROZXZlckxlYWs0NjEyMzQ1Njc4OTBhYg';

/** SSM parameters as `infra/lib/EpicAccess.ts` creates them, by full name. */
const PARAMETERS: Readonly<Record<string, string>> = {
  '/clinic-ivr/EPIC_CLIENT_ID': 'client-1',
  '/clinic-ivr/EPIC_TOKEN_URL': 'https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token',
  '/clinic-ivr/EPIC_FHIR_BASE_URL': 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4',
  '/clinic-ivr/EPIC_FHIR_VERSION': 'R4',
  '/clinic-ivr/EPIC_PATIENT_SEARCH': 'name',
};

/** Short pauses so the retry tests stay quick; the server binds 127.0.0.1, so the client does too. */
const FAST: ConfigSourceClients = { host: '127.0.0.1', timeoutMs: 1000, attempts: 3, retryDelayMs: 5 };

/** Answers a request itself (or leaves it hanging) and returns true, or returns false to let the stand-in answer. */
type Route = (url: URL, req: IncomingMessage, res: ServerResponse) => boolean;

interface StandIn {
  /** Port to pass as PARAMETERS_SECRETS_EXTENSION_HTTP_PORT. */
  readonly port: string;
  /** Path and query of every request received, in order. */
  readonly requests: string[];
  /** The token header of every request received. */
  readonly tokens: (string | undefined)[];
}

const servers: { close: () => Promise<void> }[] = [];

/**
 * A stand-in for the Parameters and Secrets extension on 127.0.0.1 and a free port, answering like
 * the extension: GetParameter JSON on /systemsmanager/parameters/get, GetSecretValue JSON on
 * /secretsmanager/get, 400 for what SSM or Secrets Manager refuse. `route` may answer first.
 */
async function startExtension(route?: Route): Promise<StandIn> {
  const requests: string[] = [];
  const tokens: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    tokens.push(req.headers['x-aws-parameters-secrets-token'] as string | undefined);
    if (route?.(url, req, res)) return;
    if (req.headers['x-aws-parameters-secrets-token'] !== SESSION_TOKEN) return json(res, 401, { message: 'missing token' });
    if (url.pathname === '/systemsmanager/parameters/get') {
      const name = url.searchParams.get('name') ?? '';
      const value = PARAMETERS[name];
      if (value === undefined) return json(res, 400, { message: `ParameterNotFound: ${name}` });
      return json(res, 200, { Parameter: { ARN: `arn:aws:ssm:us-east-1:111122223333:parameter${name}`, DataType: 'text', Name: name, Type: 'String', Value: value, Version: 1 } });
    }
    if (url.pathname === '/secretsmanager/get' && url.searchParams.get('secretId') === SECRET_ARN) {
      return json(res, 200, { ARN: SECRET_ARN, Name: 'clinic-ivr/session-key', SecretString: SECRET_STRING, VersionId: 'v1', VersionStages: ['AWSCURRENT'] });
    }
    return json(res, 400, { message: 'ResourceNotFoundException' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { port: String((server.address() as AddressInfo).port), requests, tokens };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The environment `infra/lib/EpicAccess.ts` and `LexCodeHook.ts` give the function, plus what Lambda and the layer set. */
function lambdaEnv(port: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    AWS_LAMBDA_FUNCTION_NAME: 'clinic-ivr-fulfillment',
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: port,
    CONFIG_PARAMETER_PATH: '/clinic-ivr/',
    CONFIG_PARAMETER_NAMES: 'EPIC_CLIENT_ID,EPIC_TOKEN_URL,EPIC_FHIR_BASE_URL,EPIC_FHIR_VERSION,EPIC_PATIENT_SEARCH',
    SESSION_KEY_SECRET_ARN: SECRET_ARN,
    SIGNING_KMS_KEY_ID: 'alias/clinic-ivr/epic-signing',
    LOCKOUT_TABLE_NAME: 'clinic-ivr-lockout',
    AUDIT_TABLE_NAME: 'clinic-ivr-audit',
    ...overrides,
  };
}

/** The error `promise` rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected a rejection');
  return outcome;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('configuration through the Parameters and Secrets extension', () => {
  it('reads each named parameter and the session-key secret, with the session token, on the documented port', async () => {
    // Prepare
    const extension = await startExtension();
    // Act
    const config = await loadConfigFromAws(lambdaEnv(extension.port), FAST);
    // Assess
    expect(config.epic).toMatchObject({
      clientId: 'client-1',
      tokenUrl: PARAMETERS['/clinic-ivr/EPIC_TOKEN_URL'],
      fhirBaseUrl: PARAMETERS['/clinic-ivr/EPIC_FHIR_BASE_URL'],
      fhirVersion: 'R4',
      patientSearch: 'name',
    });
    expect(Buffer.from(config.session.key)).toEqual(Buffer.from(hkdfSync('sha256', SECRET_STRING, new Uint8Array(0), 'clinic-ivr session key', 32)));
    expect([...extension.requests].sort()).toEqual(
      [
        ...Object.keys(PARAMETERS).map((name) => `/systemsmanager/parameters/get?name=${encodeURIComponent(name)}&withDecryption=true`),
        `/secretsmanager/get?secretId=${encodeURIComponent(SECRET_ARN)}`,
      ].sort(),
    );
    expect(new Set(extension.tokens)).toEqual(new Set([SESSION_TOKEN]));
  });

  it('lets a parameter override the same variable in the environment', async () => {
    // Prepare
    const extension = await startExtension();
    // Act
    const config = await loadConfigFromAws(lambdaEnv(extension.port, { EPIC_CLIENT_ID: 'stale-client' }), FAST);
    // Assess
    expect(config.epic.clientId).toBe('client-1');
  });

  it('names a missing parameter, after a bounded number of attempts', async () => {
    // Prepare: a name the stack never created; the extension relays SSM's ParameterNotFound as 400.
    const extension = await startExtension();
    const env = lambdaEnv(extension.port, { CONFIG_PARAMETER_NAMES: 'EPIC_CLIENT_ID,EPIC_SCOPE' });
    // Act
    const error = await failureOf(loadConfigFromAws(env, FAST));
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'Invalid configuration: SSM parameter /clinic-ivr/EPIC_SCOPE could not be read through the Parameters and Secrets extension (HTTP 400; up to 3 attempts)',
    );
    expect(extension.requests.filter((request) => request.includes('EPIC_SCOPE'))).toHaveLength(3);
  });

  it('fails at once on a refusal that retrying cannot heal (403)', async () => {
    // Prepare
    const extension = await startExtension((url, _req, res) => {
      if (url.searchParams.get('name') !== '/clinic-ivr/EPIC_TOKEN_URL') return false;
      json(res, 403, { message: 'AccessDeniedException' });
      return true;
    });
    // Act
    const error = await failureOf(loadConfigFromAws(lambdaEnv(extension.port), FAST));
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('SSM parameter /clinic-ivr/EPIC_TOKEN_URL could not be read');
    expect(error.message).toContain('HTTP 403');
    expect(extension.requests.filter((request) => request.includes('EPIC_TOKEN_URL'))).toHaveLength(1);
  });

  it('retries a server error and succeeds when the extension recovers', async () => {
    // Prepare: the first answer for each value is a 503.
    const seen = new Set<string>();
    const extension = await startExtension((url, _req, res) => {
      if (seen.has(url.search)) return false;
      seen.add(url.search);
      json(res, 503, { message: 'unavailable' });
      return true;
    });
    // Act
    const config = await loadConfigFromAws(lambdaEnv(extension.port), FAST);
    // Assess
    expect(config.epic.clientId).toBe('client-1');
    expect(extension.requests).toHaveLength(2 * (Object.keys(PARAMETERS).length + 1));
  });

  it('gives up on an extension that never answers, after the bounded attempts', async () => {
    // Prepare: requests are accepted and left hanging.
    const extension = await startExtension(() => true);
    const env = lambdaEnv(extension.port, { CONFIG_PARAMETER_PATH: undefined });
    // Act
    const error = await failureOf(loadConfigFromAws(env, { ...FAST, timeoutMs: 100, attempts: 2 }));
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'Invalid configuration: the session key secret (SESSION_KEY_SECRET_ARN) could not be read through the Parameters and Secrets extension (no answer within 100 ms; up to 2 attempts)',
    );
    expect(extension.requests).toHaveLength(2);
  });

  it('names an extension that is not listening by its network error', async () => {
    // Prepare: a port that was free a moment ago and is closed now.
    const extension = await startExtension();
    await Promise.all(servers.splice(0).map((server) => server.close()));
    // Act
    const error = await failureOf(loadSessionKeyFromAws(lambdaEnv(extension.port), { ...FAST, attempts: 2 }));
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('(ECONNREFUSED; up to 2 attempts)');
  });

  it('never puts a secret value in an error message', async () => {
    // Prepare: a secret too short to derive a key from, and an error page that echoes a value.
    const shortSecret = 'hunter2-is-not-a-key';
    const shortExtension = await startExtension((url, _req, res) => {
      if (url.pathname !== '/secretsmanager/get') return false;
      json(res, 200, { SecretString: shortSecret });
      return true;
    });
    const echoingExtension = await startExtension((url, _req, res) => {
      if (url.pathname !== '/secretsmanager/get') return false;
      json(res, 500, { SecretString: SECRET_STRING, message: SECRET_STRING });
      return true;
    });
    // Act
    const short = await failureOf(loadSessionKeyFromAws(lambdaEnv(shortExtension.port), FAST));
    const echoed = await failureOf(loadConfigFromAws(lambdaEnv(echoingExtension.port), FAST));
    // Assess
    expect(short.message).toBe('Invalid configuration: the session key secret must hold a string of at least 32 characters');
    expect(echoed.message).toContain('the session key secret (SESSION_KEY_SECRET_ARN) could not be read');
    for (const error of [short, echoed]) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).not.toContain(shortSecret);
      expect(error.message).not.toContain(SECRET_STRING);
      expect(JSON.stringify(error)).not.toContain(SECRET_STRING);
    }
  });

  it('refuses a parameter path without the names to read under it', async () => {
    // Prepare
    const extension = await startExtension();
    // Act
    const error = await failureOf(loadConfigFromAws(lambdaEnv(extension.port, { CONFIG_PARAMETER_NAMES: ' , ' }), FAST));
    // Assess
    expect(error).toEqual(new ConfigError('Invalid configuration: CONFIG_PARAMETER_NAMES is required with CONFIG_PARAMETER_PATH'));
    expect(extension.requests).toEqual([]);
  });

  it('refuses parameter names that are not variable names', async () => {
    const extension = await startExtension();
    const error = await failureOf(loadConfigFromAws(lambdaEnv(extension.port, { CONFIG_PARAMETER_NAMES: 'EPIC_CLIENT_ID,../secret' }), FAST));
    expect(error.message).toBe('Invalid configuration: CONFIG_PARAMETER_NAMES must list variable names such as EPIC_CLIENT_ID; got ../secret');
    expect(extension.requests).toEqual([]);
  });

  it('needs the session token Lambda sets, and a valid port', async () => {
    const extension = await startExtension();
    await expect(loadConfigFromAws(lambdaEnv(extension.port, { AWS_SESSION_TOKEN: undefined }), FAST)).rejects.toThrow(/AWS_SESSION_TOKEN is required/);
    await expect(loadConfigFromAws(lambdaEnv('70000'), FAST)).rejects.toThrow(/PARAMETERS_SECRETS_EXTENSION_HTTP_PORT must be a port number/);
    expect(extension.requests).toEqual([]);
  });
});

describe('configuration without AWS sources (local runs)', () => {
  it('is plain environment configuration when no parameter path or secret is named', async () => {
    // Prepare
    const extension = await startExtension();
    // Act
    const error = await failureOf(loadConfigFromAws({ PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: extension.port }, FAST));
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/EPIC_CLIENT_ID/);
    expect(extension.requests).toEqual([]);
  });

  it('takes the session key from SESSION_KEY when no secret is named', async () => {
    await expect(loadSessionKeyFromAws({ SESSION_KEY: ' local-key ' })).resolves.toBe('local-key');
    await expect(loadSessionKeyFromAws({})).rejects.toThrow(new ConfigError('Invalid configuration: SESSION_KEY_SECRET_ARN or SESSION_KEY is required'));
  });

  it('derives the session key from the secret for functions that only verify tokens', async () => {
    // Prepare
    const extension = await startExtension();
    // Act
    const key = await loadSessionKeyFromAws({ AWS_SESSION_TOKEN: SESSION_TOKEN, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: extension.port, SESSION_KEY_SECRET_ARN: SECRET_ARN }, FAST);
    // Assess
    expect(key).toBe(Buffer.from(hkdfSync('sha256', SECRET_STRING, new Uint8Array(0), 'clinic-ivr session key', 32)).toString('base64url'));
    expect(extension.requests).toEqual([`/secretsmanager/get?secretId=${encodeURIComponent(SECRET_ARN)}`]);
  });
});
