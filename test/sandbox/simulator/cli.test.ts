import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('npm start', () => {
  it('plays the bundled demo call without a terminal and ends its summary with the inbox command', async () => {
    // Prepare
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/simulator/cli.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    // Act
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    // Assess
    const lines = stdout.trimEnd().split('\n');
    expect(code).toBe(0);
    expect(stdout).toContain('written to the Epic sandbox.');
    expect(lines.at(-1)).toMatch(/^Next: npm run inbox to see messages like this one in the care-team inbox/);
  });

  it('plays the bundled menu-keys script: no keys in the spoken menu, keys on request and after a miss, key 1 still reads medications', async () => {
    // Prepare
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/simulator/cli.ts', '--script', 'sandbox/simulator/menu-keys-call.txt', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    // Act
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    // Assess
    const ivr = stdout.split('\n').filter((line) => line.startsWith('  IVR:'));
    const menu = ivr.find((line) => line.includes('You can ask about your medications'));
    const keyLists = ivr.filter((line) => line.includes('On the keypad, press 1 for medications'));
    expect(code).toBe(0);
    expect(menu).toBeDefined();
    expect(menu).not.toContain('press');
    expect(keyLists).toHaveLength(2);
    expect(stdout).toContain('active medications on file');
    expect(stdout).toContain("There's nothing to text yet.");
    expect(stdout).toContain('Call ended: goodbye');
  });
});
