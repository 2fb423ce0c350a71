/**
 * Live transcription of a message while the caller speaks (issue 17): the store of final segments
 * the live transcriber writes and the stop call reads, the transcriber itself (Kinesis Video Streams
 * → Transcribe Medical streaming → segments) and its asynchronous starter.
 */
export type { LiveEnd, LiveSegment, LiveStartOutcome, LiveTranscriberStarter, LiveTranscript, LiveTranscriptionRequest, LiveTranscriptStore } from './port';
export { MemoryLiveTranscriptStore } from './memory';
export { DynamoLiveTranscriptStore, liveKey, type DynamoLiveTranscriptStoreOptions } from './dynamo';
export * from './errors';
export { AUDIO_CHUNK_MS, DEFAULT_LIVE_LIMITS, LIVE_FAILURES, MEDICAL_STREAM, type LiveLimits } from './constants';
export { readLiveCallerAudio, type LiveAudioRequest, type LiveCallerAudio, type LiveReadResult } from './kvsLiveAudio';
export { LivePcmChunker } from './liveResampler';
export type { MedicalStreamOptions, MedicalStreamResult, MedicalStreamTranscriber } from './medicalStream';
export { TranscribeMedicalStreamTranscriber } from './TranscribeMedicalStreamTranscriber';
export { ByLanguageStreamTranscriber, TranscribeStandardStreamTranscriber } from './TranscribeStandardStreamTranscriber';
export { transcribeLive, type LiveOutcome, type LiveTranscriberDeps } from './liveTranscriber';
export { LambdaLiveTranscriberStarter, type LambdaLiveTranscriberStarterOptions } from './LambdaLiveTranscriberStarter';
