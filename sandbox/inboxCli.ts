import { describeError, runIfInvoked } from './entry';
import { parseArgs } from 'node:util';
import { logger } from '../fulfillment/runtime/logger';
import { startLocalInbox } from './localInbox';

/** Usage text of `npm run inbox`. */
export const USAGE = `npm run inbox -- [--port N] [--verbose]

Plays the bundled demo calls (an urgent message, a routine one filed in Epic, one kept for staff)
through the local pipeline into a fresh local store against the Epic-like sandbox, then serves the
care-team inbox on 127.0.0.1 until Ctrl-C. Prints one line, "Inbox: <url>": open it in a browser to
be signed in as the sandbox nurse through the local sign-in (a Cognito stand-in) and see the list.

  --port N     port of the inbox (default 0: a free port, printed)
  --verbose    print the structured logs (quiet otherwise)
  --help       show this text`;

/** A command-line mistake: printed with exit code 2. */
export class InboxArgsError extends Error {
  /** Builds an error with a message meant for the person at the terminal. */
  public constructor(message: string) {
    super(message);
    this.name = 'InboxArgsError';
  }
}

/** What the command line asks for: the usage text, or the inbox to serve. */
export type InboxCommand = { readonly kind: 'help' } | { readonly kind: 'serve'; readonly port: number; readonly verbose: boolean };

/**
 * Parses `npm run inbox` arguments; throws {@link InboxArgsError} on any mistake.
 *
 * @example
 * parseInboxArgs(['--port', '8080']); // { kind: 'serve', port: 8080, verbose: false }
 */
export function parseInboxArgs(argv: readonly string[]): InboxCommand {
  let values: { port?: string; verbose?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { port: { type: 'string' }, verbose: { type: 'boolean' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    throw new InboxArgsError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };
  let port = 0;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
      throw new InboxArgsError(`--port must be an integer 0-65535, got ${JSON.stringify(values.port)}`);
    }
    port = Number(values.port);
  }
  return { kind: 'serve', port, verbose: values.verbose ?? false };
}

/** Where the CLI writes, and what stops it: the process's streams and signals, or a test's. */
export interface InboxCliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the inbox should stop (Ctrl-C or SIGTERM). */
  stopped(): Promise<void>;
}

const processIo: InboxCliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stopped: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    }),
};

/**
 * `npm run inbox`: the demo messages in a fresh local store, the inbox on loopback, one line
 * `Inbox: <url>` that signs the sandbox nurse in, served until stopped. Returns the exit code: 0
 * after a clean stop, 1 when something failed, 2 on a command-line mistake.
 */
export async function main(argv: readonly string[], io: InboxCliIo = processIo): Promise<number> {
  let command: InboxCommand;
  try {
    command = parseInboxArgs(argv);
  } catch (error) {
    if (!(error instanceof InboxArgsError)) throw error;
    io.err(`inbox: ${error.message}\nRun with --help for usage.`);
    return 2;
  }
  if (command.kind === 'help') {
    io.out(USAGE);
    return 0;
  }
  // The handler, the pipeline and the app log as in Lambda; locally that is noise unless asked for.
  logger.setLogLevel(command.verbose ? 'DEBUG' : 'CRITICAL');
  let local;
  try {
    local = await startLocalInbox({ port: command.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(code === 'EADDRINUSE' ? `inbox: port ${command.port} is in use; pick another with --port N, or leave it out for a free one` : `inbox failed to start: ${describeError(error)}`);
    return 1;
  }
  io.out(`Inbox: ${local.signInUrl}`);
  await io.stopped();
  try {
    await local.close();
  } catch (error) {
    io.err(`inbox: ${describeError(error)}`);
    return 1;
  }
  return 0;
}

runIfInvoked(import.meta.url, 'inbox', main);
