import { NamedError } from '../runtime/errors';

/**
 * Errors of sending a text message. Messages carry AWS error names and reasons only: never the
 * number, never the text.
 *
 * AWS End User Messaging SMS (`SendTextMessage` of `@aws-sdk/client-pinpoint-sms-voice-v2`) answers
 * an error as one of `AccessDeniedException`, `ConflictException` (with a `Reason`, among them
 * `DESTINATION_PHONE_NUMBER_OPTED_OUT`), `InternalServerException`, `ResourceNotFoundException`,
 * `ServiceQuotaExceededException` (with a `Reason`, e.g. `MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT`),
 * `ThrottlingException` or `ValidationException`: the service's exceptions as the SDK reference lists
 * them (https://docs.aws.amazon.com/botocore/latest/reference/services/pinpoint-sms-voice-v2/client/exceptions/ConflictException.html,
 * .../ServiceQuotaExceededException.html, .../ThrottlingException.html) and the client's own
 * `models/errors.d.ts` (`ConflictException.Reason`, enum `ConflictExceptionReason`).
 */

/** Base class of every error raised while sending a text. */
export class SmsError extends NamedError {
  /** The AWS error's name (`ThrottlingException` …), or this class's name when AWS gave none. */
  public readonly code: string;
  /** The AWS error's `Reason` when it has one (`DESTINATION_PHONE_NUMBER_OPTED_OUT` …). */
  public readonly reason: string | undefined;

  public constructor(message: string, code: string, reason?: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.reason = reason;
  }
}

/** The destination replied STOP (it is on the origination identity's opt-out list): nothing is sent to it. */
export class SmsOptedOutError extends SmsError {}

/** Refused for load: `ThrottlingException`, or `ServiceQuotaExceededException` (a spend limit or a rate quota). */
export class SmsThrottledError extends SmsError {}

/**
 * Refused as asked: `ValidationException` (a malformed number or body), `AccessDeniedException`
 * (permissions, account reputation), `ResourceNotFoundException` (an origination identity or
 * configuration set that does not exist), a `ConflictException` for another reason. Trying again
 * does not help.
 */
export class SmsRejectedError extends SmsError {}

/** AWS failed (`InternalServerException`, a 5xx, the network) after the SDK's own retries. */
export class SmsUnavailableError extends SmsError {}
