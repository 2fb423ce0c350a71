import * as z from 'zod';
import { TranscriptFormatError } from '../errors';

/** The part of a Transcribe (Medical) output file the pipeline reads. */
const transcriptFile = z.object({
  results: z.object({
    transcripts: z.array(z.object({ transcript: z.string() })).min(1),
  }),
});

/**
 * The transcript of a Transcribe Medical output file: `results.transcripts[0].transcript` (the file
 * also holds per-word `items` with timings and confidences, which the note does not need).
 *
 * @throws TranscriptFormatError when the JSON is not a transcript file (its content is never quoted).
 */
export function readTranscript(json: string | unknown): string {
  let parsed: unknown = json;
  if (typeof json === 'string') {
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw new TranscriptFormatError('Transcript file is not JSON', { cause: error });
    }
  }
  const result = transcriptFile.safeParse(parsed);
  if (!result.success) throw new TranscriptFormatError('Transcript file has no results.transcripts[0].transcript');
  return (result.data.results.transcripts[0] as { transcript: string }).transcript;
}
