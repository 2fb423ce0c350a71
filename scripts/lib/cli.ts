import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A failure the admin can act on: the message says what went wrong and what to do. */
export class CliError extends Error {
  /** Process exit code: 2 for bad usage, 1 for everything else. */
  public readonly exitCode: number;

  public constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Where a CLI writes: progress and results to `out`, problems to `err`. Tests pass their own. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** The process's own streams. */
export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Parses flags strictly; unknown flags and missing values are usage errors (exit 2) with the usage text. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`, 2);
  }
}

/** A required flag's value, or a usage error naming it. */
export function required(value: string | undefined, flag: string, usage: string): string {
  if (!value) throw new CliError(`missing --${flag}\n\n${usage}`, 2);
  return value;
}

/**
 * An AWS SDK error in words an admin can act on. The SDK's own message is kept (it names the
 * missing action and resource), prefixed with what it means.
 */
export function describeAwsError(error: unknown, region: string): string {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | undefined)?.code;
  if (name === 'AccessDeniedException' || name === 'AccessDenied') return `missing permission: ${message}`;
  if (name === 'UnrecognizedClientException' || name === 'InvalidSignatureException' || name === 'ExpiredTokenException') {
    return `AWS credentials were refused (${name}): check the profile or role you are running as`;
  }
  if (name === 'CredentialsProviderError') return 'no AWS credentials found: set AWS_PROFILE or run `aws sso login`';
  if (code === 'ENOTFOUND' || name === 'UnknownEndpoint' || /getaddrinfo|ENOTFOUND/.test(message)) {
    return `cannot reach the AWS endpoint for region "${region}": is the region name right (e.g. us-east-1)?`;
  }
  if (name === 'ResourceNotFoundException') return `not found: ${message}`;
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException') return `AWS throttled the request; try again in a minute (${message})`;
  return `${name}: ${message}`;
}

/** Runs a CLI's main function and turns every failure into a message and an exit code. */
export async function runCli(main: (argv: string[], output: Output) => Promise<void>, output: Output = processOutput): Promise<number> {
  try {
    await main(process.argv.slice(2), output);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      output.err(`error: ${error.message}`);
      return error.exitCode;
    }
    output.err(`error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  }
}

/** Polls `check` every `intervalMs` until it returns a value or `timeoutMs` passes; bounded in count and time. */
export async function pollUntil<T>(options: {
  check: () => Promise<T | undefined>;
  intervalMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  onWait?: (elapsedMs: number) => void;
  what: string;
}): Promise<T> {
  const attempts = Math.max(1, Math.ceil(options.timeoutMs / options.intervalMs) + 1);
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const result = await options.check();
    if (result !== undefined) return result;
    if (attempt < attempts - 1) {
      options.onWait?.((attempt + 1) * options.intervalMs);
      await options.sleep(options.intervalMs);
    }
  }
  throw new CliError(`timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${options.what}`);
}

/** Whether the module at `moduleUrl` is the script node was started with (not imported by a test). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && moduleUrl === pathToFileURL(resolve(entry)).href;
}
