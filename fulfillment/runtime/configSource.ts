import { hkdfSync } from 'node:crypto';
import { request } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config';

/**
 * How the configuration source reaches the AWS Parameters and Secrets Lambda Extension, the layer
 * that answers on `http://localhost:PORT` inside the execution environment and calls SSM and Secrets
 * Manager for the function. Reading through it keeps both SDK clients out of the bundle: they cost
 * cold-start time and were used only once, at cold start.
 */
export interface ConfigSourceClients {
  /** Host of the extension; tests point it at a loopback server. @default 'localhost' */
  readonly host?: string;
  /** Time one request may take before it is abandoned, in ms. @default 2000 */
  readonly timeoutMs?: number;
  /** Requests per value, the first included. @default 3 */
  readonly attempts?: number;
  /** Pause before the n-th retry: n times this many ms. @default 100 */
  readonly retryDelayMs?: number;
}

/** The extension's documented default port (`PARAMETERS_SECRETS_EXTENSION_HTTP_PORT` overrides it). */
const DEFAULT_EXTENSION_PORT = 2773;
/** Most parameter names one function may list: a bound on cold-start requests, not an expectation. */
const MAX_PARAMETER_NAMES = 20;
/** Largest response read: a secret is at most 64 KiB, a parameter at most 8 KiB. */
const MAX_RESPONSE_BYTES = 128 * 1024;
/** Names of settings stored as parameters: the variable names `config.ts` reads. */
const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Loads the configuration in Lambda: the settings named in `CONFIG_PARAMETER_NAMES` (comma-separated,
 * e.g. `EPIC_CLIENT_ID,EPIC_TOKEN_URL`) from the SSM parameters of the same names under
 * `CONFIG_PARAMETER_PATH` (e.g. `/clinic-ivr/EPIC_CLIENT_ID`), the session key from the Secrets
 * Manager secret `SESSION_KEY_SECRET_ARN`, the rest from the environment; all read once, at the
 * first invocation (the extension does not answer during Lambda's init phase), through the
 * Parameters and Secrets extension. Without `CONFIG_PARAMETER_PATH` and `SESSION_KEY_SECRET_ARN`
 * (local runs) it is plain {@link loadConfig}.
 *
 * @throws {ConfigError} naming the parameter or secret that could not be read, never a value
 * @example
 * const config = await loadConfigFromAws(); // first invocation of a container
 */
export async function loadConfigFromAws(env: NodeJS.ProcessEnv = process.env, clients: ConfigSourceClients = {}): Promise<Config> {
  const path = env.CONFIG_PARAMETER_PATH?.trim();
  const secretArn = env.SESSION_KEY_SECRET_ARN?.trim();
  if (!path && !secretArn) return loadConfig(env);
  const extension = extensionFrom(env, clients);
  const [parameters, sessionKey] = await Promise.all([
    path ? readParameters(extension, path.endsWith('/') ? path : `${path}/`, parameterNames(env)) : {},
    secretArn ? readSessionKey(extension, secretArn) : undefined,
  ]);
  const merged: NodeJS.ProcessEnv = { ...env, ...parameters };
  if (sessionKey !== undefined) merged.SESSION_KEY = sessionKey;
  return loadConfig(merged);
}

/**
 * The session key alone, for functions that verify session tokens but never reach Epic (the capture
 * function): from the secret `SESSION_KEY_SECRET_ARN` through the Parameters and Secrets extension
 * when set (the function needs the layer: `NodeFunction`'s `parametersAndSecretsExtension`), else
 * the `SESSION_KEY` variable (local runs).
 *
 * @throws {ConfigError} naming what is missing or unreadable
 * @example
 * const sessionKey = parseSessionKey(await loadSessionKeyFromAws());
 */
export async function loadSessionKeyFromAws(env: NodeJS.ProcessEnv = process.env, clients: ConfigSourceClients = {}): Promise<string> {
  const secretArn = env.SESSION_KEY_SECRET_ARN?.trim();
  if (secretArn) return readSessionKey(extensionFrom(env, clients), secretArn);
  const key = env.SESSION_KEY?.trim();
  if (!key) throw new ConfigError('Invalid configuration: SESSION_KEY_SECRET_ARN or SESSION_KEY is required');
  return key;
}

/** Where and how to call the extension, resolved once per load. */
interface Extension {
  readonly host: string;
  readonly port: number;
  /** `AWS_SESSION_TOKEN`: the extension only answers requests that carry it. */
  readonly token: string;
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly retryDelayMs: number;
}

function extensionFrom(env: NodeJS.ProcessEnv, clients: ConfigSourceClients): Extension {
  const token = env.AWS_SESSION_TOKEN?.trim();
  if (!token) throw new ConfigError('Invalid configuration: AWS_SESSION_TOKEN is required to read parameters and secrets (Lambda sets it)');
  const portText = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT?.trim();
  const port = portText ? Number(portText) : DEFAULT_EXTENSION_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new ConfigError('Invalid configuration: PARAMETERS_SECRETS_EXTENSION_HTTP_PORT must be a port number (1-65535)');
  }
  return {
    host: clients.host ?? 'localhost',
    port,
    token,
    timeoutMs: clients.timeoutMs ?? 2000,
    attempts: Math.max(1, Math.min(clients.attempts ?? 3, 5)),
    retryDelayMs: clients.retryDelayMs ?? 100,
  };
}

