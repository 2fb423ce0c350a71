import { TranslateClient, TranslateTextCommand } from '@aws-sdk/client-translate';
import { systemClock, type Clock } from '../runtime/clock';
import { splitText } from '../notes/textChunks';
import { AMAZON_TRANSLATE_LABEL, RETRYABLE_TRANSLATE_ERRORS, TRANSLATE_TEXT_MAX_BYTES } from './constants';
import { TranslationError, TranslationThrottledError } from './errors';
import type { SourceLanguage, Translation, Translator } from './port';

/** Options of {@link AmazonTranslateTranslator}. */
export interface AmazonTranslateTranslatorOptions {
  /** @default a client for the Lambda's own region and credentials */
  readonly client?: TranslateClient;
  /** Retries of one request after throttling, on top of the SDK's own attempts. @default 3 */
  readonly maxRetries?: number;
  /** First backoff in ms; doubles per retry, full jitter. @default 250 */
  readonly baseDelayMs?: number;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/**
 * Amazon Translate adapter: `TranslateText` to English (`TargetLanguageCode: en`) per chunk of at most
 * {@link TRANSLATE_TEXT_MAX_BYTES} bytes (cut at sentence ends where possible, so a sentence is
 * translated whole), the chunks' translations joined with a space. Throttling is retried a bounded
 * number of times with jittered backoff; anything else is a {@link TranslationError} naming the AWS
 * error, never the text.
 *
 * @example
 * const { text } = await new AmazonTranslateTranslator().translate('Tengo fiebre desde ayer.', 'es'); // 'I have had a fever since yesterday.'
 */
export class AmazonTranslateTranslator implements Translator {
  readonly #client: TranslateClient;
  readonly #maxRetries: number;
  readonly #baseDelayMs: number;
  readonly #clock: Clock;
  readonly #random: () => number;

  public constructor(options: AmazonTranslateTranslatorOptions = {}) {
    this.#client = options.client ?? new TranslateClient({});
    this.#maxRetries = options.maxRetries ?? 3;
    this.#baseDelayMs = options.baseDelayMs ?? 250;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    if (!Number.isInteger(this.#maxRetries) || this.#maxRetries < 0 || this.#maxRetries > 10) throw new RangeError('maxRetries must be an integer within 0..10');
  }

  public async translate(text: string, from: SourceLanguage): Promise<Translation> {
    const parts: string[] = [];
    for (const chunk of splitText(text, TRANSLATE_TEXT_MAX_BYTES)) {
      const output = await this.#withRetries(() => this.#client.send(new TranslateTextCommand({ Text: chunk.text, SourceLanguageCode: from, TargetLanguageCode: 'en' })));
      if (typeof output.TranslatedText !== 'string') throw new TranslationError('TranslateText answered without TranslatedText');
      parts.push(output.TranslatedText);
    }
    return { text: parts.join(' '), engine: 'amazon-translate', label: AMAZON_TRANSLATE_LABEL };
  }

  async #withRetries<T>(call: () => Promise<T>): Promise<T> {
    // Bounded: 1 + maxRetries attempts.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const name = error instanceof Error ? error.name : 'UnknownError';
        const retryable = RETRYABLE_TRANSLATE_ERRORS.has(name);
        if (!retryable || attempt >= this.#maxRetries) {
          const message = `Amazon Translate TranslateText failed (${name}) after ${attempt + 1} attempt(s)`;
          throw retryable ? new TranslationThrottledError(message, { cause: error }) : new TranslationError(message, { cause: error });
        }
        await this.#clock.sleep(Math.floor(this.#random() * this.#baseDelayMs * 2 ** attempt));
      }
    }
  }
}
