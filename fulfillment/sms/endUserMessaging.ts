import { SendTextMessageCommand, type PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SmsOptedOutError, SmsRejectedError, SmsThrottledError, SmsUnavailableError, type SmsError } from './errors';
import type { SentText, TextMessage, TextSender } from './port';

/** Options of {@link EndUserMessagingTextSender}. */
export interface EndUserMessagingTextSenderOptions {
  readonly client: PinpointSMSVoiceV2Client;
  /**
   * The clinic's origination identity (config `SMS_ORIGINATION_IDENTITY`): a phone number, its id or
   * ARN, a pool id or ARN. It must be registered (toll-free verification or 10DLC) before US carriers deliver.
   */
  readonly originationIdentity: string;
  /** Configuration set (config `SMS_CONFIGURATION_SET`): delivery events, a protect configuration. @default none */
  readonly configurationSet?: string;
}

/** The `ConflictException` reason of a destination that replied STOP (the SDK's `ConflictExceptionReason`). */
export const OPTED_OUT_REASON = 'DESTINATION_PHONE_NUMBER_OPTED_OUT';

/** AWS errors that mean "not now": the request rate (`ThrottlingException`) or a quota such as the monthly spend limit. */
const LOAD_ERRORS: ReadonlySet<string> = new Set(['ThrottlingException', 'ServiceQuotaExceededException']);

/**
 * AWS End User Messaging SMS adapter: one `SendTextMessage` per text, `MessageType: TRANSACTIONAL`
 * (a message the caller asked for, not marketing), from the clinic's origination identity, with the
 * configuration set when one is given, never `DryRun`. Retries are the SDK's own (standard mode: up to
 * 3 attempts with exponential backoff and jitter, on throttling, 5xx and network errors only): a caller
 * waits on the line, so no second layer of retries is added. What is left after them becomes a named
 * {@link SmsError}; the destination's opt-out (`ConflictException`, reason
 * `DESTINATION_PHONE_NUMBER_OPTED_OUT`) is {@link SmsOptedOutError}.
 *
 * @example
 * const texts = new EndUserMessagingTextSender({ client: new PinpointSMSVoiceV2Client({}), originationIdentity: config.sms.originationIdentity });
 */
export class EndUserMessagingTextSender implements TextSender {
  readonly #client: PinpointSMSVoiceV2Client;
  readonly #originationIdentity: string;
  readonly #configurationSet: string | undefined;

  public constructor(options: EndUserMessagingTextSenderOptions) {
    this.#client = options.client;
    this.#originationIdentity = options.originationIdentity;
    this.#configurationSet = options.configurationSet;
  }

  public async send(message: TextMessage): Promise<SentText> {
    let messageId: string | undefined;
    try {
      const answer = await this.#client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: message.to,
          OriginationIdentity: this.#originationIdentity,
          MessageBody: message.body,
          MessageType: 'TRANSACTIONAL',
          ...(this.#configurationSet ? { ConfigurationSetName: this.#configurationSet } : {}),
        }),
      );
      messageId = answer.MessageId;
    } catch (error) {
      throw smsError(error);
    }
    if (!messageId) throw new SmsUnavailableError('SendTextMessage answered no MessageId', 'NoMessageId');
    return { messageId };
  }
}

/** The named error of what `SendTextMessage` threw: AWS's error name and reason, never its message. */
export function smsError(error: unknown): SmsError {
  const code = error instanceof Error ? error.name : 'UnknownError';
  const raw = (error ?? {}) as { Reason?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const reason = typeof raw.Reason === 'string' ? raw.Reason : undefined;
  const message = `SendTextMessage failed (${code}${reason ? `: ${reason}` : ''})`;
  if (code === 'ConflictException' && reason === OPTED_OUT_REASON) return new SmsOptedOutError(message, code, reason, { cause: error });
  if (LOAD_ERRORS.has(code)) return new SmsThrottledError(message, code, reason, { cause: error });
  const status = typeof raw.$metadata?.httpStatusCode === 'number' ? raw.$metadata.httpStatusCode : undefined;
  // A client fault (4xx) is a request AWS will refuse again; anything else (5xx, network) is AWS's side.
  if (raw.$fault === 'client' || (status !== undefined && status >= 400 && status < 500)) return new SmsRejectedError(message, code, reason, { cause: error });
  return new SmsUnavailableError(message, code, reason, { cause: error });
}
