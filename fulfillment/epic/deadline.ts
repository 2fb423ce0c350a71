import { EpicDeadlineError } from './errors';

/**
 * One turn's deadline, carried to Epic by a single `AbortSignal`. Every Epic call takes it
 * ({@link CallOptions}); every fetch and every wait honours it. A signal made by {@link Deadline} also
 * says when it will fire, so a retry whose wait would end past it is not even started.
 */

/** What every Epic call takes besides its input. */
export interface CallOptions {
  /** Stops the call: no request is sent, and no wait goes on, after it fires. */
  readonly signal?: AbortSignal | undefined;
}

/** When each deadline's signal fires, on `performance.now()`'s clock (monotonic, never moved by tests). */
const expiries = new WeakMap<AbortSignal, number>();

/**
 * A deadline `ms` from now, owned by whoever runs the work (the code hook): it aborts the signal
 * with {@link expire} (from its own timer, so the owner also knows when to stop waiting), and
 * {@link remainingMs} tells the work how much time is left.
 *
 * @example
 * const deadline = new Deadline(10_000);
 * const timer = setTimeout(() => deadline.expire(), 10_000);
 * await epic.findPatient(query, { signal: deadline.signal });
 */
export class Deadline {
  /** `performance.now()` at which the deadline passes. */
  public readonly at: number;
  readonly #controller = new AbortController();

  public constructor(ms: number) {
    this.at = performance.now() + Math.max(0, ms);
    expiries.set(this.#controller.signal, this.at);
  }

  /** The signal to pass down. */
  public get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Fires the signal (once): what is in flight is abandoned, what comes next is not started. */
  public expire(): void {
    this.#controller.abort(new DOMException('the deadline passed', 'TimeoutError'));
  }
}

/**
 * Milliseconds left before `signal` fires: 0 once it has, `Infinity` without a signal or for a
 * signal whose time is unknown (then only its firing stops the work).
 */
export function remainingMs(signal: AbortSignal | undefined): number {
  if (!signal) return Infinity;
  if (signal.aborted) return 0;
  const at = expiries.get(signal);
  return at === undefined ? Infinity : Math.max(0, at - performance.now());
}

/** @throws {EpicDeadlineError} when `signal` has fired. */
export function throwIfPastDeadline(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EpicDeadlineError({ cause: signal.reason });
}

/**
 * `work`, or an {@link EpicDeadlineError} as soon as `signal` fires, whichever comes first. The work
 * itself goes on (a wait, or a request shared with other callers); only this caller stops waiting.
 */
export function untilDeadline<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new EpicDeadlineError({ cause: signal.reason }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new EpicDeadlineError({ cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Runs `work` with a signal that fires after `timeoutMs` (a `TimeoutError` `DOMException`, as
 * `AbortSignal.timeout` gives) or when `deadline` fires (with the deadline's reason), whichever comes
 * first; the timer is cleared and the listener removed as soon as the work settles. Unlike
 * `AbortSignal.timeout`, whose timer runs to its end, nothing is left to fire seconds later, during
 * another turn.
 *
 * @example
 * const body = await withTimeout(4000, deadline, (signal) => fetch(url, { signal }).then((r) => r.text()));
 */
export async function withTimeout<T>(timeoutMs: number, deadline: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  const onDeadline = () => controller.abort(deadline?.reason);
  if (deadline?.aborted) onDeadline();
  else deadline?.addEventListener('abort', onDeadline, { once: true });
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
    deadline?.removeEventListener('abort', onDeadline);
  }
}
