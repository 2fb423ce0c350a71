import { hkdfSync } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { base64url } from 'jose';
import { ConfigError, loadConfig, type Config } from './config';

/** Most SSM pages read at cold start (10 parameters a page): a bound, not an expectation. */
const MAX_PARAMETER_PAGES = 10;

/** AWS clients the configuration source uses. */
export interface ConfigSourceClients {
  readonly ssm: SSMClient;
  readonly secrets: SecretsManagerClient;
}

/**
 * Loads the configuration in Lambda: plain settings from SSM parameters under `CONFIG_PARAMETER_PATH`
 * (each named like its environment variable, e.g. `/clinic-ivr/EPIC_CLIENT_ID`), the session key
 * from the Secrets Manager secret `SESSION_KEY_SECRET_ARN`, the rest from the environment. Read once
 * at cold start. Without `CONFIG_PARAMETER_PATH` (local runs) it is plain {@link loadConfig}.
 */
export async function loadConfigFromAws(env: NodeJS.ProcessEnv = process.env, clients?: ConfigSourceClients): Promise<Config> {
  const path = env.CONFIG_PARAMETER_PATH?.trim();
  const secretArn = env.SESSION_KEY_SECRET_ARN?.trim();
  if (!path && !secretArn) return loadConfig(env);
  const ssm = clients?.ssm ?? new SSMClient({});
  const secrets = clients?.secrets ?? new SecretsManagerClient({});
  const merged: NodeJS.ProcessEnv = { ...env };
  if (path) Object.assign(merged, await readParameters(ssm, path.endsWith('/') ? path : `${path}/`));
  if (secretArn) merged.SESSION_KEY = await readSessionKey(secrets, secretArn);
  return loadConfig(merged);
}

async function readParameters(ssm: SSMClient, path: string): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  let token: string | undefined;
  for (let page = 0; page < MAX_PARAMETER_PAGES; page += 1) {
    let output;
    try {
      output = await ssm.send(new GetParametersByPathCommand({ Path: path, Recursive: false, WithDecryption: true, NextToken: token }));
    } catch (error) {
      throw new ConfigError(`Invalid configuration: SSM parameters under ${path} could not be read (${error instanceof Error ? error.name : 'error'})`);
    }
    for (const parameter of output.Parameters ?? []) {
      const name = parameter.Name?.slice(path.length);
      if (name && parameter.Value !== undefined) values[name] = parameter.Value;
    }
    token = output.NextToken;
    if (!token) return values;
  }
  throw new ConfigError(`Invalid configuration: more than ${MAX_PARAMETER_PAGES} pages of SSM parameters under ${path}`);
}

/**
 * The session key from the secret. Secrets Manager generates printable secrets, not raw bytes, so
 * the 32-byte key is derived from the secret string with HKDF-SHA256; a secret that already is a
 * 32-byte base64 key would be derived too, which is harmless.
 */
async function readSessionKey(secrets: SecretsManagerClient, secretArn: string): Promise<string> {
  let secret: string | undefined;
  try {
    secret = (await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString;
  } catch (error) {
    throw new ConfigError(`Invalid configuration: the session key secret could not be read (${error instanceof Error ? error.name : 'error'})`);
  }
  if (!secret || secret.length < 32) throw new ConfigError('Invalid configuration: the session key secret must hold at least 32 characters');
  return base64url.encode(new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), 'clinic-ivr session key', 32)));
}
