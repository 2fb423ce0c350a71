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

  it('plays the bundled refill script: the request is filed after the call in the Epic sandbox and routed as a refill task', async () => {
    // Prepare
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/simulator/cli.ts', '--script', 'sandbox/simulator/refill-call.txt', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    // Act
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('You would like a refill of atorvastatin 20 milligram oral tablet.');
    expect(stdout).toMatch(/Refill request refill-[0-9a-f]{40}: filed\./);
    expect(stdout).toContain('written to the Epic sandbox.');
    expect(stdout).toContain('"kind":"refill"');
  });
});
