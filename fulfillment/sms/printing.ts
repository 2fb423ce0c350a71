import { lastFour } from './destination';
import type { SmsError } from './errors';
import type { SentText, TextMessage, TextSender } from './port';

/** A text the local stand-in "sent": the masked number and the words. */
export interface PrintedText {
  /** The destination's last four digits, the only part of the number kept. */
  readonly toLastFour: string;
  readonly body: string;
}

/** Options of {@link PrintingTextSender}. */
export interface PrintingTextSenderOptions {
  /**
   * Where the text is shown: the simulator's output (`npm start`). Never the logger: a text is
   * what the caller reads, not an operational event. @default nowhere (kept in {@link PrintingTextSender.sent})
   */
  readonly print?: (line: string) => void;
}

/**
 * Local stand-in for texting (local mode and tests): prints the text it would send, the number
 * masked to its last four digits, and keeps what it "sent" for checks.
 *
 * @example
 * const texts = new PrintingTextSender({ print: (line) => output.write(`${line}\n`) });
 */
export class PrintingTextSender implements TextSender {
  /** Texts "sent" so far, oldest first. */
  public readonly sent: PrintedText[] = [];
  #print: ((line: string) => void) | undefined;
  #next = 1;
  #failure: SmsError | undefined;

  public constructor(options: PrintingTextSenderOptions = {}) {
    this.#print = options.print;
  }

  /** Sends what is "sent" from now on to `print` (the simulator attaches its output once it starts). */
  public printTo(print: ((line: string) => void) | undefined): void {
    this.#print = print;
  }

  /**
   * Makes the next send fail with `error` (e.g. an opt-out), as the AWS adapter would raise it: how
   * fixtures and the simulator play a failed text. Cleared by {@link clearFailure} or by that send.
   */
  public failNext(error: SmsError): void {
    this.#failure = error;
  }

  /** Forgets a failure set by {@link failNext} that no send used. */
  public clearFailure(): void {
    this.#failure = undefined;
  }

  public async send(message: TextMessage): Promise<SentText> {
    const failure = this.#failure;
    this.#failure = undefined;
    if (failure) throw failure;
    const text = { toLastFour: lastFour(message.to), body: message.body };
    this.sent.push(text);
    this.#print?.(`[text to the number ending ${text.toLastFour}] ${text.body}`);
    return { messageId: `local-text-${this.#next++}` };
  }
}
