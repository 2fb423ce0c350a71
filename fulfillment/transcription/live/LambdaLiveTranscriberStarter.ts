import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { errorName } from '../../runtime/errors';
import { logger as defaultLogger, type StructuredLogger } from '../../runtime/logger';
import type { LiveStartOutcome, LiveTranscriberStarter, LiveTranscriptionRequest } from './port';

/** Options of {@link LambdaLiveTranscriberStarter}. */
export interface LambdaLiveTranscriberStarterOptions {
  /** @default new LambdaClient({}) */
  readonly client?: LambdaClient;
  /** Name or ARN of the live-transcriber function (config `LIVE_TRANSCRIBER_FUNCTION`). */
  readonly functionName: string;
  /** Longest wait for Lambda to take the event; past it the start is `failed`. @default 250 */
  readonly timeoutMs?: number;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
}

/**
 * {@link LiveTranscriberStarter} over Lambda: an asynchronous `Invoke` (`InvocationType: 'Event'`) of
 * the live-transcriber function, the pattern of AWS's real-time transcription sample for Connect.
 * Lambda answers once the event is queued; the function then claims the contact, so an event Lambda
 * delivers twice or late does nothing more. The payload has no PHI: the contact id and where the audio
 * is (stream ARN, fragment number, timestamp).
 * `TooManyRequestsException` (the Invoke request rate, or `Reason`
 * `ReservedFunctionConcurrentInvocationLimitExceeded`/`ReservedFunctionInvocationRateLimitExceeded`,
 * "TooManyRequestsException", AWS SDK for JavaScript v3, client-lambda) is `throttled`; any other
 * error or the timeout is `failed`. Never throws. A throttle of the queued event itself (reserved
 * concurrency reached when Lambda runs it) is not seen here: Lambda keeps retrying it within the
 * function's `MaximumEventAgeInSeconds` ("How Lambda handles errors and retries with asynchronous
 * invocation", https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html), and
 * the stop call then finds no claimed transcript: `unknown`. The function's `Throttles` alarm shows it.
 *
 * @example
 * const starter = new LambdaLiveTranscriberStarter({ functionName: config.liveTranscriberFunction });
 * await starter.start({ contactId, streamArn, startFragmentNumber }); // 'started'
 */
export class LambdaLiveTranscriberStarter implements LiveTranscriberStarter {
  readonly #client: LambdaClient;
  readonly #functionName: string;
  readonly #timeoutMs: number;
  readonly #logger: StructuredLogger;

  public constructor(options: LambdaLiveTranscriberStarterOptions) {
    if (!options.functionName) throw new TypeError('LambdaLiveTranscriberStarter needs a functionName');
    this.#client = options.client ?? new LambdaClient({});
    this.#functionName = options.functionName;
    this.#timeoutMs = options.timeoutMs ?? 250;
    this.#logger = options.logger ?? defaultLogger;
  }

  public async start(request: LiveTranscriptionRequest): Promise<LiveStartOutcome> {
    const payload: LiveTranscriptionRequest = {
      contactId: request.contactId,
      streamArn: request.streamArn,
      ...(request.startFragmentNumber !== undefined ? { startFragmentNumber: request.startFragmentNumber } : {}),
      ...(request.startTimestamp !== undefined ? { startTimestamp: request.startTimestamp } : {}),
      ...(request.language !== undefined ? { language: request.language } : {}),
    };
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(Object.assign(new Error('Invoke took too long'), { name: 'TimeoutError' }));
      }, this.#timeoutMs);
    });
    try {
      const invoke = this.#client.send(
        new InvokeCommand({ FunctionName: this.#functionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
        { abortSignal: abort.signal },
      );
      // The abort cancels the HTTP request; the race bounds the wait whatever the request does.
      await Promise.race([invoke, timedOut]);
      return 'started';
    } catch (error) {
      const name = errorName(error);
      const outcome: LiveStartOutcome = name === 'TooManyRequestsException' ? 'throttled' : 'failed';
      this.#logger.warn('Live transcriber not started', { contactId: request.contactId, outcome, errorName: name, reason: throttleReason(error) });
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Lambda's `Reason` of a throttle (an enum value, never text), when there is one. */
function throttleReason(error: unknown): string | undefined {
  const reason = (error as { Reason?: unknown } | undefined)?.Reason;
  return typeof reason === 'string' && /^[A-Za-z]{1,80}$/.test(reason) ? reason : undefined;
}
