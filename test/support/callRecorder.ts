/**
 * The caller's side of a simulated call in tests: a script of lines, and a printer that keeps what
 * the IVR said, what the caller said and the flow's trace.
 */

import type { CallPrinter, LineSource } from '../../sandbox/simulator/flow';

/**
 * The caller's lines, one per turn; then silence (undefined).
 *
 * @example
 * await playCall({ ..., lines: scriptOf(['2', '14 de marzo de 1948']) });
 */
export function scriptOf(lines: readonly string[]): LineSource {
  let index = 0;
  return { next: async () => lines[index++] };
}

/** A {@link CallPrinter} that keeps everything it is given, in order. */
export type CallRecorder = CallPrinter & { readonly heard: string[]; readonly said: string[]; readonly traces: string[] };

/**
 * A printer that records the call: `heard` (IVR lines), `said` (caller lines) and `traces`.
 *
 * @example
 * const print = recorder();
 * await playCall({ ..., print });
 * expect(print.heard.at(-1)).toContain('Goodbye');
 */
export function recorder(): CallRecorder {
  const heard: string[] = [];
  const said: string[] = [];
  const traces: string[] = [];
  return { heard, said, traces, ivr: (text) => heard.push(text), caller: (text) => said.push(text), trace: (text) => traces.push(text) };
}
