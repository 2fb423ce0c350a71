import { endianness } from 'node:os';
import { MediaSourceError, MediaStreamFormatError } from '../errors';
import { CONNECT_TRACKS, FRAGMENT_TAGS, PCM_BIT_DEPTH, PCM_LITTLE_ENDIAN_CODEC } from './constants';
import type { MatroskaHandler, MkvBlock, MkvTrack } from './matroska';

/** Why reading stopped. */
export type StopReason = 'end' | 'otherContact' | 'stopTimestamp' | 'maxDuration';

/** What {@link CallerAudioCollector} keeps. */
export interface CallerAudioOptions {
  /** Only fragments tagged with this `ContactId` are taken. */
  readonly contactId: string;
  /** Audio at or after this instant (epoch ms) is dropped, and reading stops there. */
  readonly stopTimestampMs?: number;
  /** Longest stretch taken from the contact's first block (any track). */
  readonly maxDurationMs: number;
  /**
   * Called with each piece of the caller's audio as soon as it is kept (a copy the callee may hold),
   * at the track's sample rate: how a live reader hands audio on while the stream is still written.
   */
  readonly onAudio?: (samples: Int16Array, sampleRate: number) => void;
  /** Whether the kept audio is also held for {@link CallerAudioCollector.result}. @default true */
  readonly keep?: boolean;
}

/** The caller's audio of one contact. */
export interface CallerAudio {
  /** 16-bit PCM samples, mono, in stream order. */
  readonly samples: Int16Array;
  /** Sample rate of the caller's track (8000 for Connect); `undefined` when no caller block was kept. */
  readonly sampleRate: number | undefined;
  /** Fragments of this contact that were read. */
  readonly contactFragments: number;
  readonly stoppedBy: StopReason;
}

/** A block held until its fragment's contact and time base are known. */
interface PendingBlock {
  readonly timecode: number;
  readonly timecodeScaleNs: number;
  /** The caller's samples; `undefined` for another track's block (its time still counts). */
  readonly samples: Int16Array | undefined;
  readonly sampleRate: number;
}

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** Copies little-endian 16-bit PCM bytes into samples. */
function decodePcm16(payload: Uint8Array): Int16Array {
  if (payload.length % 2 !== 0) throw new MediaStreamFormatError('A 16-bit PCM frame has an odd number of bytes');
  // A copy of exactly this frame (Buffer#slice would share, and expose, the whole parse buffer).
  if (LITTLE_ENDIAN_HOST) return new Int16Array(new Uint8Array(payload).buffer);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const samples = new Int16Array(payload.length / 2);
  for (let i = 0; i < samples.length; i += 1) samples[i] = view.getInt16(i * 2, true);
  return samples;
}

/** KVS timestamps tags are decimal seconds (`1700000000.123`); `undefined` when not a number. */
function secondsTagToMs(value: string): number | undefined {
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
}

/** True for the caller's track of a Connect stream. */
export function isCallerTrack(track: MkvTrack): boolean {
  return track.name === CONNECT_TRACKS.fromCustomer || track.name === CONNECT_TRACKS.legacyFromCustomer;
}

/**
 * Keeps the caller's audio of one contact from Connect's Kinesis Video stream, fragment by fragment:
 * - a fragment belongs to the contact its `ContactId` tag names; a fragment without one continues the
 *   previous fragment's contact (Connect does not repeat every tag), and audio before any `ContactId`
 *   is never taken (another caller's voice must not land in this patient's note);
 * - a fragment of another contact after this contact's fragments means the call is over: stop;
 * - only the `AUDIO_FROM_CUSTOMER` track is kept (16-bit mono little-endian PCM);
 * - a block's time is the fragment's producer timestamp plus its timecode offset within the fragment
 *   (through `TimecodeScale`); samples at or after `stopTimestampMs` or past `maxDurationMs` are cut
 *   sample-exactly and reading stops.
 * Tags may come before or after a fragment's clusters, so blocks wait in the fragment until its
 * contact and time base are known, or until the fragment ends.
 *
 * @example
 * const collector = new CallerAudioCollector({ contactId, stopTimestampMs, maxDurationMs: 300_000 });
 * const reader = new MatroskaStreamReader(collector);
 */
export class CallerAudioCollector implements MatroskaHandler {
  readonly #options: CallerAudioOptions;
  readonly #kept: Int16Array[] = [];
  #keptSamples = 0;
  #sampleRate: number | undefined;
  #contactFragments = 0;
  #stoppedBy: StopReason | undefined;
  /** Epoch ms of the contact's first block. */
  #firstMs: number | undefined;
  /** Contact of the previous fragment (its tag, or the one it continued). */
  #previousContact: string | undefined;
  // The current fragment.
  #contact: string | undefined;
  #producerMs: number | undefined;
  #firstTimecodeNs: number | undefined;
  #pending: PendingBlock[] = [];
  #counted = false;

  public constructor(options: CallerAudioOptions) {
    this.#options = options;
  }

  /** True once nothing more is needed from the stream. */
  public get done(): boolean {
    return this.#stoppedBy !== undefined;
  }

