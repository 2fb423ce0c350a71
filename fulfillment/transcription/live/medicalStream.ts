import type { MessageLanguage } from '../../../contract';

/**
 * Port: Amazon Transcribe Medical streaming as the live transcriber sees it — 16 kHz PCM chunks in,
 * results out — so the transcriber never touches the SDK (adapter: `TranscribeMedicalStreamTranscriber`;
 * tests: a double that answers with Transcribe-shaped events).
 */

/** One result of the stream, partial or final. Times are offsets in the audio sent, in milliseconds. */
export interface MedicalStreamResult {
  /** True while Transcribe may still revise the segment; only final results are stored. */
  readonly isPartial: boolean;
  /** The best alternative's transcript (`Alternatives[0].Transcript`); may be empty. */
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** Options of one stream. */
export interface MedicalStreamOptions {
  /** Aborts the stream (the transcriber's deadline). */
  readonly signal?: AbortSignal;
  /** The caller's language (issue 18): `es-US` streams to standard Transcribe. @default 'en-US' */
  readonly language?: MessageLanguage;
}

/** Port: transcribes one stream of audio, giving results as they come; the audio's end flushes the last ones. */
export interface MedicalStreamTranscriber {
  /**
   * @param audio 16-bit little-endian mono PCM at 16 kHz, in chunks of about 100 ms
   * @throws MedicalStreamError with the service's exception name when the stream is refused or breaks
   */
  transcribe(audio: AsyncIterable<Uint8Array>, options?: MedicalStreamOptions): AsyncIterable<MedicalStreamResult>;
}
