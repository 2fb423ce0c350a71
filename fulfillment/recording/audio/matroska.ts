import { Block, BlockLacing, EbmlDataTag, EbmlElementType, EbmlStreamDecoder, EbmlTagFactory, EbmlTagId, EbmlTagPosition, Tools, type EbmlTag } from 'ebml-stream';
import { MediaStreamError, MediaStreamFormatError } from '../errors';
import { MATROSKA_DEFAULTS } from './constants';

/** A track of the current fragment, as its `TrackEntry` declares it (Matroska defaults filled in). */
export interface MkvTrack {
  readonly number: number;
  readonly name: string | undefined;
  readonly codecId: string | undefined;
  readonly samplingFrequency: number;
  readonly channels: number;
  readonly bitDepth: number | undefined;
}

/** A frame of one track: `timecode` is the cluster's timecode plus the block's relative one, in ticks. */
export interface MkvBlock {
  readonly track: MkvTrack;
  /** Absolute timecode in ticks of `timecodeScaleNs`. */
  readonly timecode: number;
  /** Nanoseconds per tick in this fragment (`Info/TimecodeScale`). */
  readonly timecodeScaleNs: number;
  /** The frame's bytes: a view into the parser's buffer, valid during the callback only (copy to keep). */
  readonly payload: Uint8Array;
}

/** What the reader reports, in stream order. */
export interface MatroskaHandler {
  /** A new fragment (EBML document) begins; the previous one, if any, is complete. */
  fragmentStart(): void;
  /** A `SimpleTag` of the current fragment (`TagName` → `TagString`). */
  tag(name: string, value: string): void;
  /** A `SimpleBlock` (or `BlockGroup/Block`) of the current fragment. */
  block(block: MkvBlock): void;
  /** The current fragment is complete (the next one began, or the stream ended between elements). */
  fragmentEnd(): void;
}

/** Options of {@link MatroskaStreamReader}. */
export interface MatroskaStreamReaderOptions {
  /**
   * Largest data element accepted (a block, a tag value). Connect's frames are a few hundred bytes; a
   * header claiming more is corruption, reported before the parser waits for that many bytes.
   * @default 1 MiB
   */
  readonly maxElementBytes?: number;
}

/** EBML `DocType`s of Matroska. */
const DOC_TYPES = new Set(['matroska', 'webm']);

/**
 * `ebml-stream`'s decoder driven synchronously: every parsed element goes straight to `sink` instead of
 * through the Readable side of the Transform. The reader then sees elements in order, at the call
 * that supplied their bytes, and a decoding exception surfaces at that call, not on a stream event.
 */
class SynchronousDecoder extends EbmlStreamDecoder {
  readonly #sink: (tag: EbmlTag) => void;

  public constructor(sink: (tag: EbmlTag) => void) {
    super();
    this.#sink = sink;
  }

  public override push(chunk: unknown): boolean {
    if (chunk !== null && chunk !== undefined) this.#sink(chunk as EbmlTag);
    return true;
  }

  /** Parses as much of `bytes` (with what was left over) as forms whole elements. */
  public feed(bytes: Uint8Array): void {
    let failure: Error | null | undefined;
    this._transform(bytes, 'buffer', (error?: Error | null) => {
      failure = error;
    });
    if (failure) throw failure;
  }
}

/** Mutable state of the `TrackEntry` being read. */
interface TrackDraft {
  number?: number;
  name?: string;
  codecId?: string;
  samplingFrequency: number;
  channels: number;
  bitDepth?: number;
}

/** Number value of an unsigned element: `ebml-stream` returns a hex string past 2^48. */
function unsignedValue(data: unknown): number {
  if (typeof data === 'number') return data;
  if (typeof data === 'string') return Number.parseInt(data, 16);
  throw new MediaStreamFormatError('An unsigned integer element has no value');
}

