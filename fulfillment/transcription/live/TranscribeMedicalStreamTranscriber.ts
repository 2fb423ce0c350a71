import {
  StartMedicalStreamTranscriptionCommand,
  TranscribeStreamingClient,
  type AudioStream,
  type MedicalResult,
  type MedicalTranscriptResultStream,
} from '@aws-sdk/client-transcribe-streaming';
import { errorName } from '../../runtime/errors';
import { MEDICAL_STREAM } from './constants';
import { MedicalStreamError } from './errors';
import type { MedicalStreamOptions, MedicalStreamResult, MedicalStreamTranscriber } from './medicalStream';

/** Exceptions Transcribe sends in the result stream itself ("MedicalTranscriptResultStream", API reference). */
const STREAM_EXCEPTIONS = ['BadRequestException', 'LimitExceededException', 'InternalFailureException', 'ConflictException', 'ServiceUnavailableException'] as const;

/**
 * {@link MedicalStreamTranscriber} over `@aws-sdk/client-transcribe-streaming`:
 * `StartMedicalStreamTranscription` with {@link MEDICAL_STREAM}'s settings, the audio as `AudioEvent`s
 * (`AudioStream: { AudioEvent: { AudioChunk } }`), and the `TranscriptResultStream`'s
 * `TranscriptEvent.Transcript.Results[]` turned into results: `IsPartial`, `Alternatives[0].Transcript`,
 * `StartTime`/`EndTime` in seconds ("MedicalResult", Amazon Transcribe API reference,
 * https://docs.aws.amazon.com/transcribe/latest/APIReference/API_streaming_MedicalResult.html; the same
 * shapes are in the SDK's `StartMedicalStreamTranscriptionCommand` typings). An exception member of
 * the result stream, or a failed request, becomes a {@link MedicalStreamError} carrying only its name.
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
    let stream: AsyncIterable<MedicalTranscriptResultStream> | undefined;
    try {
      const output = await this.#client.send(
        new StartMedicalStreamTranscriptionCommand({
          LanguageCode: MEDICAL_STREAM.languageCode,
          Specialty: MEDICAL_STREAM.specialty,
          Type: MEDICAL_STREAM.type,
          MediaEncoding: MEDICAL_STREAM.mediaEncoding,
          MediaSampleRateHertz: MEDICAL_STREAM.sampleRateHz,
          AudioStream: audioEvents(audio),
        }),
        options.signal ? { abortSignal: options.signal } : {},
      );
      stream = output.TranscriptResultStream;
    } catch (error) {
      throw new MedicalStreamError(errorName(error), { cause: error });
    }
    if (!stream) throw new MedicalStreamError('NoResultStream');
    try {
      for await (const event of stream) {
        const exception = STREAM_EXCEPTIONS.find((name) => event[name as keyof MedicalTranscriptResultStream] !== undefined);
        if (exception) throw new MedicalStreamError(exception);
        for (const result of event.TranscriptEvent?.Transcript?.Results ?? []) yield toResult(result);
      }
    } catch (error) {
      if (error instanceof MedicalStreamError) throw error;
      throw new MedicalStreamError(errorName(error), { cause: error });
    }
  }
}

/** The audio as the SDK's input event stream. */
async function* audioEvents(audio: AsyncIterable<Uint8Array>): AsyncIterable<AudioStream> {
  for await (const chunk of audio) yield { AudioEvent: { AudioChunk: chunk } };
}

/** One service result as the port's. */
function toResult(result: MedicalResult): MedicalStreamResult {
  return {
    isPartial: result.IsPartial ?? false,
    text: result.Alternatives?.[0]?.Transcript ?? '',
    startMs: Math.round((result.StartTime ?? 0) * 1000),
    endMs: Math.round((result.EndTime ?? 0) * 1000),
  };
}
