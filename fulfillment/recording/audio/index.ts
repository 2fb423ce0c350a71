/**
 * The audio stage of symptom notes: Connect's Kinesis Video stream → the caller's track of one
 * contact → a 16 kHz WAV in S3 (or a local folder) for Transcribe Medical.
 */
export { CallerAudioCollector, isCallerTrack, type CallerAudio, type CallerAudioOptions, type StopReason } from './callerAudio';
export { storeRecording, readCallerAudio, type StoreRecordingDeps } from './storeRecording';
export { CONNECT_TRACKS, DEFAULT_AUDIO_LIMITS, FRAGMENT_TAGS, OUTPUT_SAMPLE_RATE, SILENCE, type AudioLimits } from './constants';
export { FileRecordingStore } from './FileRecordingStore';
export { KinesisVideoMediaSource, type KinesisVideoMediaSourceOptions } from './KinesisVideoMediaSource';
export { isSilent, measureLevels, type AudioLevels } from './levels';
export { MatroskaStreamReader, type MatroskaHandler, type MatroskaStreamReaderOptions, type MkvBlock, type MkvTrack } from './matroska';
export { recordingKey } from './recordingKey';
export { S3RecordingStore, type S3RecordingStoreOptions } from './S3RecordingStore';
export { byteSpan } from './ranges';
export type {
  MediaSource,
  MediaStart,
  RecordingPart,
  RecordingRange,
  RecordingReader,
  RecordingRequest,
  RecordingResult,
  RecordingStore,
  StoredRecording,
} from './types';
export { encodeWav, readWavInfo, RESAMPLING, toWav16k, upsample2x, WAV_HEADER_BYTES, type WavInfo } from './wav';
