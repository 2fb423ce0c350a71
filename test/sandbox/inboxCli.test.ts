import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { InboxArgsError, parseInboxArgs } from '../../sandbox/inboxCli';

describe('parseInboxArgs', () => {
  it('serves on a free port, quietly, by default', () => {
    expect(parseInboxArgs([])).toEqual({ kind: 'serve', port: 0, verbose: false });
  });

  it('reads --port and --verbose, and --help', () => {
    expect(parseInboxArgs(['--port', '8080', '--verbose'])).toEqual({ kind: 'serve', port: 8080, verbose: true });
    expect(parseInboxArgs(['--port=65535'])).toEqual({ kind: 'serve', port: 65535, verbose: false });
    expect(parseInboxArgs(['--help'])).toEqual({ kind: 'help' });
  });

  const mistakes: [string, string[], RegExp][] = [
    ['a port above 65535', ['--port', '70000'], /--port must be an integer 0-65535, got "70000"/],
    ['a negative port', ['--port=-1'], /--port must be an integer 0-65535/],
    ['a port that is not a number', ['--port', 'eighty'], /--port must be an integer 0-65535/],
    ['a fractional port', ['--port', '80.5'], /--port must be an integer 0-65535/],
    ['an empty port', ['--port', ''], /--port must be an integer 0-65535/],
    ['--port without a value', ['--port'], /--port/],
    ['an unknown flag', ['--caller', 'ruth'], /caller/],
    ['a stray positional argument', ['8080'], /8080/],
  ];
  for (const [name, argv, message] of mistakes) {
    it(`rejects ${name} with a clear message`, () => {
      const act = () => parseInboxArgs(argv);

      expect(act).toThrow(InboxArgsError);
      expect(act).toThrow(message);
    });
  }
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Follows redirects by hand (at most 10), keeping each origin's cookies as a browser would. */
async function browse(url: string): Promise<{ readonly url: string; readonly response: Response }> {
  const jar = new Map<string, Map<string, string>>();
  let current = url;
  for (let hop = 0; hop < 10; hop += 1) {
    const origin = new URL(current).origin;
    const cookies = jar.get(origin) ?? new Map<string, string>();
    jar.set(origin, cookies);
    const response = await fetch(current, { redirect: 'manual', headers: cookies.size > 0 ? { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=', 2);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
    await response.arrayBuffer();
    current = new URL(location, current).href;
  }
  throw new Error(`more than 10 redirects from ${url}`);
}

describe('npm run inbox', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const run = (args: string[]): ChildProcess & { output: { stdout: string; stderr: string } } => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/inboxCli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
    return Object.assign(child, { output });
  };
  /** Waits (bounded) for the child to print its line or to exit. */
  const waitForLine = async (child: ReturnType<typeof run>) => {
    const deadline = Date.now() + 30_000;
    while (!child.output.stdout.includes('\n') && child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const exitOf = async (child: ChildProcess) => (child.exitCode ?? ((await once(child, 'exit')) as [number | null])[0]);

  it('prints one line, Inbox: <url>, whose link signs the nurse in to the demo messages, and exits 0 on SIGTERM', async () => {
    // Prepare
    const port = await freePort();
    const child = run(['--port', String(port)]);
    try {
      await waitForLine(child);
      // Act
      const line = child.output.stdout;
      const link = /^Inbox: (\S+)\n$/.exec(line)?.[1] ?? '';
      const landed = await browse(link);
      const page = await landed.response.text();
      child.kill('SIGTERM');
      const code = await exitOf(child);
      // Assess
      expect(line).toBe(`Inbox: http://127.0.0.1:${port}/auth/login?login_hint=nurse.rivera\n`);
      expect(landed.url).toBe(`http://127.0.0.1:${port}/`);
      expect(landed.response.status).toBe(200);
      expect(page).toContain('<h1>Messages</h1>');
      for (const patient of [SCENARIOS.augustin, SCENARIOS.cornelius, SCENARIOS.eleanor]) expect(page).toContain(patient.family);
      expect(page.indexOf(SCENARIOS.augustin.family)).toBeLessThan(page.indexOf(SCENARIOS.cornelius.family));
      expect(code).toBe(0);
      expect(child.output.stdout).toBe(line);
      expect(child.output.stderr).toBe('');
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits with code 2 and a message on a bad --port, starting nothing', async () => {
    // Act
    const child = run(['--port', '99999']);
    const code = await exitOf(child);
    // Assess
    expect(code).toBe(2);
    expect(child.output.stdout).toBe('');
    expect(child.output.stderr).toContain('--port must be an integer 0-65535, got "99999"');
  });

  it('exits with code 1 and says so when the port is taken', async () => {
    // Prepare
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      // Act
      const child = run(['--port', String(port)]);
      const code = await exitOf(child);
      // Assess
      expect(code).toBe(1);
      expect(child.output.stdout).toBe('');
      expect(child.output.stderr).toContain(`inbox: port ${port} is in use`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('prints its usage with --help', async () => {
    // Act
    const child = run(['--help']);
    const code = await exitOf(child);
    // Assess
    expect(code).toBe(0);
    expect(child.output.stdout).toContain('npm run inbox -- [--port N] [--verbose]');
  });
});
