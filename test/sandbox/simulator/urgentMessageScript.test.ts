import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALE_ID } from '../../../contract';
import { CATALOGS, plainText } from '../../../prompts';

describe('npm start -- --script sandbox/simulator/urgent-message-call.txt', () => {
  it('gives the 911 advice and transfers to the nurse queue before the call ends, and pages the care team once', async () => {
    // Prepare
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/simulator/cli.ts', '--script', 'sandbox/simulator/urgent-message-call.txt'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    // Act
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    // Assess
    const words = CATALOGS[LOCALE_ID];
    const call = stdout.slice(0, stdout.indexOf('Call ended:'));
    expect(code).toBe(0);
    expect(call).toContain(plainText(words.emergency.mentioned['chest-pain']));
    expect(call).toContain(plainText(words.flow.urgentAdvice));
    expect(call).toMatch(/contact queued to .*simulated-UrgentQueueArn/);
    expect(call.indexOf(plainText(words.flow.urgentAdvice))).toBeLessThan(call.search(/contact queued to/));
    expect(stdout).toMatch(/Call ended: transfer \(queue simulated-UrgentQueueArn\)/);
    expect(stdout.match(/Care team notified/g)).toHaveLength(1);
    expect(stdout).toMatch(/Care-team task .*"kind":"urgent"/);
  });
});
