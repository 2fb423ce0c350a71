import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetDataEndpointCommand, KinesisVideoClient, ResourceNotFoundException } from '@aws-sdk/client-kinesis-video';
import { GetMediaCommand, KinesisVideoMediaClient, type GetMediaCommandInput } from '@aws-sdk/client-kinesis-video-media';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { FileRecordingStore, KinesisVideoMediaSource, MediaSourceError, storeRecording, toWav16k } from '../../../fulfillment/recording';
import { FakeClock } from '../../support/fakeClock';
import { callerSource, CONTACT_A, CONTACT_B, fixture, FRAGMENT_1_PRODUCER_MS, START_FRAGMENT, STREAM_ARN, temporaryFolder } from '../../support/audioFixtures';
import { connectFragment, tone } from '../../support/connectMkv';

const DATA_ENDPOINT = 'https://b-1234abcd.kinesisvideo.us-east-1.amazonaws.com';
const control = new KinesisVideoClient({ region: 'us-east-1' });
const media = new KinesisVideoMediaClient({ region: 'us-east-1' });
const kvs = mockClient(control);
const kvsMedia = mockClient(media);

/** GetMedia's response as the SDK gives it in Node: the payload streams as a Readable of Buffers. */
function getMediaOutput(bytes: Uint8Array) {
  return { ContentType: 'video/webm', Payload: Readable.from([Buffer.from(bytes.subarray(0, 1000)), Buffer.from(bytes.subarray(1000))]) as never };
}

function source(clock = new FakeClock()) {
  const endpoints: string[] = [];
  const adapter = new KinesisVideoMediaSource({
    client: control,
    clock,
    mediaClientFor: (endpoint) => {
      endpoints.push(endpoint);
      return media;
    },
  });
  return { adapter, endpoints, clock };
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

afterEach(() => {
  kvs.reset();
  kvsMedia.reset();
});

describe('KinesisVideoMediaSource', () => {
  it("asks for the stream's GET_MEDIA endpoint, then reads from the call's start fragment there", async () => {
    // Prepare
    const bytes = fixture('fragment-1-contact-a.mkv');
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: DATA_ENDPOINT });
    kvsMedia.on(GetMediaCommand).resolves(getMediaOutput(bytes));
    const { adapter, endpoints } = source();
    // Act
    const payload = await collect(await adapter.read({ streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT }));
    // Assess
    expect(kvs).toHaveReceivedCommandWith(GetDataEndpointCommand, { StreamARN: STREAM_ARN, APIName: 'GET_MEDIA' });
    expect(kvsMedia).toHaveReceivedCommandWith(GetMediaCommand, {
      StreamARN: STREAM_ARN,
      StartSelector: { StartSelectorType: 'FRAGMENT_NUMBER', AfterFragmentNumber: START_FRAGMENT },
    });
    expect(endpoints).toEqual([DATA_ENDPOINT]);
    expect(payload).toEqual(Buffer.from(bytes));
  });

  it('reuses the endpoint of a stream for a while, then asks again', async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: DATA_ENDPOINT });
    kvsMedia.on(GetMediaCommand).callsFake(() => getMediaOutput(Uint8Array.of(1, 2, 3)));
    const { adapter, clock } = source();
    // Act
    await adapter.read({ streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT });
    await adapter.read({ streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT });
    clock.advance(6 * 60_000);
    await adapter.read({ streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT });
    // Assess
    expect(kvs).toHaveReceivedCommandTimes(GetDataEndpointCommand, 2);
    expect(kvsMedia).toHaveReceivedCommandTimes(GetMediaCommand, 3);
  });

  it('reports a stream Kinesis Video Streams does not know as MediaSourceError', async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).rejects(new ResourceNotFoundException({ message: 'Stream not found', $metadata: {} }));
    const { adapter } = source();
    // Act
    const reading = adapter.read({ streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT });
    // Assess
    await expect(reading).rejects.toThrow(MediaSourceError);
    await expect(reading).rejects.toThrow(/ResourceNotFoundException/);
  });

  it('reports a GetMedia answer without a payload as MediaSourceError and forgets the endpoint', async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: DATA_ENDPOINT });
    kvsMedia.on(GetMediaCommand).resolves({ ContentType: 'video/webm' });
    const { adapter } = source();
    // Act
    const first = adapter.read({ streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT });
    await expect(first).rejects.toThrow(MediaSourceError);
    await adapter.read({ streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT }).catch(() => undefined);
    // Assess
    expect(kvs).toHaveReceivedCommandTimes(GetDataEndpointCommand, 2);
  });
});

/** A fragment held by the fake stream: its number, timestamps and the bytes GetMedia returns for it. */
interface StoredFragment {
  readonly number: string;
  readonly producerMs: number;
  readonly serverMs: number;
  readonly durationMs: number;
  readonly bytes: Uint8Array;
}

