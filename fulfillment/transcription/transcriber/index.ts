/**
 * Turning a recorded message into a transcript: the port, the Amazon Transcribe Medical adapter (English),
 * the standard Amazon Transcribe adapter (Spanish), the transcriber per language, the
 * local pass-through (the simulator's typed words), and the reader of Transcribe's output file.
 */
export { ByLanguageTranscriber } from './byLanguage';
export { PassThroughTranscriber } from './passThrough';
export type { Transcriber, TranscriptionStart } from './port';
export { readTranscript } from './transcript';
export { TranscribeMedicalTranscriber, transcriptionJobName, type TranscribeMedicalOptions } from './transcribeMedical';
export { TranscribeStandardTranscriber, type TranscribeStandardOptions } from './transcribeStandard';
