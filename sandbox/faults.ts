import { HttpError } from './http';
import type { FaultOptions } from './types';

/** One injected failure: the status and optional `Retry-After` of a FHIR response. */
export interface InjectedFailure {
  readonly status: number;
  readonly retryAfterSeconds?: number;
}

function checkStatus(status: number): void {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new RangeError(`fault status must be an HTTP error status (400-599), got ${status}`);
  }
}

function checkNonNegative(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isFinite(value) || value < 0)) {
    throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  }
}

/** Validates `faults`, throwing RangeError on nonsense so a typo in a test fails loudly. */
export function validateFaults(faults: FaultOptions): FaultOptions {
  checkNonNegative('fhirLatencyMs', faults.fhirLatencyMs);
  checkNonNegative('tokenLatencyMs', faults.tokenLatencyMs);
  checkNonNegative('retryAfterSeconds', faults.retryAfterSeconds);
  if (faults.errorRate !== undefined && !(faults.errorRate >= 0 && faults.errorRate <= 1)) {
    throw new RangeError(`errorRate must be within 0..1, got ${faults.errorRate}`);
  }
  if (faults.errorStatus !== undefined) checkStatus(faults.errorStatus);
  return { ...faults };
}

/**
 * Latency, hangs and failures injected into sandbox responses. Every timer it starts is tracked so
 * `close()` can clear them: a test must end promptly even when a request is parked.
 */
export class FaultInjector {
  private faults: FaultOptions;
  private readonly queued: { remaining: number; failure: InjectedFailure }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Starts with `faults` active. */
  public constructor(faults: FaultOptions = {}) {
    this.faults = validateFaults(faults);
  }

  /** Replaces the active faults (queued `failNext` failures stay). */
  public set(faults: FaultOptions): void {
    this.faults = validateFaults(faults);
  }

  /** Queues `count` deterministic failures for the next FHIR requests. */
  public failNext(count: number, status: number, retryAfterSeconds?: number): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
    checkStatus(status);
    checkNonNegative('retryAfterSeconds', retryAfterSeconds);
    if (count === 0) return;
    this.queued.push({ remaining: count, failure: retryAfterSeconds === undefined ? { status } : { status, retryAfterSeconds } });
  }

  /** True when FHIR requests must never be answered. */
  public get hangFhir(): boolean {
    return this.faults.hangFhir === true;
  }

  /** Waits the configured FHIR latency. */
  public fhirDelay(): Promise<void> {
    return this.sleep(this.faults.fhirLatencyMs ?? 0);
  }

  /** Waits the configured token endpoint latency. */
  public tokenDelay(): Promise<void> {
    return this.sleep(this.faults.tokenLatencyMs ?? 0);
  }

  /** The failure this FHIR request must get, if any: queued ones first, then the random rate. */
  public nextFailure(): HttpError | undefined {
    const head = this.queued[0];
    if (head) {
      head.remaining -= 1;
      if (head.remaining === 0) this.queued.shift();
      return toHttpError(head.failure);
    }
    const rate = this.faults.errorRate ?? 0;
    if (rate > 0 && Math.random() < rate) {
      const status = this.faults.errorStatus ?? 503;
      const retryAfterSeconds = this.faults.retryAfterSeconds;
      return toHttpError(retryAfterSeconds === undefined ? { status } : { status, retryAfterSeconds });
    }
    return undefined;
  }

  /** Clears every pending timer; the requests waiting on them are abandoned with their sockets. */
  public close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function toHttpError(failure: InjectedFailure): HttpError {
  // Epic's gateway answers overload with 429/503 and a transient issue, server faults with 500.
  const status = failure.status;
  const code = status === 429 ? 'throttled' : [502, 503, 504].includes(status) ? 'transient' : status >= 500 ? 'exception' : 'processing';
  const headers: Record<string, string> =
    failure.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(Math.ceil(failure.retryAfterSeconds)) };
  return new HttpError(failure.status, code, `injected failure (status ${failure.status})`, headers);
}
