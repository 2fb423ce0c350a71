import { runIfInvoked } from './entry';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { startSandbox, type Sandbox, type SandboxClient, type SandboxOptions } from './server';

/** Usage text of `npm run sandbox`. */
export const USAGE = `npm run sandbox -- [options]

Starts the Epic-like sandbox (OAuth 2.0 token endpoint + FHIR R4/STU3) on loopback until Ctrl-C.

  --port N                   port to listen on (default 0: a free port, printed)
  --host HOST                interface to bind (default 127.0.0.1)
  --client-id ID             register a backend-services client; pair each with one key source:
  --jwks FILE                  a JWKS file with the client's public keys, or
  --jwks-url URL               a JWKS URL fetched on demand (repeat the trio for several clients;
                               the n-th --client-id takes the n-th --jwks/--jwks-url)
  --relaxed-patient-search   also allow Patient search by telecom+birthdate
  --note-encounter-optional  file clinical notes without context.encounter (Epic requires one)
  --note-types any|CODES     LOINC note types accepted (default: the types Epic lists)
  --refuse-include           answer 400 to searches with _include, as some Epic instances do
  --refuse-multi-id          answer 400 to Patient searches with several _id values (_id=a,b,c)
  --latency-ms N             delay added before every FHIR response
  --error-rate X             fraction 0..1 of FHIR requests failing with 503
  --token-ttl N              access token lifetime in seconds (default 3600)
  --help                     show this text`;

/** A command-line mistake: printed with exit code 2. */
export class SandboxArgsError extends Error {
  /** Builds an error with a message meant for the person at the terminal. */
  public constructor(message: string) {
    super(message);
    this.name = 'SandboxArgsError';
  }
}

/** What the command line asks for: the usage text, or a sandbox to serve. */
export type SandboxCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'serve'; readonly options: SandboxOptions & { clients: SandboxClient[] } };

