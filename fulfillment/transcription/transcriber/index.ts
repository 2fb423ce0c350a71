/**
 * Turning a recorded message into a transcript: the port, the Amazon Transcribe Medical adapter, the
 * local pass-through (the simulator's typed words), and the reader of Transcribe's output file.
 */
export { PassThroughTranscriber } from './passThrough';
export type { Transcriber, TranscriptionStart } from './port';
export { readTranscript } from './transcript';
export { TranscribeMedicalTranscriber, transcriptionJobName, type TranscribeMedicalOptions } from './transcribeMedical';