  /** The audio kept so far (none held when `keep` is false); `stoppedBy` is `end` when the stream ran out first. */
  public result(): CallerAudio {
    const samples = new Int16Array(this.#keptSamples);
    let offset = 0;
    for (const chunk of this.#kept) {
      samples.set(chunk, offset);
      offset += chunk.length;
    }
    return { samples, sampleRate: this.#sampleRate, contactFragments: this.#contactFragments, stoppedBy: this.#stoppedBy ?? 'end' };
  }

  public fragmentStart(): void {
    this.#contact = undefined;
    this.#producerMs = undefined;
    this.#firstTimecodeNs = undefined;
    this.#pending = [];
    this.#counted = false;
  }

  public tag(name: string, value: string): void {
    if (this.done) return;
    if (name === FRAGMENT_TAGS.errorId || name === FRAGMENT_TAGS.errorCode) {
      // GetMedia reports its errors in-band, as tags, and ends the stream.
      throw new MediaSourceError(`GetMedia stopped with ${name} ${/^\d{1,6}$/.test(value) ? value : '(not numeric)'}`);
    }
    if (name === FRAGMENT_TAGS.contactId) {
      this.#contact = value;
      this.#flushWhenKnown();
    } else if (name === FRAGMENT_TAGS.producerTimestamp) {
      this.#producerMs = secondsTagToMs(value);
      this.#flushWhenKnown();
    }
  }

  public block(block: MkvBlock): void {
    if (this.done) return;
    const caller = isCallerTrack(block.track);
    if (caller) this.#checkCallerFormat(block.track);
    const pending: PendingBlock = {
      timecode: block.timecode,
      timecodeScaleNs: block.timecodeScaleNs,
      samples: caller ? decodePcm16(block.payload) : undefined,
      sampleRate: block.track.samplingFrequency,
    };
    this.#firstTimecodeNs ??= block.timecode * block.timecodeScaleNs;
    if (this.#known()) this.#take(pending);
    else this.#pending.push(pending);
  }

  public fragmentEnd(): void {
    if (this.done) return;
    // No tag in this fragment: it continues the previous fragment's contact.
    this.#contact ??= this.#previousContact;
    this.#flush();
    this.#previousContact = this.#contact;
  }

  /** The fragment's contact is known, and so is its time base unless the fragment is not ours. */
  #known(): boolean {
    return this.#contact !== undefined && (this.#producerMs !== undefined || this.#contact !== this.#options.contactId);
  }

  #flushWhenKnown(): void {
    if (this.#known()) this.#flush();
  }

  #flush(): void {
    const pending = this.#pending;
    this.#pending = [];
    if (this.#contact !== this.#options.contactId) {
      // Another contact's fragment (or one of no known contact): after ours, the call is over.
      if (this.#contactFragments > 0 && this.#contact !== undefined) this.#stoppedBy = 'otherContact';
      return;
    }
    if (!this.#counted) {
      this.#counted = true;
      this.#contactFragments += 1;
    }
    for (const block of pending) {
      if (this.done) return;
      this.#take(block);
    }
  }

  /** Keeps (part of) a block of this contact, cut at the stop timestamp and at the duration bound. */
  #take(block: PendingBlock): void {
    if (this.#contact !== this.#options.contactId) return;
    if (!this.#counted) {
      this.#counted = true;
      this.#contactFragments += 1;
    }
    const offsetMs = (block.timecode * block.timecodeScaleNs - (this.#firstTimecodeNs ?? 0)) / 1e6;
    // Without a producer timestamp, KVS cluster timecodes are absolute (the producer's clock).
    const startMs = (this.#producerMs ?? (this.#firstTimecodeNs ?? 0) / 1e6) + offsetMs;
    this.#firstMs ??= startMs;
    const limitMs = this.#firstMs + this.#options.maxDurationMs;
    const stopMs = this.#options.stopTimestampMs;
    if (stopMs !== undefined && startMs >= stopMs) {
      this.#stoppedBy = 'stopTimestamp';
      return;
    }
    if (startMs >= limitMs) {
      this.#stoppedBy = 'maxDuration';
      return;
    }
    const samples = block.samples;
    if (!samples) return;
    if (this.#sampleRate === undefined) this.#sampleRate = block.sampleRate;
    else if (this.#sampleRate !== block.sampleRate) throw new MediaStreamFormatError('The caller track changes sample rate mid-contact');
    const endMs = Math.min(limitMs, stopMs ?? Number.POSITIVE_INFINITY);
    const fit = Math.floor(((endMs - startMs) * block.sampleRate) / 1000);
    const kept = fit < samples.length ? samples.subarray(0, Math.max(0, fit)) : samples;
    if (this.#options.keep !== false) {
      this.#kept.push(kept);
      this.#keptSamples += kept.length;
    }
    this.#options.onAudio?.(kept, block.sampleRate);
    if (kept.length < samples.length) this.#stoppedBy = stopMs !== undefined && stopMs <= limitMs ? 'stopTimestamp' : 'maxDuration';
  }

  #checkCallerFormat(track: MkvTrack): void {
    if (track.codecId !== PCM_LITTLE_ENDIAN_CODEC) throw new MediaStreamFormatError(`Caller track codec ${String(track.codecId)} is not ${PCM_LITTLE_ENDIAN_CODEC}`);
    if (track.bitDepth !== undefined && track.bitDepth !== PCM_BIT_DEPTH) throw new MediaStreamFormatError(`Caller track is ${track.bitDepth}-bit, not ${PCM_BIT_DEPTH}-bit`);
    if (track.channels !== 1) throw new MediaStreamFormatError(`Caller track has ${track.channels} channels, not 1`);
    if (track.samplingFrequency !== 8000 && track.samplingFrequency !== 16_000) {
      throw new MediaStreamFormatError(`Caller track sample rate ${track.samplingFrequency} Hz is not supported`);
    }
  }
}