function numberFlag(name: string, raw: string | undefined, check: (value: number) => boolean, expected: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) {
    throw new SandboxArgsError(`--${name} must be ${expected}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function readJwks(file: string, readText: (path: string) => string): { keys: JWK[] } {
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    throw new SandboxArgsError(`cannot read JWKS file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SandboxArgsError(`JWKS file ${file} is not valid JSON`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new SandboxArgsError(`JWKS file ${file} has no keys`);
  if (keys.some((key) => typeof key !== 'object' || key === null || typeof (key as JWK).kty !== 'string')) {
    throw new SandboxArgsError(`JWKS file ${file} holds an entry that is not a JWK`);
  }
  if (keys.some((key) => 'd' in (key as object))) {
    throw new SandboxArgsError(`JWKS file ${file} contains a private key; register public keys only`);
  }
  return { keys: keys as JWK[] };
}

/**
 * Parses `npm run sandbox` arguments. Pure apart from reading JWKS files through `readText`, so tests
 * can run it without spawning anything; throws {@link SandboxArgsError} on any mistake.
 */
export function parseSandboxArgs(argv: readonly string[], readText: (path: string) => string = (path) => readFileSync(path, 'utf8')): SandboxCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new SandboxArgsError(error instanceof Error ? error.message : String(error));
  }
  const { values, tokens } = parsed;
  if (values.help) return { kind: 'help' };

  const ids: string[] = [];
  const sources: ({ jwksFile: string } | { jwksUrl: string })[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    if (token.name === 'client-id') ids.push(token.value);
    if (token.name === 'jwks') sources.push({ jwksFile: token.value });
    if (token.name === 'jwks-url') sources.push({ jwksUrl: token.value });
  }
  if (ids.length !== sources.length) {
    throw new SandboxArgsError(
      `each --client-id needs exactly one --jwks FILE or --jwks-url URL (got ${ids.length} client id(s), ${sources.length} key source(s))`,
    );
  }
  const seen = new Set<string>();
  const clients = ids.map((clientId, index): SandboxClient => {
    if (clientId.trim() === '') throw new SandboxArgsError('--client-id must not be empty');
    if (seen.has(clientId)) throw new SandboxArgsError(`client id ${clientId} given twice`);
    seen.add(clientId);
    const source = sources[index] as { jwksFile: string } | { jwksUrl: string };
    if ('jwksFile' in source) return { clientId, jwks: readJwks(source.jwksFile, readText) };
    let url: URL;
    try {
      url = new URL(source.jwksUrl);
    } catch {
      throw new SandboxArgsError(`--jwks-url ${JSON.stringify(source.jwksUrl)} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SandboxArgsError('--jwks-url must be http(s)');
    return { clientId, jwksUrl: source.jwksUrl };
  });

  const port = numberFlag('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'an integer 0-65535');
  const latency = numberFlag('latency-ms', values['latency-ms'], (n) => n >= 0, 'a non-negative number');
  const errorRate = numberFlag('error-rate', values['error-rate'], (n) => n >= 0 && n <= 1, 'a number within 0..1');
  const ttl = numberFlag('token-ttl', values['token-ttl'], (n) => Number.isInteger(n) && n > 0, 'a positive integer');
  const noteTypes = values['note-types']?.trim();
  if (noteTypes !== undefined && noteTypes !== 'any' && !noteTypes.split(',').every((code) => /^\d{1,7}-\d$/.test(code.trim()))) {
    throw new SandboxArgsError(`--note-types must be any or comma-separated LOINC codes, got ${JSON.stringify(noteTypes)}`);
  }
  const notes = {
    ...(values['note-encounter-optional'] ? { encounterRequired: false } : {}),
    ...(noteTypes === undefined ? {} : { types: noteTypes === 'any' ? ('any' as const) : noteTypes.split(',').map((code) => code.trim()) }),
  };
  const faults = { ...(latency !== undefined ? { fhirLatencyMs: latency } : {}), ...(errorRate !== undefined ? { errorRate } : {}) };
  return {
    kind: 'serve',
    options: {
      host: values.host ?? '127.0.0.1',
      port: port ?? 0,
      clients,
      relaxedPatientSearch: values['relaxed-patient-search'] ?? false,
      ...(ttl !== undefined ? { tokenTtlSeconds: ttl } : {}),
      ...(Object.keys(notes).length > 0 ? { notes } : {}),
      ...(values['refuse-include'] ? { refuseInclude: true } : {}),
      ...(values['refuse-multi-id'] ? { refuseMultiIdSearch: true } : {}),
      ...(Object.keys(faults).length > 0 ? { faults } : {}),
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    tokens: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'client-id': { type: 'string', multiple: true },
      jwks: { type: 'string', multiple: true },
      'jwks-url': { type: 'string', multiple: true },
      'relaxed-patient-search': { type: 'boolean' },
      'note-encounter-optional': { type: 'boolean' },
      'note-types': { type: 'string' },
      'refuse-include': { type: 'boolean' },
      'refuse-multi-id': { type: 'boolean' },
      'latency-ms': { type: 'string' },
      'error-rate': { type: 'string' },
      'token-ttl': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
}

/** The lines printed once the sandbox listens: URLs, then each client or how to register one. */
export function describeSandbox(sandbox: Sandbox, clients: readonly SandboxClient[]): string[] {
  const lines = [
    `Epic-like sandbox listening on ${sandbox.baseUrl}`,
    `  token URL (aud)  ${sandbox.tokenUrl}`,
    `  FHIR R4 base     ${sandbox.fhirR4BaseUrl}`,
    `  FHIR STU3 base   ${sandbox.fhirStu3BaseUrl}`,
  ];
  if (clients.length === 0) {
    lines.push(
      'No client registered: every token request will get 401 invalid_client.',
      'Register one with --client-id ID --jwks FILE (public JWKS) or --client-id ID --jwks-url URL.',
    );
  }
  for (const client of clients) {
    const keys = client.jwks ? `key id(s) ${client.jwks.keys.map((key) => key.kid ?? '(no kid)').join(', ')}` : `JWKS URL ${client.jwksUrl ?? ''}`;
    lines.push(`  client           ${client.clientId}: ${keys}`);
  }
  lines.push('Press Ctrl-C to stop.');
  return lines;
}

async function main(argv: readonly string[]): Promise<number> {
  let command: SandboxCommand;
  try {
    command = parseSandboxArgs(argv);
  } catch (error) {
    if (!(error instanceof SandboxArgsError)) throw error;
    process.stderr.write(`sandbox: ${error.message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const sandbox = await startSandbox(command.options);
  process.stdout.write(`${describeSandbox(sandbox, command.options.clients).join('\n')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  process.stdout.write('Sandbox stopped.\n');
  return 0;
}

runIfInvoked(import.meta.url, 'sandbox', main, (error) => (error instanceof Error ? error.message : String(error)));