/**
 * Streaming Matroska reader for the media Kinesis Video Streams returns from `GetMedia`: a sequence
 * of EBML documents, one per fragment, each an EBML header then a Segment (often of unknown size,
 * as are its Clusters) holding Info, Tracks, Tags and Clusters of SimpleBlocks. Bytes are parsed as
 * they arrive ({@link write}); only an incomplete element is held back. {@link end} reports a stream
 * cut inside an element, or inside a master element of known size, as truncated.
 *
 * @example
 * const reader = new MatroskaStreamReader(handler);
 * for await (const chunk of media) reader.write(chunk);
 * reader.end();
 */
export class MatroskaStreamReader {
  readonly #handler: MatroskaHandler;
  readonly #decoder: SynchronousDecoder;
  readonly #maxElementBytes: number;
  #started = false;
  #inFragment = false;
  #segmentSeen = false;
  #timecodeScaleNs: number = MATROSKA_DEFAULTS.timecodeScaleNs;
  #tracks = new Map<number, MkvTrack>();
  #track: TrackDraft | undefined;
  #clusterTimecode: number | undefined;
  #tagName: string | undefined;
  /** Master elements of known size opened and not yet closed. */
  #openKnownMasters = 0;
  #ended = false;

  public constructor(handler: MatroskaHandler, options: MatroskaStreamReaderOptions = {}) {
    this.#handler = handler;
    this.#maxElementBytes = options.maxElementBytes ?? 1024 * 1024;
    this.#decoder = new SynchronousDecoder((tag) => this.#element(tag));
  }

  /**
   * Parses the next bytes of the stream.
   * @throws MediaStreamFormatError when the bytes are not Matroska (corrupt or another format).
   */
  public write(bytes: Uint8Array): void {
    if (this.#ended) throw new MediaStreamFormatError('Bytes written after the end of the stream');
    try {
      this.#decoder.feed(bytes);
      this.#checkPendingElement();
    } catch (error) {
      // The handler's own errors (e.g. an error GetMedia reported in-band) pass through unchanged.
      if (error instanceof MediaStreamError) throw error;
      throw new MediaStreamFormatError('The media is not valid EBML (corrupt bytes)', { cause: error });
    }
  }

  /**
   * The stream ended: completes the last fragment.
   * @throws MediaStreamFormatError when it ended inside an element (truncated).
   */
  public end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const pending = this.#decoder.buffer.length;
    if (pending > 0) throw new MediaStreamFormatError(`The media ends inside an element (${pending} bytes of it received): truncated`);
    if (this.#openKnownMasters > 0) throw new MediaStreamFormatError('The media ends inside a master element of known size: truncated');
    if (this.#inFragment) {
      this.#inFragment = false;
      this.#handler.fragmentEnd();
    }
  }

  /** True when the bytes written so far end exactly between elements. */
  public get atElementBoundary(): boolean {
    return this.#decoder.buffer.length === 0;
  }

  /** Rejects a header announcing an absurd data element before the decoder waits for its bytes. */
  #checkPendingElement(): void {
    const pending = this.#decoder.buffer;
    if (pending.length < 2) return;
    const id = Tools.readVint(pending, 0);
    if (!id) return;
    const size = Tools.readVint(pending, id.length);
    if (!size) return;
    const tagId = Number.parseInt(Tools.readHexString(pending, 0, id.length), 16);
    if (EbmlTagFactory.create(tagId).type === EbmlElementType.Master) return;
    if (size.value < 0 || size.value > this.#maxElementBytes) {
      throw new MediaStreamFormatError(`A data element announces ${size.value} bytes (at most ${this.#maxElementBytes}): corrupt`);
    }
  }