/** `CONFIG_PARAMETER_NAMES`, checked: the extension has no get-by-path, so the code asks by name. */
function parameterNames(env: NodeJS.ProcessEnv): string[] {
  const names = (env.CONFIG_PARAMETER_NAMES ?? '').split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  if (names.length === 0) throw new ConfigError('Invalid configuration: CONFIG_PARAMETER_NAMES is required with CONFIG_PARAMETER_PATH');
  if (names.length > MAX_PARAMETER_NAMES) throw new ConfigError(`Invalid configuration: CONFIG_PARAMETER_NAMES lists more than ${MAX_PARAMETER_NAMES} names`);
  const bad = names.filter((name) => !SETTING_NAME.test(name));
  if (bad.length > 0) throw new ConfigError(`Invalid configuration: CONFIG_PARAMETER_NAMES must list variable names such as EPIC_CLIENT_ID; got ${bad.join(', ')}`);
  return [...new Set(names)];
}

async function readParameters(extension: Extension, path: string, names: readonly string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    names.map(async (name) => {
      const parameterName = `${path}${name}`;
      const query = new URLSearchParams({ name: parameterName, withDecryption: 'true' });
      const body = await getJson(extension, `/systemsmanager/parameters/get?${query}`, `SSM parameter ${parameterName}`);
      const value = (body as { Parameter?: { Value?: unknown } } | null)?.Parameter?.Value;
      if (typeof value !== 'string') throw new ConfigError(`Invalid configuration: SSM parameter ${parameterName} has no value`);
      return [name, value] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * The session key from the secret. Secrets Manager generates printable secrets, not raw bytes, so
 * the 32-byte key is derived from the secret string with HKDF-SHA256; a secret that already is a
 * 32-byte base64 key would be derived too, which is harmless.
 */
async function readSessionKey(extension: Extension, secretArn: string): Promise<string> {
  const query = new URLSearchParams({ secretId: secretArn });
  const body = await getJson(extension, `/secretsmanager/get?${query}`, 'the session key secret (SESSION_KEY_SECRET_ARN)');
  const secret = (body as { SecretString?: unknown } | null)?.SecretString;
  if (typeof secret !== 'string' || secret.length < 32) {
    throw new ConfigError('Invalid configuration: the session key secret must hold a string of at least 32 characters');
  }
  return Buffer.from(hkdfSync('sha256', secret, new Uint8Array(0), 'clinic-ivr session key', 32)).toString('base64url');
}

/** Why one request failed, and whether asking again may help. */
class ExtensionRequestFailed extends Error {
  public constructor(
    public readonly reason: string,
    public readonly retryable: boolean,
  ) {
    super(reason);
    this.name = 'ExtensionRequestFailed';
  }
}

/**
 * GET `path` from the extension and parse the JSON answer, with a deadline per request and bounded
 * retries. What can heal is retried: no answer, a timeout, 5xx, 429 and 400 (the extension answers
 * 400 "not ready to serve traffic" while it starts, and relays SSM's throttling as 400). 401, 403 and
 * 404 fail at once. Errors name `what` and the reason, never a response body: it might hold a value.
 */
async function getJson(extension: Extension, path: string, what: string): Promise<unknown> {
  let failure = new ExtensionRequestFailed('not attempted', false);
  for (let attempt = 1; attempt <= extension.attempts; attempt += 1) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, extension.retryDelayMs * (attempt - 1)));
    try {
      const text = await get(extension, path);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ConfigError(`Invalid configuration: ${what} could not be read (the extension's answer is not JSON)`);
      }
    } catch (error) {
      if (!(error instanceof ExtensionRequestFailed)) throw error;
      failure = error;
      if (!error.retryable) break;
    }
  }
  const tries = extension.attempts === 1 ? '1 attempt' : `up to ${extension.attempts} attempts`;
  throw new ConfigError(`Invalid configuration: ${what} could not be read through the Parameters and Secrets extension (${failure.reason}; ${tries})`);
}

/** One GET on loopback; resolves with the body of a 2xx answer. */
function get(extension: Extension, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: extension.host, port: extension.port, path, method: 'GET', headers: { 'X-Aws-Parameters-Secrets-Token': extension.token } },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) {
          res.resume();
          reject(new ExtensionRequestFailed(`HTTP ${status}`, status === 400 || status === 429 || status >= 500));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new ExtensionRequestFailed(`answer larger than ${MAX_RESPONSE_BYTES} bytes`, false));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', (error) => reject(asFailure(error)));
      },
    );
    const deadline = setTimeout(() => req.destroy(new ExtensionRequestFailed(`no answer within ${extension.timeoutMs} ms`, true)), extension.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', (error) => reject(asFailure(error)));
    req.end();
  });
}

function asFailure(error: Error): ExtensionRequestFailed {
  if (error instanceof ExtensionRequestFailed) return error;
  // Network errors carry a code (ECONNREFUSED, ECONNRESET …), never request or response content.
  const code = (error as NodeJS.ErrnoException).code;
  return new ExtensionRequestFailed(code ?? error.name, true);
}
