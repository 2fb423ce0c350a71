/** Percentile of `values` (nearest-rank), 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Rounds to `digits` decimals for display and JSON. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** One benchmark figure: a flat JSON key (unit in the name), a label and a bar where the issue sets one. */
export interface Figure {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** Human-readable bar, e.g. `= 0` or `< 2 ms`. */
  readonly bar?: string;
  readonly pass?: boolean;
}

/** Prints figures as an aligned table. */
export function printTable(title: string, figures: readonly Figure[]): void {
  const width = Math.max(...figures.map((figure) => figure.label.length));
  process.stdout.write(`\n${title}\n${'-'.repeat(title.length)}\n`);
  for (const figure of figures) {
    const verdict = figure.bar ? `  (bar ${figure.bar}: ${figure.pass ? 'met' : 'NOT MET'})` : '';
    process.stdout.write(`${figure.label.padEnd(width)}  ${String(figure.value).padStart(10)}${verdict}\n`);
  }
}
