/**
 * Machine translation of a caller's message into English for Comprehend Medical (issue 18): the
 * `Translator` port, the Amazon Translate adapter and the local stand-in.
 */
export { AmazonTranslateTranslator, type AmazonTranslateTranslatorOptions } from './AmazonTranslateTranslator';
export { AMAZON_TRANSLATE_LABEL, LOCAL_STAND_IN_LABEL, RETRYABLE_TRANSLATE_ERRORS, TRANSLATE_TEXT_MAX_BYTES } from './constants';
export { TranslationError, TranslationThrottledError } from './errors';
export { LocalGlossaryTranslator } from './localGlossaryTranslator';
export type { SourceLanguage, Translation, TranslationEngine, Translator } from './port';
