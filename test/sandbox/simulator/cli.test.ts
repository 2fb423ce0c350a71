import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Runs `npm start`'s entry with `args` and no terminal; killed after 45 s. */
async function start(args: readonly string[]): Promise<{ code: number | null; stdout: string }> {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/simulator/cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout };
}

describe('npm start', () => {
  it('plays the bundled demo call without a terminal and ends its summary with the inbox command', async () => {
    // Act
    const { code, stdout } = await start([]);
    // Assess
    const lines = stdout.trimEnd().split('\n');
    expect(code).toBe(0);
    expect(stdout).toContain('written to the Epic sandbox.');
    expect(lines.at(-1)).toMatch(/^Next: npm run inbox to see messages like this one in the care-team inbox/);
  });

  it('plays the bundled Spanish message script (2 at the greeting): both texts in the note, the stand-in labelled', async () => {
    // Act
    const { code, stdout } = await start(['--script', 'sandbox/simulator/spanish-message-call.txt', '--quiet']);
    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('Language of the message: Spanish (es-US).');
    expect(stdout).toContain("Caller's words (Spanish, es-US; transcript):");
    expect(stdout).toContain('Tengo fiebre y tos desde ayer, pero no tengo dolor de pecho.');
    expect(stdout).toContain('local stand-in translation (word glossary; NOT Amazon Translate)');
    expect(stdout).toContain('written to the Epic sandbox.');
  });

  it('plays the bundled refill script: the request is filed after the call in the Epic sandbox and routed as a refill task', async () => {
    // Act
    const { code, stdout } = await start(['--script', 'sandbox/simulator/refill-call.txt', '--quiet']);
    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('You would like a refill of atorvastatin 20 milligram oral tablet.');
    expect(stdout).toMatch(/Refill request refill-[0-9a-f]{40}: filed\./);
    expect(stdout).toContain('written to the Epic sandbox.');
    expect(stdout).toContain('"kind":"refill"');
  });

  it('plays the bundled menu-keys script: no keys in the spoken menu, keys on request and after a miss, key 1 still reads medications', async () => {
    // Act
    const { code, stdout } = await start(['--script', 'sandbox/simulator/menu-keys-call.txt', '--quiet']);
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

  it('plays the bundled appointment-text script: the text the caller said yes to is printed with date, time and address only', async () => {
    // Act
    const { code, stdout } = await start(['--script', 'sandbox/simulator/appointment-text-call.txt', '--quiet']);
    // Assess
    const texts = stdout.split('\n').filter((line) => line.startsWith('  Text:'));
    expect(code).toBe(0);
    expect(stdout).toContain("If you'd like these details by text, say text me.");
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/\[text to the number ending 0142\] Sandbox Family Clinic: your appointment is on \w+day, \w+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [AP]M C[SD]T, at 200 Lakeside Drive, Madison\. Reply STOP to opt out\./);
    // Nothing clinical: no provider, department or location name.
    expect(texts[0]).not.toMatch(/Okafor|Family Medicine|Lakeside Clinic/);
    expect(stdout).toContain('Call ended: goodbye');
  });
});