  #element(tag: EbmlTag): void {
    if (!this.#started) {
      if (tag.id !== EbmlTagId.EBML || tag.position !== EbmlTagPosition.Start) {
        throw new MediaStreamFormatError('The media does not begin with an EBML header');
      }
      this.#started = true;
    }
    if (tag.type === EbmlElementType.Master) {
      if (tag.position === EbmlTagPosition.Start) this.#masterStart(tag);
      else if (tag.position === EbmlTagPosition.End && tag.size >= 0) this.#openKnownMasters -= 1;
      return;
    }
    this.#data(tag);
  }

  #masterStart(tag: EbmlTag): void {
    if (tag.size >= 0) this.#openKnownMasters += 1;
    switch (tag.id) {
      case EbmlTagId.EBML:
        this.#beginFragment();
        return;
      case EbmlTagId.Segment:
        // A Segment without its own EBML header still starts a new fragment.
        if (this.#segmentSeen) this.#beginFragment();
        this.#segmentSeen = true;
        return;
      case EbmlTagId.Tracks:
        this.#tracks = new Map();
        return;
      case EbmlTagId.TrackEntry:
        this.#track = { samplingFrequency: MATROSKA_DEFAULTS.samplingFrequency, channels: MATROSKA_DEFAULTS.channels };
        return;
      case EbmlTagId.Cluster:
        this.#clusterTimecode = undefined;
        return;
      case EbmlTagId.SimpleTag:
        this.#tagName = undefined;
        return;
      default:
        return;
    }
  }

  #beginFragment(): void {
    if (this.#inFragment) this.#handler.fragmentEnd();
    this.#inFragment = true;
    this.#segmentSeen = false;
    this.#timecodeScaleNs = MATROSKA_DEFAULTS.timecodeScaleNs;
    this.#tracks = new Map();
    this.#track = undefined;
    this.#clusterTimecode = undefined;
    this.#tagName = undefined;
    this.#handler.fragmentStart();
  }

  #data(tag: EbmlTag): void {
    const raw = (tag as EbmlDataTag).data as unknown;
    // EBML strings may be padded with zero bytes.
    const data = typeof raw === 'string' ? raw.replace(/\0+$/, '') : raw;
    switch (tag.id) {
      case EbmlTagId.DocType:
        if (typeof data !== 'string' || !DOC_TYPES.has(data)) throw new MediaStreamFormatError('The EBML document is not Matroska');
        return;
      case EbmlTagId.TimecodeScale: {
        const scale = unsignedValue(data);
        if (!(scale > 0)) throw new MediaStreamFormatError('TimecodeScale must be positive');
        this.#timecodeScaleNs = scale;
        return;
      }
      case EbmlTagId.TrackNumber:
        if (this.#track) {
          this.#track.number = unsignedValue(data);
          this.#tracks.set(this.#track.number, this.#track as MkvTrack);
        }
        return;
      case EbmlTagId.Name:
        if (this.#track && typeof data === 'string') this.#track.name = data;
        return;
      case EbmlTagId.CodecID:
        if (this.#track && typeof data === 'string') this.#track.codecId = data;
        return;
      case EbmlTagId.SamplingFrequency:
        if (this.#track && typeof data === 'number') this.#track.samplingFrequency = data;
        return;
      case EbmlTagId.Channels:
        if (this.#track) this.#track.channels = unsignedValue(data);
        return;
      case EbmlTagId.BitDepth:
        if (this.#track) this.#track.bitDepth = unsignedValue(data);
        return;
      case EbmlTagId.Timecode:
        this.#clusterTimecode = unsignedValue(data);
        return;
      case EbmlTagId.TagName:
        this.#tagName = typeof data === 'string' ? data : undefined;
        return;
      case EbmlTagId.TagString:
        if (this.#tagName !== undefined && typeof data === 'string') this.#handler.tag(this.#tagName, data);
        this.#tagName = undefined;
        return;
      case EbmlTagId.SimpleBlock:
      case EbmlTagId.Block:
        this.#block(tag as Block);
        return;
      default:
        return;
    }
  }

  #block(block: Block): void {
    if (!this.#inFragment) throw new MediaStreamFormatError('A block outside any fragment');
    if (this.#clusterTimecode === undefined) throw new MediaStreamFormatError('A block before its cluster timecode');
    const track = this.#tracks.get(block.track);
    if (!track) throw new MediaStreamFormatError(`A block of undeclared track ${block.track}`);
    // Connect writes one frame per block; laced blocks would need their frame sizes decoded.
    if (block.lacing !== BlockLacing.None) throw new MediaStreamFormatError('Laced blocks are not supported');
    this.#handler.block({
      track,
      timecode: this.#clusterTimecode + block.value,
      timecodeScaleNs: this.#timecodeScaleNs,
      payload: block.payload,
    });
  }
}
