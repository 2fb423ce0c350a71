import type { Transcriber, TranscriptionStart } from './port';

/**
 * LOCAL MODE ONLY: the "recording" is already text (typed in the simulator or a test), so the text IS
 * the transcript. No audio is involved.
 */
export class PassThroughTranscriber implements Transcriber {
  public async start(input: { readonly noteId: string; readonly source: string }): Promise<TranscriptionStart> {
    return { kind: 'transcript', transcript: input.source };
  }
}
