/**
 * `npm start` as a user runs it (no terminal: the bundled demo call): the closing summary shows the
 * care team's task, what Amazon Connect would have been sent, and the queue the `care-team-task` flow
 * put it in, run by the interpreter.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_CALLER } from '../../../sandbox/data/scenarios';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm start (the demo call)', () => {
  it('ends with the message\'s care-team task and the queue the task flow routed it to', async () => {
    // Act
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/simulator/cli.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    // Assess
    expect(code, output).toBe(0);
    const summary = output.slice(output.indexOf('Care-team task '));
    expect(summary).toMatch(/^Care-team task [0-9a-f-]{36} \(Amazon Connect StartTaskContact, local stand-in; no patient data\): \{"name":"Phone message"/);
    expect(summary).toContain('[flow: check-urgency -> check-kind');
    expect(summary).toMatch(/The care-team-task flow queued it to CareTeamQueueArn \(arn:aws:connect:local:000000000000:instance\/simulated-instance\/queue\/simulated-CareTeamQueueArn\)\./);
    const task = summary.slice(0, summary.indexOf('\n'));
    for (const word of [DEMO_CALLER.given, DEMO_CALLER.family, DEMO_CALLER.birthDate, DEMO_CALLER.callerNumber, 'cough']) expect(task).not.toContain(word);
  }, 90_000);
});
