import { StartStreamTranscriptionCommand, TranscribeStreamingClient, type AudioStream, type Result, type TranscriptResultStream } from '@aws-sdk/client-transcribe-streaming';
import type { MessageLanguage } from '../../../contract';
import { errorName } from '../../runtime/errors';
import { MEDICAL_STREAM } from './constants';
import { MedicalStreamError } from './errors';
import type { MedicalStreamOptions, MedicalStreamResult, MedicalStreamTranscriber } from './medicalStream';

/** Exceptions Transcribe sends in the result stream itself ("TranscriptResultStream", API reference): the medical stream's names. */
const STREAM_EXCEPTIONS = ['BadRequestException', 'LimitExceededException', 'InternalFailureException', 'ConflictException', 'ServiceUnavailableException'] as const;

/**
 * The live transcriber's stream for a message in Spanish (issue 18): Transcribe Medical streaming is
 * US English only, so an `es-US` message streams to standard Amazon Transcribe,
 * `StartStreamTranscription` with `LanguageCode: es-US`, the same PCM encoding and 16 kHz rate, and the
 * same result shapes as the medical stream (`TranscriptEvent.Transcript.Results[]`: `IsPartial`,
 * `Alternatives[0].Transcript`, `StartTime`/`EndTime` in seconds; the SDK's
 * `StartStreamTranscriptionCommand` typings). Errors as {@link MedicalStreamError} with the name only,
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
    let stream: AsyncIterable<TranscriptResultStream> | undefined;
    try {
      const output = await this.#client.send(
        new StartStreamTranscriptionCommand({
          LanguageCode: options.language ?? 'es-US',
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
        const exception = STREAM_EXCEPTIONS.find((name) => event[name as keyof TranscriptResultStream] !== undefined);
        if (exception) throw new MedicalStreamError(exception);
        for (const result of event.TranscriptEvent?.Transcript?.Results ?? []) yield toResult(result);
      }
    } catch (error) {
      if (error instanceof MedicalStreamError) throw error;
      throw new MedicalStreamError(errorName(error), { cause: error });
    }
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

/** The audio as the SDK's input event stream. */
async function* audioEvents(audio: AsyncIterable<Uint8Array>): AsyncIterable<AudioStream> {
  for await (const chunk of audio) yield { AudioEvent: { AudioChunk: chunk } };
}

/** One service result as the port's. */
function toResult(result: Result): MedicalStreamResult {
  return {
    isPartial: result.IsPartial ?? false,
    text: result.Alternatives?.[0]?.Transcript ?? '',
    startMs: Math.round((result.StartTime ?? 0) * 1000),
    endMs: Math.round((result.EndTime ?? 0) * 1000),
  };
}
