/**
 * The facts of Connect's media streams and of this stage's bounds, as data: one edit changes them
 * everywhere (parser, extraction, tests, bench).
 */

/**
 * Matroska track names Amazon Connect gives the two sides of a call in Kinesis Video Streams.
 * `Track_audio/L16` is the name older Connect streams gave the caller's (only) track.
 */
export const CONNECT_TRACKS = {
  fromCustomer: 'AUDIO_FROM_CUSTOMER',
  toCustomer: 'AUDIO_TO_CUSTOMER',
  legacyFromCustomer: 'Track_audio/L16',
} as const;

/** Matroska tags (SimpleTag `TagName`) read from each fragment: Connect's, then those GetMedia adds. */
export const FRAGMENT_TAGS = {
  contactId: 'ContactId',
  fragmentNumber: 'AWS_KINESISVIDEO_FRAGMENT_NUMBER',
  serverTimestamp: 'AWS_KINESISVIDEO_SERVER_TIMESTAMP',
  producerTimestamp: 'AWS_KINESISVIDEO_PRODUCER_TIMESTAMP',
  /** Present when GetMedia stopped on an error (e.g. 4000: fragment not found, 45xx: KMS key). */
  errorId: 'AWS_KINESISVIDEO_ERROR_ID',
  errorCode: 'AWS_KINESISVIDEO_ERROR_CODE',
} as const;

/** Codec id of Connect's audio: linear PCM, signed integers, little-endian. */
export const PCM_LITTLE_ENDIAN_CODEC = 'A_PCM/INT/LIT';

/** Defaults the Matroska specification gives elements a muxer may leave out. */
export const MATROSKA_DEFAULTS = {
  /** `Info/TimecodeScale`: nanoseconds per timecode tick (1 ms). */
  timecodeScaleNs: 1_000_000,
  /** `Audio/SamplingFrequency` (Hz): 8 kHz, which is why muxers omit it for telephone audio. */
  samplingFrequency: 8000,
  /** `Audio/Channels`. */
  channels: 1,
} as const;

/** Connect streams 16-bit samples. */
export const PCM_BIT_DEPTH = 16;

/** Sample rate of the WAV handed to Transcribe Medical (it accepts 16 kHz to 48 kHz for medical). */
export const OUTPUT_SAMPLE_RATE = 16_000;

/** Bounds of one capture, so a runaway or foreign stream cannot exhaust the worker's memory or time. */
export interface AudioLimits {
  /**
   * Longest stretch of the stream taken, from the contact's first audio. Streaming starts before the
   * recording prompt (about 25 s of speech) and the flow then listens up to 120 s, so a full message
   * runs to about 150 s; the stop timestamp normally ends it first. Five minutes leaves room for the
   * flow's own timing without ever cutting a message the caller was allowed to leave.
   * @default 300_000
   */
  readonly maxDurationMs: number;
  /**
   * Most bytes read from the media source. Five minutes of two 8 kHz 16-bit tracks are about 9.6 MB;
   * reading past this bound fails with `MediaStreamLimitError`.
   * @default 16 MiB
   */
  readonly maxBytes: number;
  /**
   * A live stream that sends nothing for this long has ended (GetMedia keeps the connection open while
   * it waits for the next call on the stream).
   * @default 5_000
   */
  readonly idleTimeoutMs: number;
}

/** The bounds applied when the caller passes none. */
export const DEFAULT_AUDIO_LIMITS: AudioLimits = {
  maxDurationMs: 300_000,
  maxBytes: 16 * 1024 * 1024,
  idleTimeoutMs: 5_000,
};

/**
 * When a recording counts as silent. The caller's track is cut in 20 ms frames; a frame is "voiced"
 * when its RMS reaches `frameRms` (about -44 dBFS: telephone speech sits near -20 dBFS, a quiet
 * speaker near -35 dBFS, the line's noise floor near -60 dBFS). Fewer than `minVoicedFrames` voiced
 * frames (200 ms of voice) is `silent`: nothing worth transcribing.
 */
export const SILENCE = {
  frameMs: 20,
  frameRms: 200,
  minVoicedFrames: 10,
} as const;

/** Kinesis Video Streams data endpoints are per stream and stable: cache them this long. */
export const DATA_ENDPOINT_TTL_MS = 5 * 60_000;

/** Object key prefix of recordings in the bucket. */
export const RECORDING_KEY_PREFIX = 'recordings/';

/** Amazon Connect contact ids are UUIDs; nothing else may become part of an object key or file name. */
export const CONTACT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
