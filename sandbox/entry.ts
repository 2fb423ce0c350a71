import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Runs a sandbox command's `main` when its module is the script Node was started with (`tsx
 * sandbox/cli.ts`, through a symlink too), exiting with its code; a thrown error is printed as
 * `<name> failed: …` and exits 1. Imported by a test, the module does nothing.
 *
 * @example
 * runIfInvoked(import.meta.url, 'inbox', main);
 */
export function runIfInvoked(moduleUrl: string, name: string, main: (argv: string[]) => Promise<number>, describe: (error: unknown) => string = describeError): void {
  if (!invokedDirectly(moduleUrl)) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${describe(error)}\n`);
      process.exit(1);
    },
  );
}

/** `Name: message` of an error, or the value as text. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function invokedDirectly(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
