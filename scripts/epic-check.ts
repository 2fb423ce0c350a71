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
  probePatientSearch,
  recommendedStrategy,
  TokenCache,
  TokenClient,
  type FhirVersion,
  type PatientSearchProbe,
  type Signer,
} from '../fulfillment/epic';
import { CliError, describeAwsError, isMain, parseFlags, required, runCli, type Output } from './lib/cli';

export const USAGE = `npm run epic-check -- --token-url URL --fhir-base URL --client-id ID (--kms-key-id ID --region R | --pem FILE)
                      [--scope "system/Patient.read ..."] [--timeout-ms 5000]
                      [--fhir-version R4|STU3] [--sex-param legal-sex|gender]

The check to run after registering the app with Epic: signs a client assertion with your key,
exchanges it for an access token, reads the server's CapabilityStatement (GET /metadata with the
token), then sends each patient search strategy's Patient search for answers no chart can have
(a made-up name, a 555-0100 number, born 1 January 1900) and says which strategies this Epic
accepts and which EPIC_PATIENT_SEARCH to set. Reports each step; on failure says what it most
likely means. No token or key is printed. Works against the local sandbox too (npm run sandbox).
--fhir-version and --sex-param are EPIC_FHIR_VERSION and EPIC_SEX_SEARCH_PARAM of the deployment.`;

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
      'fhir-version': { type: 'string' },
      'sex-param': { type: 'string' },
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
  const fhirVersion = oneOf<FhirVersion>(flags['fhir-version'], 'fhir-version', ['R4', 'STU3']);
  const sexParam = oneOf(flags['sex-param'], 'sex-param', ['legal-sex', 'gender'] as const);

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

  output.out(`1/4 signing key`);
  let kid: string;
  try {
    kid = await signer.keyId();
  } catch (error) {
    const cause = error instanceof Error && error.cause ? error.cause : error;
    throw new CliError(`cannot read the signing key: ${flags.region ? describeAwsError(cause, flags.region) : String(error)}`);
  }
  output.out(`    ok: RS384 key, kid ${kid} (this kid must appear in the JWKS registered with Epic)`);

  output.out(`2/4 token exchange at ${tokenUrl}`);
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

  output.out(`3/4 FHIR metadata at ${fhirBase}`);
  const fhir = new FhirClient({ baseUrl: fhirBase, tokens, timeoutMs, retry: { maxRetries: 1 }, ...(fhirVersion ? { fhirVersion } : {}) });
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

  output.out('4/4 patient search strategies (a Patient search no chart can match)');
  let probes: PatientSearchProbe[];
  try {
    probes = await probePatientSearch(fhir, sexParam ? { sexParam } : {});
  } catch (error) {
    if (error instanceof FhirTimeoutError || error instanceof FhirNetworkError) throw new CliError(`${error.message}\n    meaning: the FHIR server stopped answering.`);
    if (error instanceof FhirError && error.status === 403) {
      throw new CliError(`${error.message}\n    meaning: this app may not search patients: add Patient.Search to its registration (and system/Patient.read to --scope, if given).`);
    }
    if (error instanceof FhirError) throw new CliError(`${error.message}\n    meaning: the search could not be tried; run the check again later.`);
    throw error;
  }
  for (const probe of probes) output.out(`    ${probe.strategy}: ${describeProbe(probe)}`);
  const strategy = recommendedStrategy(probes);
  if (!strategy) {
    throw new CliError(
      'this Epic refuses the Patient search of every strategy\n    meaning: ask the Epic team which Patient.Search minimum data sets this environment requires; the IVR can find no caller until one strategy is accepted.',
    );
  }
  output.out(`Set EPIC_PATIENT_SEARCH=${strategy}${strategy === 'name' && probes.every((probe) => probe.kind === 'accepted') ? ' (telecom is accepted too: see the README\'s security notes before choosing it)' : ''}`);
  output.out('Epic connectivity check passed.');
}

/** Longest OperationOutcome diagnostics printed: the probe's input is made up, but Epic's text can be long. */
const MAX_DIAGNOSTICS = 240;

/** One strategy's result in words; a refusal carries Epic's own reason (the search holds no patient data). */
function describeProbe(probe: PatientSearchProbe): string {
  if (probe.kind === 'accepted') {
    return probe.candidates === 0
      ? 'accepted (no match, as expected)'
      : `accepted (${probe.candidates} chart(s) came back for answers no one has: Epic's search is fuzzy, and the IVR re-checks every candidate)`;
  }
  const reason = probe.issues.map((issue) => [issue.code, issue.diagnostics?.slice(0, MAX_DIAGNOSTICS)].filter(Boolean).join(': ')).join('; ');
  return `refused (HTTP ${probe.status}${reason ? `, ${reason}` : ''})`;
}

/** A flag's value when it is one of `allowed`, `undefined` when absent; anything else is a usage error. */
function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${flag} must be ${allowed.join(' or ')}`, 2);
  return value as T;
}

if (isMain(import.meta.url)) {
  runCli((argv, output) => epicCheck(argv, output)).then((code) => process.exit(code));
}