/** One second of a Connect fragment of `contactId`, the caller's samples cut from the fixtures' speech at `offset`. */
function storedFragment(contactId: string, producerMs: number, offset: number, number: string): StoredFragment {
  const caller = contactId === CONTACT_A ? callerSource().subarray(offset, offset + 8000) : tone(8000, 1000);
  // connectFragment writes AWS_KINESISVIDEO_SERVER_TIMESTAMP 95 ms after the producer timestamp.
  return { number, producerMs, serverMs: producerMs + 95, durationMs: 1000, bytes: connectFragment({ contactId, producerMs, caller, agent: tone(8000), fragmentNumber: number }) };
}

/**
 * GetMedia as its reference describes each selector ("StartSelector", Amazon Kinesis Video Streams
 * API reference, https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/API_dataplane_StartSelector.html):
 * FRAGMENT_NUMBER starts "with the chunk after a specific fragment"; PRODUCER_TIMESTAMP and
 * SERVER_TIMESTAMP start "with the chunk containing a fragment with the specified ... timestamp".
 * One fragment per chunk here.
 */
function getMediaOf(fragments: readonly StoredFragment[]) {
  return (input: GetMediaCommandInput) => {
    const selector = input.StartSelector;
    const at = selector?.StartTimestamp ? new Date(selector.StartTimestamp).getTime() : Number.NaN;
    const contains = (start: number, fragment: StoredFragment) => start <= at && at < start + fragment.durationMs;
    let first: number;
    switch (selector?.StartSelectorType) {
      case 'FRAGMENT_NUMBER':
        first = fragments.findIndex((fragment) => fragment.number === selector.AfterFragmentNumber) + 1;
        break;
      case 'PRODUCER_TIMESTAMP':
        first = fragments.findIndex((fragment) => contains(fragment.producerMs, fragment));
        break;
      case 'SERVER_TIMESTAMP':
        first = fragments.findIndex((fragment) => contains(fragment.serverMs, fragment));
        break;
      default:
        throw new Error(`the fake stream does not model ${String(selector?.StartSelectorType)}`);
    }
    return getMediaOutput(Buffer.concat(first < 0 ? [] : fragments.slice(first).map((fragment) => fragment.bytes)));
  };
}

describe("reading a call from where Connect says the caller's audio starts", () => {
  it("decodes the caller's first fragment: the WAV begins with the audio of Connect's StartFragmentNumber", async () => {
    // Prepare: the caller's two fragments, then another contact's on the same stream. Connect reports
    // the first as StartFragmentNumber, and a StartTimestamp 40 ms into it.
    const first = storedFragment(CONTACT_A, FRAGMENT_1_PRODUCER_MS, 0, START_FRAGMENT);
    const second = storedFragment(CONTACT_A, FRAGMENT_1_PRODUCER_MS + 1000, 8000, '91343852333181432392682062607743920146264059999');
    const other = storedFragment(CONTACT_B, FRAGMENT_1_PRODUCER_MS + 2000, 0, '91343852333181432392682062607743920146264060000');
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: DATA_ENDPOINT });
    kvsMedia.on(GetMediaCommand).callsFake(getMediaOf([first, second, other]));
    const { adapter } = source();
    const folder = temporaryFolder();
    const request = { contactId: CONTACT_A, streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT, startTimestampMs: FRAGMENT_1_PRODUCER_MS + 40 };
    try {
      // Act
      const result = await storeRecording(request, { media: adapter, store: new FileRecordingStore(folder.path), logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
      // Assess: both seconds of the caller, the first fragment's first.
      expect(result).toMatchObject({ status: 'recorded', durationMs: 2000, sampleCount: 32_000 });
      const wav = new Uint8Array(readFileSync(join(folder.path, `${CONTACT_A}.wav`)));
      expect(wav).toEqual(toWav16k(callerSource().subarray(0, 16_000), 8000));
    } finally {
      folder.remove();
    }
  });

  it("selects by Connect's start timestamp, on the producer's clock, and by fragment number only when Connect gave no timestamp", async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).resolves({ DataEndpoint: DATA_ENDPOINT });
    kvsMedia.on(GetMediaCommand).callsFake(() => getMediaOutput(Uint8Array.of(1)));
    const { adapter } = source();
    // Act
    await adapter.read({ streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT, startTimestampMs: FRAGMENT_1_PRODUCER_MS + 40 });
    await adapter.read({ streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT });
    // Assess
    expect(kvsMedia).toHaveReceivedNthCommandWith(GetMediaCommand, 1, {
      StreamARN: STREAM_ARN,
      StartSelector: { StartSelectorType: 'PRODUCER_TIMESTAMP', StartTimestamp: new Date(FRAGMENT_1_PRODUCER_MS + 40) },
    });
    expect(kvsMedia).toHaveReceivedNthCommandWith(GetMediaCommand, 2, {
      StreamARN: STREAM_ARN,
      StartSelector: { StartSelectorType: 'FRAGMENT_NUMBER', AfterFragmentNumber: START_FRAGMENT },
    });
  });
});
