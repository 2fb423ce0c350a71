/**
 * The live transcript of a message while the caller is still speaking: what the live transcriber
 * writes as Transcribe Medical streaming finalizes segments, and what the stop call reads at `#` to
 * decide the triage. The store is keyed by the contact id (one message per call) and holds
 * transcript text, so every adapter keeps it encrypted and no adapter logs it.
 */

/** One final (not partial) segment of the caller's words, in the order the transcriber received it. */
export interface LiveSegment {
  /** 0, 1, 2 … in arrival order; a repeated write of the same index is ignored. */
  readonly index: number;
  /** The segment's text as transcribed. */
  readonly text: string;
  /** Offsets in the caller's audio, milliseconds from the start of the message. */
  readonly startMs: number;
  readonly endMs: number;
}

/** How the live transcription of a contact ended, once it has. */
export type LiveEnd =
  /** The audio stream ended and the transcriber flushed its last segment. */
  | { readonly outcome: 'complete'; readonly at: string }
  /** The transcriber gave up (stream unreadable, Transcribe error or throttle, time limit); `reason` is a code, never text. */
  | { readonly outcome: 'failed'; readonly at: string; readonly reason: string };

/** What the store holds for a contact. */
export interface LiveTranscript {
  readonly contactId: string;
  /** ISO 8601 instant the transcriber claimed the contact. */
  readonly startedAt: string;
  /** Final segments so far, sorted by index. */
  readonly segments: readonly LiveSegment[];
  /** Set once, when the transcriber stops; absent while it runs. */
  readonly end?: LiveEnd;
}

/**
 * Port: the live transcripts, one per contact. Writes are conditional so a late or repeated
 * asynchronous start, or a retried segment write, converges.
 */
export interface LiveTranscriptStore {
  /** Claims the contact for one transcriber; false when another start already claimed it (idempotent start). */
  claim(contactId: string, startedAt: string): Promise<boolean>;
  /** Adds a final segment; a segment whose index is already stored is ignored. */
  append(contactId: string, segment: LiveSegment): Promise<void>;
  /** Records the end; the first end recorded stays. */
  finish(contactId: string, end: LiveEnd): Promise<void>;
  /** The contact's live transcript, or `undefined` when no transcriber claimed it. */
  read(contactId: string): Promise<LiveTranscript | undefined>;
}
