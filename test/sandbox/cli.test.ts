import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSandboxArgs, SandboxArgsError, type SandboxCommand } from '../../sandbox/cli';

const JWKS = JSON.stringify({ keys: [{ kty: 'RSA', n: 'sXch', e: 'AQAB', kid: 'key-1', alg: 'RS384' }] });
const files: Record<string, string> = {
  'good.json': JWKS,
  'empty.json': JSON.stringify({ keys: [] }),
  'broken.json': '{ not json',
};
const readText = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};

const serve = (argv: string[]): Extract<SandboxCommand, { kind: 'serve' }> => {
  const command = parseSandboxArgs(argv, readText);
  if (command.kind !== 'serve') throw new Error('expected a serve command');
  return command;
};

describe('parseSandboxArgs', () => {
  it('refuses a multi-id Patient search only when asked', () => {
    expect(serve(['--refuse-multi-id']).options.refuseMultiIdSearch).toBe(true);
    expect(serve([]).options.refuseMultiIdSearch).toBeUndefined();
  });

  it('refuses _include only when asked', () => {
    expect(serve(['--refuse-include']).options.refuseInclude).toBe(true);
    expect(serve([]).options.refuseInclude).toBeUndefined();
  });

  it('relaxes Epic\'s clinical-note rules only when asked', () => {
    // Act
    const relaxed = serve(['--note-encounter-optional', '--note-types', 'any']).options;
    const listed = serve(['--note-types', '11506-3,34109-9']).options;
    // Assess
    expect(relaxed).toMatchObject({ notes: { encounterRequired: false, types: 'any' } });
    expect(listed.notes).toEqual({ types: ['11506-3', '34109-9'] });
    expect(() => serve(['--note-types', 'progress'])).toThrow(SandboxArgsError);
  });

  it('defaults to 127.0.0.1 on a free port, strict patient search and no clients', () => {
    const { options } = serve([]);

    expect(options).toEqual({ host: '127.0.0.1', port: 0, clients: [], relaxedPatientSearch: false });
  });

  it('reads every flag, pairing the n-th --client-id with the n-th key source', () => {
    const { options } = serve([
      '--port', '8123', '--host', '0.0.0.0',
      '--client-id', 'ivr-a', '--client-id', 'ivr-b',
      '--jwks-url', 'https://keys.example.org/jwks.json', '--jwks', 'good.json',
      '--relaxed-patient-search', '--latency-ms', '150', '--error-rate', '0.1', '--token-ttl', '300',
    ]);

    expect(options).toMatchObject({
      host: '0.0.0.0',
      port: 8123,
      relaxedPatientSearch: true,
      tokenTtlSeconds: 300,
      faults: { fhirLatencyMs: 150, errorRate: 0.1 },
    });
    expect(options.clients).toEqual([
      { clientId: 'ivr-a', jwksUrl: 'https://keys.example.org/jwks.json' },
      { clientId: 'ivr-b', jwks: JSON.parse(JWKS) },
    ]);
  });

  it('returns the help command for --help', () => {
    expect(parseSandboxArgs(['--help'], readText)).toEqual({ kind: 'help' });
  });

  const mistakes: [string, string[], RegExp][] = [
    ['a --client-id without a key source', ['--client-id', 'ivr'], /needs exactly one --jwks FILE or --jwks-url URL/],
    ['a key source without a --client-id', ['--jwks', 'good.json'], /needs exactly one/],
    ['an unreadable JWKS file', ['--client-id', 'ivr', '--jwks', 'missing.json'], /cannot read JWKS file missing\.json: ENOENT/],
    ['a JWKS without keys', ['--client-id', 'ivr', '--jwks', 'empty.json'], /has no keys/],
    ['a JWKS file that is not JSON', ['--client-id', 'ivr', '--jwks', 'broken.json'], /not valid JSON/],
    ['a JWKS URL that is not http(s)', ['--client-id', 'ivr', '--jwks-url', 'file:///etc/jwks'], /must be http\(s\)/],
    ['the same client id twice', ['--client-id', 'ivr', '--jwks', 'good.json', '--client-id', 'ivr', '--jwks', 'good.json'], /given twice/],
    ['a port out of range', ['--port', '70000'], /--port must be an integer 0-65535/],
    ['an error rate above 1', ['--error-rate', '1.5'], /--error-rate must be a number within 0\.\.1/],
    ['a negative latency', ['--latency-ms', '-5'], /--latency-ms/],
    ['a fractional token TTL', ['--token-ttl', '1.5'], /--token-ttl must be a positive integer/],
    ['an unknown flag', ['--verbose'], /verbose/],
    ['a stray positional argument', ['8080'], /8080/],
  ];
  for (const [name, argv, message] of mistakes) {
    it(`rejects ${name} with a clear message`, () => {
      const act = () => parseSandboxArgs(argv, readText);

      expect(act).toThrow(SandboxArgsError);
      expect(act).toThrow(message);
    });
  }
});

describe('npm run sandbox', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const run = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });

  it('prints its URLs, serves metadata and stops cleanly on SIGTERM', async () => {
    const child = run(['--port', '0']);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const deadline = Date.now() + 15_000;
    while (!stdout.includes('Ctrl-C') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const r4 = /FHIR R4 base\s+(\S+)/.exec(stdout)?.[1] ?? '';

    const metadata = await fetch(`${r4}/metadata`);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(stdout).toContain('No client registered');
    expect(metadata.status).toBe(200);
    expect(code).toBe(0);
    expect(stdout).toContain('Sandbox stopped.');
  });

  it('exits with code 2 and a message on a bad flag', async () => {
    const child = run(['--client-id', 'ivr']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });

    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code).toBe(2);
    expect(stderr).toContain('--client-id needs exactly one');
  });
});
