import type { E164 } from '../epic/phone';

/** One text message: to whom (a number the rules of `destination.ts` allowed) and what it says. */
export interface TextMessage {
  readonly to: E164;
  /** The words, built from the closed set of templates in `body.ts`: never clinical content. */
  readonly body: string;
}

/** What the service answered: its id of the message (no content). */
export interface SentText {
  readonly messageId: string;
}

/**
 * Port: sends one text message. The AWS adapter is {@link EndUserMessagingTextSender}; the local
 * stand-in prints what it would send ({@link PrintingTextSender}).
 */
export interface TextSender {
  /** @throws SmsError (SmsOptedOutError when the number opted out) */
  send(message: TextMessage): Promise<SentText>;
}
