/**
 * The facts and bounds of live transcription, as data: one edit changes them for the transcriber,
 * its tests, the benchmark and the CDK construct.
 */

/**
 * What the live transcriber asks of Amazon Transcribe Medical streaming
 * (`StartMedicalStreamTranscription`, https://docs.aws.amazon.com/transcribe/latest/APIReference/API_streaming_StartMedicalStreamTranscription.html):
 * US English is the only language Transcribe Medical takes, primary care and dictation (one speaker,
 * the caller) as the batch pipeline asks, 16-bit little-endian PCM at 16 kHz (Transcribe Medical takes
 * 16 to 48 kHz, so Connect's 8 kHz is raised by the existing half-band resampler).
 */
export const MEDICAL_STREAM = {
  languageCode: 'en-US',
  specialty: 'PRIMARYCARE',
  type: 'DICTATION',
  mediaEncoding: 'pcm',
  sampleRateHz: 16_000,
} as const;

/**
 * Audio per `AudioEvent`: 100 ms, 1,600 samples, 3,200 bytes at 16 kHz mono. The API reference caps
 * an `AudioChunk` at one second of audio ("AudioEvent", Amazon Transcribe,
 * https://docs.aws.amazon.com/transcribe/latest/APIReference/API_streaming_AudioEvent.html) and points
 * to the streaming best practices for the recommended size; 100 ms sits in the 50–200 ms range the
 * brief names (that page's own words could not be read here: see the README).
 */
export const AUDIO_CHUNK_MS = 100;

/** Bounds of one live transcription, so a runaway stream or service cannot hold the function. */
export interface LiveLimits {
  /**
   * Longest stretch of the caller's audio sent, from the contact's first audio: the flow listens up to
   * 2 minutes after its recording prompt (about 25 s), which streaming already covers.
   * @default 150_000
   */
  readonly maxAudioMs: number;
  /** Most final segments stored; more fails the transcript (`TooManySegments`). @default 400 */
  readonly maxSegments: number;
  /**
   * Overall deadline from the claim, below the function's timeout (4 minutes in infra/lib/LiveTranscriber.ts)
   * so the end is always recorded. @default 210_000
   */
  readonly deadlineMs: number;
  /**
   * A live stream that sends nothing for this long has ended. The maintainers of AWS's real-time
   * transcription sample for Connect say the stream "is closed" when the flow's stop-streaming block
   * runs, and that stopping is asynchronous and takes a moment
   * (amazon-connect/amazon-connect-realtime-transcription, issues #18 and #21); readers of KVS report
   * the last read of an ending stream taking 3 s or more (aws/amazon-kinesis-video-streams-parser-library
   * issue #121). The transcriber relies on neither: a stream that stays open without data for this
   * long is over (`GetMedia` may also wait for the next call on the reused stream).
   * @default 3_000
   */
  readonly idleTimeoutMs: number;
  /** Most bytes read from Kinesis Video Streams (both tracks, Matroska framing). @default 16 MiB */
  readonly maxBytes: number;
}

/** The bounds applied when the caller passes none. */
export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  maxAudioMs: 150_000,
  maxSegments: 400,
  deadlineMs: 210_000,
  idleTimeoutMs: 3_000,
  maxBytes: 16 * 1024 * 1024,
};

/**
 * Codes stored as a failed end's `reason` besides the service's exception names: never text.
 */
export const LIVE_FAILURES = {
  deadline: 'Deadline',
  tooManySegments: 'TooManySegments',
  noCallerAudio: 'NoCallerAudio',
} as const;
