import type { AudioStream } from '@aws-sdk/client-transcribe-streaming';
import { errorName } from '../../runtime/errors';
import { MedicalStreamError } from './errors';
import type { MedicalStreamResult } from './medicalStream';

/**
 * Exceptions Transcribe sends in the result stream itself, the same members in the medical and the
 * standard stream ("MedicalTranscriptResultStream" and "TranscriptResultStream", API reference).
 */
const STREAM_EXCEPTIONS = ['BadRequestException', 'LimitExceededException', 'InternalFailureException', 'ConflictException', 'ServiceUnavailableException'] as const;

/** One result of either stream: `MedicalResult` and `Result` share these fields. */
interface StreamResult {
  readonly IsPartial?: boolean | undefined;
  readonly Alternatives?: readonly { readonly Transcript?: string | undefined }[] | undefined;
  readonly StartTime?: number | undefined;
  readonly EndTime?: number | undefined;
}

/** One event of either result stream: a transcript event, or one of {@link STREAM_EXCEPTIONS}. */
type StreamEvent = { readonly TranscriptEvent?: { readonly Transcript?: { readonly Results?: readonly StreamResult[] | undefined } | undefined } | undefined };

/**
 * The audio as the SDK's input event stream (`AudioStream: { AudioEvent: { AudioChunk } }`).
 *
 * @example
 * new StartStreamTranscriptionCommand({ ...settings, AudioStream: audioEvents(pcmChunks) });
 */
export async function* audioEvents(audio: AsyncIterable<Uint8Array>): AsyncIterable<AudioStream> {
  for await (const chunk of audio) yield { AudioEvent: { AudioChunk: chunk } };
}

/**
 * The results of a Transcribe streaming request, medical or standard, as the port's: `IsPartial`,
 * `Alternatives[0].Transcript`, `StartTime`/`EndTime` in seconds → milliseconds. A failed start, an
 * exception member of the result stream or a broken stream becomes a {@link MedicalStreamError}
 * carrying only its name, so the live transcriber records every failure alike.
 *
 * @example
 * yield* transcriptResults(async () => (await client.send(command)).TranscriptResultStream);
 */
export async function* transcriptResults<E extends StreamEvent>(start: () => Promise<AsyncIterable<E> | undefined>): AsyncIterable<MedicalStreamResult> {
  let stream: AsyncIterable<E> | undefined;
  try {
    stream = await start();
  } catch (error) {
    throw new MedicalStreamError(errorName(error), { cause: error });
  }
  if (!stream) throw new MedicalStreamError('NoResultStream');
  try {
    for await (const event of stream) {
      const exception = STREAM_EXCEPTIONS.find((name) => (event as Record<string, unknown>)[name] !== undefined);
      if (exception) throw new MedicalStreamError(exception);
      for (const result of event.TranscriptEvent?.Transcript?.Results ?? []) yield toResult(result);
    }
  } catch (error) {
    if (error instanceof MedicalStreamError) throw error;
    throw new MedicalStreamError(errorName(error), { cause: error });
  }
}

/** One service result as the port's. */
function toResult(result: StreamResult): MedicalStreamResult {
  return {
    isPartial: result.IsPartial ?? false,
    text: result.Alternatives?.[0]?.Transcript ?? '',
    startMs: Math.round((result.StartTime ?? 0) * 1000),
    endMs: Math.round((result.EndTime ?? 0) * 1000),
  };
}
