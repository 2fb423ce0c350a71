/**
 * Facts of Amazon Translate the adapter works within.
 */

/**
 * TranslateText takes at most 10,000 bytes of UTF-8 text per request (Amazon Translate developer
 * guide, "Guidelines and quotas": maximum input text size 10,000 bytes; raised from 5,000 on
 * 2022-12-29, "Amazon Translate doubles synchronous real-time text translation limits").
 */
export const TRANSLATE_TEXT_MAX_BYTES = 10_000;

/** Error names of Amazon Translate that mean "slow down and try again" (TranslateText API reference, Errors). */
export const RETRYABLE_TRANSLATE_ERRORS: ReadonlySet<string> = new Set(['TooManyRequestsException', 'ThrottlingException', 'ServiceUnavailableException', 'InternalServerException']);

/** What a note says of a text Amazon Translate wrote. */
export const AMAZON_TRANSLATE_LABEL = 'machine translation (Amazon Translate)';

/** What a note says of a text the local stand-in wrote. */
export const LOCAL_STAND_IN_LABEL = 'local stand-in translation (word glossary; NOT Amazon Translate)';
