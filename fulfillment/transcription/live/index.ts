/**
 * Live transcription of a message while the caller speaks (issue 17): the store of final segments
 * the live transcriber writes and the stop call reads.
 */
export type { LiveEnd, LiveSegment, LiveStartOutcome, LiveTranscriberStarter, LiveTranscript, LiveTranscriptionRequest, LiveTranscriptStore } from './port';
export { MemoryLiveTranscriptStore } from './memory';
export { DynamoLiveTranscriptStore, liveKey, type DynamoLiveTranscriptStoreOptions } from './dynamo';
export * from './errors';
