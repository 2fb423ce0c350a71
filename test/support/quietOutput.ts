import { beforeEach } from 'vitest';

/**
 * Keeps passing tests silent: what the code under test writes to stdout and stderr (the Powertools
 * logger writes its JSON lines there, the AWS SDK its Node warnings) is held while a test runs and
 * printed only if that test fails, where it helps to read why. Output outside a test (servers
 * starting in `beforeAll`) is dropped. Tests that assert on log lines tap the same streams with
 * `captureOutput`, which sees everything as before.
 */
const held: string[] = [];

function holding(stream: NodeJS.WriteStream): typeof stream.write {
  const write = stream.write.bind(stream);
  const hold = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    held.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    // Honour the write callback, wherever Node's overloads put it.
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    callback?.();
    return true;
  };
  stream.write = hold as typeof stream.write;
  return write;
}

const printOut = holding(process.stdout);
holding(process.stderr);

beforeEach(({ onTestFailed }) => {
  held.length = 0;
  onTestFailed(() => {
    if (held.length > 0) printOut(`--- output of the failed test ---\n${held.join('')}--- end of output ---\n`);
    held.length = 0;
  });
});
