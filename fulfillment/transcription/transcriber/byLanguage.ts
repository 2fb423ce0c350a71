import type { MessageLanguage } from '../../../contract';
import type { Transcriber, TranscriptionStart } from './port';

/**
 * The transcriber of each message language: Transcribe Medical for `en-US`, standard Amazon
 * Transcribe for `es-US` (Transcribe Medical is US English only). A start without a language is an
 * `en-US` one, as every message was before languages.
 *
 * @example
 * const transcriber = new ByLanguageTranscriber({ 'en-US': medical, 'es-US': standard });
 */
export class ByLanguageTranscriber implements Transcriber {
  readonly #transcribers: Readonly<Record<MessageLanguage, Transcriber>>;

  public constructor(transcribers: Readonly<Record<MessageLanguage, Transcriber>>) {
    this.#transcribers = transcribers;
  }

  public async start(input: Parameters<Transcriber['start']>[0]): Promise<TranscriptionStart> {
    return this.#transcribers[input.language ?? 'en-US'].start(input);
  }
}
