import type { Clock } from '../../fulfillment/runtime/clock';

/** A clock that moves only when told: sleeps advance it at once, so backoff tests never wait. */
export class FakeClock implements Clock {
  public slept: number[] = [];

  public constructor(private current = Date.UTC(2026, 10, 25, 12, 0, 0)) {}

  public now(): number {
    return this.current;
  }

  public async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.current += ms;
  }

  public advance(ms: number): void {
    this.current += ms;
  }
}
