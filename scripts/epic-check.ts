import { readFileSync } from 'node:fs';
import { KMSClient } from '@aws-sdk/client-kms';
import { systemClock } from '../fulfillment/runtime/clock';
import {
  EpicAuthError,
  EpicTokenUnavailableError,
  FhirClient,
  FhirError,
  FhirNetworkError,
  FhirTimeoutError,
  KmsSigner,
  LocalSigner,
  TokenCache,
  TokenClient,
  type Signer,
} from '../fulfillment/epic';
import { CliError, describeAwsError, isMain, parseFlags, required, runCli, type Output } from './lib/cli';

export const USAGE = `npm run epic-check -- --token-url URL --fhir-base URL --client-id ID (--kms-key-id ID --region R | --pem FILE)
                      [--scope "system/Patient.read ..."] [--timeout-ms 5000]

The check to run after registering the app with Epic: signs a client assertion with your key,
exchanges it for an access token, and reads the server's CapabilityStatement (GET /metadata with the
token). Reports each step; on failure says what it most likely means. No token or key is printed.
Works against the local sandbox too (npm run sandbox).`;

/** What an OAuth error from Epic's token endpoint usually means for an admin. */
const OAUTH_DIAGNOSIS: Record<string, string> = {
  invalid_client:
    'Epic does not accept this client and key yet: check the client id, that the public key (JWKS URL or upload) is registered for this app and environment, and that the registration has reached this environment (that can take a while after registration).',
  invalid_request: 'the token request was malformed: check the token URL (it must be the one Epic lists for this environment).',
  unsupported_grant_type: 'the app is not registered as a Backend Systems app (client_credentials).',
  invalid_scope: 'a requested scope is not granted to this app: remove --scope or register the scopes.',
  unauthorized_client: 'the app is not authorized for this grant in this environment.',
};

/** `epic-check`: token exchange then metadata, step by step. */
export async function epicCheck(argv: string[], output: Output, kmsClient?: (region: string) => KMSClient): Promise<void> {
  const flags = parseFlags(
    argv,
    {
      'token-url': { type: 'string' },
      'fhir-base': { type: 'string' },
      'client-id': { type: 'string' },
      'kms-key-id': { type: 'string' },
      region: { type: 'string' },
      pem: { type: 'string' },
      scope: { type: 'string' },
      'timeout-ms': { type: 'string' },
      help: { type: 'boolean' },
    },
    USAGE,
  );
  if (flags.help) {
    output.out(USAGE);
    return;
  }
  const tokenUrl = required(flags['token-url'], 'token-url', USAGE);
  const fhirBase = required(flags['fhir-base'], 'fhir-base', USAGE);
  const clientId = required(flags['client-id'], 'client-id', USAGE);
  const timeoutMs = Number(flags['timeout-ms'] ?? '5000');
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100) throw new CliError('--timeout-ms must be a whole number of at least 100', 2);

  let signer: Signer;
  if (flags['kms-key-id'] && flags.region) {
    signer = new KmsSigner({ keyId: flags['kms-key-id'], client: kmsClient?.(flags.region) ?? new KMSClient({ region: flags.region }) });
  } else if (flags.pem) {
    let pem: string;
    try {
      pem = readFileSync(flags.pem, 'utf8');
    } catch {
      throw new CliError(`cannot read ${flags.pem}`);
    }
    signer = LocalSigner.fromPem(pem);
  } else {
    throw new CliError(`give --kms-key-id ID --region R, or --pem FILE\n\n${USAGE}`, 2);
  }

  output.out(`1/3 signing key`);
  let kid: string;
  try {
    kid = await signer.keyId();
  } catch (error) {
    const cause = error instanceof Error && error.cause ? error.cause : error;
    throw new CliError(`cannot read the signing key: ${flags.region ? describeAwsError(cause, flags.region) : String(error)}`);
  }
  output.out(`    ok: RS384 key, kid ${kid} (this kid must appear in the JWKS registered with Epic)`);

  output.out(`2/3 token exchange at ${tokenUrl}`);
  const tokens = new TokenCache({
    fetchToken: () =>
      new TokenClient({ clientId, tokenUrl, signer, clock: systemClock, timeoutMs, ...(flags.scope ? { scope: flags.scope } : {}) }).requestToken(),
    clock: systemClock,
  });
  try {
    await tokens.getToken();
  } catch (error) {
    if (error instanceof EpicAuthError) {
      const diagnosis = OAUTH_DIAGNOSIS[error.code] ?? 'see error_description above.';
      throw new CliError(`token endpoint refused the client: ${error.code} (HTTP ${error.status})${error.description ? `: ${error.description}` : ''}\n    meaning: ${diagnosis}`);
    }
    if (error instanceof EpicTokenUnavailableError) throw new CliError(`${error.message}\n    meaning: the token URL is wrong or unreachable from here (network, proxy, allow-list).`);
    throw error;
  }
  output.out('    ok: access token issued (not shown)');

  output.out(`3/3 FHIR metadata at ${fhirBase}`);
  const fhir = new FhirClient({ baseUrl: fhirBase, tokens, timeoutMs, retry: { maxRetries: 1 } });
  try {
    const capability = await fhir.capabilities();
    const version = capability.fhirVersion ?? 'unknown';
    const software = [capability.software?.name, capability.software?.version].filter(Boolean).join(' ');
    output.out(`    ok: FHIR ${version}${software ? `, ${software}` : ''}`);
  } catch (error) {
    // Before FhirError: a timeout and an unreachable server are FhirErrors too, with no answer behind them.
    if (error instanceof FhirTimeoutError || error instanceof FhirNetworkError) throw new CliError(`${error.message}\n    meaning: the FHIR base URL is unreachable from here.`);
    if (error instanceof FhirError) throw new CliError(`${error.message}\n    meaning: the FHIR base URL is wrong, or the token is not accepted there (another environment?).`);
    throw error;
  }
  output.out('Epic connectivity check passed.');
}

if (isMain(import.meta.url)) {
  runCli((argv, output) => epicCheck(argv, output)).then((code) => process.exit(code));
}
