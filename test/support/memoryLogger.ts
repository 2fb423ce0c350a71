import type { StructuredLogger } from '../../fulfillment/runtime/logger';

/** A logger that keeps its lines as JSON text, for tests that check what is logged (and what never is). */
export class MemoryLogger implements StructuredLogger {
  public readonly lines: string[] = [];

  public info(message: string, extra: Record<string, unknown>): void {
    this.lines.push(JSON.stringify({ level: 'info', message, ...extra }));
  }

  public warn(message: string, extra: Record<string, unknown>): void {
    this.lines.push(JSON.stringify({ level: 'warn', message, ...extra }));
  }

  public error(message: string, extra: Record<string, unknown>): void {
    this.lines.push(JSON.stringify({ level: 'error', message, ...extra }));
  }

  /** Every line as one text, for `toContain` checks. */
  public text(): string {
    return this.lines.join('\n');
  }
}
