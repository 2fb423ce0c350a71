/**
 * Records everything written to stdout and stderr while `run` executes (Powertools writes its JSON
 * lines there), and still passes it through. Returns the captured text.
 */
export async function captureOutput(run: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const originalOut = process.stdout.write.bind(process.stdout);
  const originalErr = process.stderr.write.bind(process.stderr);
  const tap =
    (original: typeof process.stdout.write) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = tap(originalOut) as typeof process.stdout.write;
  process.stderr.write = tap(originalErr) as typeof process.stderr.write;
  try {
    await run();
  } finally {
    process.stdout.write = originalOut;
    process.stderr.write = originalErr;
  }
  return chunks.join('');
}
