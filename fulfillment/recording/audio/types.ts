/**
 * The contract between the capture stage (contact flow → capture Lambda → queue) and the audio
 * stage (Kinesis Video Streams → caller's track → 16 kHz WAV in S3). Both sides code against these
 * types; `storeRecording` (./storeRecording.ts) implements the work behind them.
 */

/** Where a recording of one call lives in Kinesis Video Streams, as Connect reports it to the flow. */
export interface RecordingRequest {
  /** Amazon Connect contact id: the stream is shared across calls, fragments are tagged with it. */
  readonly contactId: string;
  /** `Details.ContactData.MediaStreams.Customer.Audio.StreamARN`. */
  readonly streamArn: string;
  /** `...Customer.Audio.StartFragmentNumber`: where this call's audio begins. */
  readonly startFragmentNumber: string;
  /** `...Customer.Audio.StartTimestamp`, epoch milliseconds, when Connect gave one. */
  readonly startTimestampMs?: number;
  /**
   * `...Customer.Audio.StopTimestamp`, epoch milliseconds: audio after it is dropped. Absent when the
   * caller hung up before the flow stopped streaming: the audio then runs to the contact's end.
   */
  readonly stopTimestampMs?: number;
}

/** Where a read of the caller's audio starts: what Connect reported when streaming began. */
export interface MediaStart {
  readonly streamArn: string;
  /** `...Customer.Audio.StartFragmentNumber`: the fragment in which the caller's audio starts. */
  readonly startFragmentNumber: string;
  /** `...Customer.Audio.StartTimestamp`, epoch milliseconds; preferred to the fragment number when given. */
  readonly startTimestampMs?: number;
}

/** Port: the media of a Kinesis video stream from the call's start on (real adapter: `GetDataEndpoint` + `GetMedia`). */
export interface MediaSource {
  /** The stream's Matroska bytes from the chunk holding the start of the caller's audio on, as they arrive. */
  read(start: MediaStart): Promise<AsyncIterable<Uint8Array>>;
}

/** Where a stored recording is. */
export interface StoredRecording {
  /** Object key (S3) or file name (local), `recordings/<contactId>.wav`. */
  readonly key: string;
  /** `s3://bucket/key` or a `file://` URI: what Transcribe Medical (or the local pipeline) is given. */
  readonly uri: string;
  /** Samples in the WAV, when the store knows them (S3 object metadata, the local file's header). */
  readonly sampleCount?: number;
}

/** Port: where recordings are kept (real adapter: S3 with the customer-managed key; local: a folder). */
export interface RecordingStore {
  /** Writes the WAV under a key derived from the contact id; writing it again replaces the same object. */
  put(contactId: string, wav: Uint8Array): Promise<StoredRecording>;
  /** The recording of `contactId` when already written (a retry skips the extraction), else `undefined`. */
  find(contactId: string): Promise<StoredRecording | undefined>;
}

/** Outcome of capturing one recording. No PHI: safe to log and to store as a step status. */
export type RecordingResult =
  | {
      readonly status: 'recorded';
      /** S3 URI (or local file URI) of the 16 kHz WAV, what Transcribe Medical is given. */
      readonly uri: string;
      readonly key: string;
      /** Length of the caller's audio. */
      readonly durationMs: number;
      /** Samples in the WAV (at 16 kHz). */
      readonly sampleCount: number;
      /** True when the WAV was already stored by an earlier run. */
      readonly reused: boolean;
      /** True when the stream went past `AudioLimits.maxDurationMs` and the rest was left out. */
      readonly truncated?: boolean;
    }
  | {
      /** No audio of this contact on the caller's track, or only near-silence: nothing to transcribe. */
      readonly status: 'empty' | 'silent';
      readonly durationMs: number;
    };

/** A byte range of a recording, as an HTTP `Range: bytes=start-end` asks it (`end` inclusive; absent: to the end). */
export interface RecordingRange {
  readonly start: number;
  readonly end?: number;
}

/** A stored recording, or the part of it asked for. */
export interface RecordingPart {
  readonly contentType: 'audio/wav';
  /** Size of the whole recording. */
  readonly totalBytes: number;
  /** The bytes in `body`: `[start, end]`, inclusive. */
  readonly start: number;
  readonly end: number;
  readonly body: AsyncIterable<Uint8Array> | Uint8Array;
}

/**
 * Port: reads a contact's recording, whole or a byte range, for the care team to hear (real adapter:
 * S3 `GetObject` with `Range`; local: the folder). The key is derived from the contact id only.
 */
export interface RecordingReader {
  /**
   * The recording of `contactId`, or `undefined` when none is stored. A range past the end is cut to
   * the end. @throws UnsatisfiableRangeError when the range starts at or past the end.
   */
  read(contactId: string, range?: RecordingRange): Promise<RecordingPart | undefined>;
}
