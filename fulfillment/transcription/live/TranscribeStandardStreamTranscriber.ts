import { StartStreamTranscriptionCommand, TranscribeStreamingClient } from '@aws-sdk/client-transcribe-streaming';
import type { MessageLanguage } from '../../../contract';
import { MEDICAL_STREAM } from './constants';
import { audioEvents, transcriptResults } from './resultStream';
import type { MedicalStreamOptions, MedicalStreamResult, MedicalStreamTranscriber } from './medicalStream';

/**
 * The live transcriber's stream for a message in Spanish (issue 18): Transcribe Medical streaming is
 * US English only, so an `es-US` message streams to standard Amazon Transcribe,
 * `StartStreamTranscription` with `LanguageCode: es-US`, the same PCM encoding and 16 kHz rate, and the
 * same result shapes as the medical stream (`TranscriptEvent.Transcript.Results[]`: `IsPartial`,
 * `Alternatives[0].Transcript`, `StartTime`/`EndTime` in seconds; the SDK's
 * `StartStreamTranscriptionCommand` typings). Errors as `MedicalStreamError` with the name only (`transcriptResults`),
 * so the live transcriber records them alike.
 *
 * @example
 * const transcriber = new TranscribeStandardStreamTranscriber({ client: new TranscribeStreamingClient({}) });
 * for await (const result of transcriber.transcribe(pcmChunks, { language: 'es-US' })) if (!result.isPartial) store(result);
 */
export class TranscribeStandardStreamTranscriber implements MedicalStreamTranscriber {
  readonly #client: TranscribeStreamingClient;

  public constructor(options: { readonly client?: TranscribeStreamingClient } = {}) {
    this.#client = options.client ?? new TranscribeStreamingClient({});
  }

  public async *transcribe(audio: AsyncIterable<Uint8Array>, options: MedicalStreamOptions = {}): AsyncIterable<MedicalStreamResult> {
    const command = new StartStreamTranscriptionCommand({
      LanguageCode: options.language ?? 'es-US',
      MediaEncoding: MEDICAL_STREAM.mediaEncoding,
      MediaSampleRateHertz: MEDICAL_STREAM.sampleRateHz,
      AudioStream: audioEvents(audio),
    });
    yield* transcriptResults(async () => (await this.#client.send(command, options.signal ? { abortSignal: options.signal } : {})).TranscriptResultStream);
  }
}

/**
 * The live stream of each message language: Transcribe Medical streaming for `en-US` (and a request
 * without a language), standard Transcribe streaming for `es-US`.
 *
 * @example
 * const transcriber = new ByLanguageStreamTranscriber({ 'en-US': new TranscribeMedicalStreamTranscriber(), 'es-US': new TranscribeStandardStreamTranscriber() });
 */
export class ByLanguageStreamTranscriber implements MedicalStreamTranscriber {
  readonly #transcribers: Readonly<Record<MessageLanguage, MedicalStreamTranscriber>>;

  public constructor(transcribers: Readonly<Record<MessageLanguage, MedicalStreamTranscriber>>) {
    this.#transcribers = transcribers;
  }

  public transcribe(audio: AsyncIterable<Uint8Array>, options: MedicalStreamOptions = {}): AsyncIterable<MedicalStreamResult> {
    return this.#transcribers[options.language ?? 'en-US'].transcribe(audio, options);
  }
}
