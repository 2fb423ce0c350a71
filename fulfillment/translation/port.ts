/**
 * Port: machine translation of a caller's message into English, so that Comprehend Medical (US English
 * only) can read it (issue 18). Adapters: `AmazonTranslateTranslator` (AWS) and `LocalGlossaryTranslator`
 * (a small glossary, for local runs and tests, which says it is a stand-in).
 */

/** Who translated a text: Amazon Translate, or the local stand-in. */
export type TranslationEngine = 'amazon-translate' | 'local-stand-in';

/** A machine translation, with what a clinician must be told about it. */
export interface Translation {
  /** The English text. */
  readonly text: string;
  readonly engine: TranslationEngine;
  /** How the note labels it, e.g. "machine translation (Amazon Translate)". */
  readonly label: string;
}

/** Source languages the pipeline translates from (ISO 639-1, as Amazon Translate names them). */
export type SourceLanguage = 'es';

/** Port: translates a message into English. */
export interface Translator {
  /** The English translation of `text`, written in `from`. */
  translate(text: string, from: SourceLanguage): Promise<Translation>;
}
