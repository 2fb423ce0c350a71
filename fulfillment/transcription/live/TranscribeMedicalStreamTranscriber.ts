import { StartMedicalStreamTranscriptionCommand, TranscribeStreamingClient } from '@aws-sdk/client-transcribe-streaming';
import { MEDICAL_STREAM } from './constants';
import { audioEvents, transcriptResults } from './resultStream';
import type { MedicalStreamOptions, MedicalStreamResult, MedicalStreamTranscriber } from './medicalStream';

/**
 * {@link MedicalStreamTranscriber} over `@aws-sdk/client-transcribe-streaming`:
 * `StartMedicalStreamTranscription` with {@link MEDICAL_STREAM}'s settings, the audio as `AudioEvent`s
 * (`AudioStream: { AudioEvent: { AudioChunk } }`), and the `TranscriptResultStream`'s
 * `TranscriptEvent.Transcript.Results[]` turned into results: `IsPartial`, `Alternatives[0].Transcript`,
 * `StartTime`/`EndTime` in seconds ("MedicalResult", Amazon Transcribe API reference,
 * https://docs.aws.amazon.com/transcribe/latest/APIReference/API_streaming_MedicalResult.html; the same
 * shapes are in the SDK's `StartMedicalStreamTranscriptionCommand` typings). An exception member of
 * the result stream, or a failed request, becomes a `MedicalStreamError` carrying only its name (`transcriptResults`).
 *
 * @example
 * const transcriber = new TranscribeMedicalStreamTranscriber({ client: new TranscribeStreamingClient({}) });
 * for await (const result of transcriber.transcribe(pcmChunks)) if (!result.isPartial) store(result);
 */
export class TranscribeMedicalStreamTranscriber implements MedicalStreamTranscriber {
  readonly #client: TranscribeStreamingClient;

  public constructor(options: { readonly client?: TranscribeStreamingClient } = {}) {
    this.#client = options.client ?? new TranscribeStreamingClient({});
  }

  public async *transcribe(audio: AsyncIterable<Uint8Array>, options: MedicalStreamOptions = {}): AsyncIterable<MedicalStreamResult> {
    const command = new StartMedicalStreamTranscriptionCommand({
      LanguageCode: MEDICAL_STREAM.languageCode,
      Specialty: MEDICAL_STREAM.specialty,
      Type: MEDICAL_STREAM.type,
      MediaEncoding: MEDICAL_STREAM.mediaEncoding,
      MediaSampleRateHertz: MEDICAL_STREAM.sampleRateHz,
      AudioStream: audioEvents(audio),
    });
    yield* transcriptResults(async () => (await this.#client.send(command, options.signal ? { abortSignal: options.signal } : {})).TranscriptResultStream);
  }
}
