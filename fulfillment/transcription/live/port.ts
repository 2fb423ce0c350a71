/**
 * The live transcript of a message while the caller is still speaking: what the live transcriber
 * writes as Transcribe Medical streaming finalizes segments, and what the stop call reads at `#` to
 * decide the triage. The store is keyed by the contact id (one message per call) and holds
 * transcript text, so every adapter keeps it encrypted and no adapter logs it.
 */

import type { MessageLanguage } from '../../../contract';

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

/** What the recording-control function passes when a message starts: where the caller's audio is. */
export interface LiveTranscriptionRequest {
  readonly contactId: string;
  /** The Kinesis Video stream of the call (`MediaStreams.Customer.Audio.StreamARN`). */
  readonly streamArn: string;
  /** Connect's `StartFragmentNumber` of this contact's audio, when given. */
  readonly startFragmentNumber?: string;
  /** Connect's `StartTimestamp` of this contact's audio (epoch milliseconds as a string, as Connect sends it), when given. */
  readonly startTimestamp?: string;
  /** The caller's language when not `en-US` (issue 18): `es-US` streams to standard Transcribe. */
  readonly language?: MessageLanguage;
}

/**
 * How a start request went: `started` (the transcriber was asked to run; it claims the contact itself, so a
 * duplicate start is harmless), `throttled` (no capacity: the decision at `#` is `unknown`), `failed`.
 */
export type LiveStartOutcome = 'started' | 'throttled' | 'failed';

/**
 * Port: starts the live transcriber of a message without waiting for it (in AWS an asynchronous
 * invocation of the live-transcriber function; locally a stand-in that streams the typed words).
 */
export interface LiveTranscriberStarter {
  start(request: LiveTranscriptionRequest): Promise<LiveStartOutcome>;
}
