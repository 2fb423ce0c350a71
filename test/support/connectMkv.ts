/**
 * A small, independent writer of the Matroska that Kinesis Video Streams returns for an Amazon Connect
 * stream: one EBML document per fragment, its Segment and Cluster of UNKNOWN size (as KVS streams
 * them), Connect's tags and the GetMedia tags BEFORE the cluster, two 8 kHz 16-bit PCM tracks. It
 * writes bytes by hand (it shares no code with the parser) so tests and the bench can build layouts
 * mkvmerge cannot, and a two-minute stream without committing a large file.
 */

const UNKNOWN_SIZE = Uint8Array.of(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);

/** An 8-byte EBML size vint. */
function size8(length: number): Uint8Array {
  const bytes = new Uint8Array(8);
  let value = length;
  for (let i = 7; i >= 1; i -= 1) {
    bytes[i] = value % 256;
    value = Math.floor(value / 256);
  }
  bytes[0] = 0x01;
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function element(id: readonly number[], ...children: Uint8Array[]): Uint8Array {
  const body = concat(children);
  return concat([Uint8Array.from(id), size8(body.length), body]);
}

function unknownSize(id: readonly number[], ...children: Uint8Array[]): Uint8Array {
  return concat([Uint8Array.from(id), UNKNOWN_SIZE, ...children]);
}

function uint(id: readonly number[], value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  do {
    bytes.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  } while (rest > 0);
  return element(id, Uint8Array.from(bytes));
}

function text(id: readonly number[], value: string): Uint8Array {
  return element(id, new TextEncoder().encode(value));
}

function float64(id: readonly number[], value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value);
  return element(id, bytes);
}

const ID = {
  ebml: [0x1a, 0x45, 0xdf, 0xa3],
  docType: [0x42, 0x82],
  segment: [0x18, 0x53, 0x80, 0x67],
  info: [0x15, 0x49, 0xa9, 0x66],
  timecodeScale: [0x2a, 0xd7, 0xb1],
  tracks: [0x16, 0x54, 0xae, 0x6b],
  trackEntry: [0xae],
  trackNumber: [0xd7],
  trackType: [0x83],
  name: [0x53, 0x6e],
  codecId: [0x86],
  audio: [0xe1],
  samplingFrequency: [0xb5],
  channels: [0x9f],
  bitDepth: [0x62, 0x64],
  tags: [0x12, 0x54, 0xc3, 0x67],
  tag: [0x73, 0x73],
  simpleTag: [0x67, 0xc8],
  tagName: [0x45, 0xa3],
  tagString: [0x44, 0x87],
  cluster: [0x1f, 0x43, 0xb6, 0x75],
  timecode: [0xe7],
  simpleBlock: [0xa3],
} as const;

function tags(pairs: Record<string, string>): Uint8Array {
  return element(
    ID.tags,
    element(ID.tag, ...Object.entries(pairs).map(([name, value]) => element(ID.simpleTag, text(ID.tagName, name), text(ID.tagString, value)))),
  );
}

function trackEntry(number: number, name: string): Uint8Array {
  const id = (key: keyof typeof ID) => ID[key];
  return element(
    id('trackEntry'),
    uint(id('trackNumber'), number),
    uint(id('trackType'), 2),
    text(id('name'), name),
    text(id('codecId'), 'A_PCM/INT/LIT'),
    element(id('audio'), float64(id('samplingFrequency'), 8000), uint(id('channels'), 1), uint(id('bitDepth'), 16)),
  );
}

function pcmBytes(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, i) => view.setInt16(i * 2, sample, true));
  return bytes;
}

/** One fragment of a Connect stream. */
export interface ConnectFragment {
  readonly contactId: string;
  /** Producer timestamp of the fragment's first frame (epoch ms); the cluster timecode is the same instant. */
  readonly producerMs: number;
  /** Caller's samples (track 2, `AUDIO_FROM_CUSTOMER`), 8 kHz. */
  readonly caller: Int16Array;
  /** Agent/prompt samples (track 1, `AUDIO_TO_CUSTOMER`), same length as `caller`. */
  readonly agent: Int16Array;
  /** Samples per block. @default 160 (20 ms) */
  readonly blockSamples?: number;
  /** Fragment number tag. @default derived from producerMs */
  readonly fragmentNumber?: string;
}

/** The bytes GetMedia would return for `fragment`: an EBML document with an unknown-size Segment. */
export function connectFragment(fragment: ConnectFragment): Uint8Array {
  const id = (key: keyof typeof ID) => ID[key];
  const blockSamples = fragment.blockSamples ?? 160;
  const blocks: Uint8Array[] = [];
  for (let start = 0; start < fragment.caller.length; start += blockSamples) {
    const relative = Math.round((start * 1000) / 8000);
    for (const [track, samples] of [[1, fragment.agent], [2, fragment.caller]] as const) {
      const header = Uint8Array.of(0x80 | track, (relative >> 8) & 0xff, relative & 0xff, 0x80);
      blocks.push(element(id('simpleBlock'), header, pcmBytes(samples.subarray(start, start + blockSamples))));
    }
  }
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  return concat([
    element(id('ebml'), text(id('docType'), 'matroska')),
    unknownSize(
      id('segment'),
      element(id('info'), uint(id('timecodeScale'), 1_000_000)),
      element(id('tracks'), trackEntry(1, 'AUDIO_TO_CUSTOMER'), trackEntry(2, 'AUDIO_FROM_CUSTOMER')),
      tags({ ContactId: fragment.contactId, InstanceId: '11111111-2222-4333-8444-555555555555', MimeType: 'audio/L16;rate=8000;channels=1;', AUDIO_TO_CUSTOMER: '1', AUDIO_FROM_CUSTOMER: '2' }),
      tags({
        AWS_KINESISVIDEO_FRAGMENT_NUMBER: fragment.fragmentNumber ?? `9134385233318143${fragment.producerMs}`,
        AWS_KINESISVIDEO_SERVER_TIMESTAMP: seconds(fragment.producerMs + 95),
        AWS_KINESISVIDEO_PRODUCER_TIMESTAMP: seconds(fragment.producerMs),
      }),
      unknownSize(id('cluster'), uint(id('timecode'), fragment.producerMs), ...blocks),
    ),
  ]);
}

/** A 440 Hz tone at half scale: the agent side of generated streams. */
export function tone(length: number, frequency = 440, rate = 8000): Int16Array {
  return Int16Array.from({ length }, (_, i) => Math.round(16_000 * Math.sin((2 * Math.PI * frequency * i) / rate)));
}

/**
 * A Connect stream of `durationMs` for one contact in 2-second fragments, the caller's track cut from
 * `speech` (looped), the agent's a tone.
 */
export function connectStream(contactId: string, speech: Int16Array, durationMs: number, startMs = 1_700_000_000_000): Uint8Array {
  const fragmentSamples = 16_000;
  const total = Math.round((durationMs * 8000) / 1000);
  const fragments: Uint8Array[] = [];
  for (let offset = 0; offset < total; offset += fragmentSamples) {
    const length = Math.min(fragmentSamples, total - offset);
    const caller = Int16Array.from({ length }, (_, i) => speech[(offset + i) % speech.length] as number);
    fragments.push(connectFragment({ contactId, producerMs: startMs + (offset * 1000) / 8000, caller, agent: tone(length) }));
  }
  return concat(fragments);
}
