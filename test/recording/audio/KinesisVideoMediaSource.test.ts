import { Readable } from 'node:stream';
import { GetDataEndpointCommand, KinesisVideoClient, ResourceNotFoundException } from '@aws-sdk/client-kinesis-video';
import { GetMediaCommand, KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { KinesisVideoMediaSource, MediaSourceError } from '../../../fulfillment/recording';
import { FakeClock } from '../../support/fakeClock';
import { fixture, START_FRAGMENT, STREAM_ARN } from '../../support/audioFixtures';

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
    const payload = await collect(await adapter.read(STREAM_ARN, START_FRAGMENT));
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
    await adapter.read(STREAM_ARN, START_FRAGMENT);
    await adapter.read(STREAM_ARN, START_FRAGMENT);
    clock.advance(6 * 60_000);
    await adapter.read(STREAM_ARN, START_FRAGMENT);
    // Assess
    expect(kvs).toHaveReceivedCommandTimes(GetDataEndpointCommand, 2);
    expect(kvsMedia).toHaveReceivedCommandTimes(GetMediaCommand, 3);
  });

  it('reports a stream Kinesis Video Streams does not know as MediaSourceError', async () => {
    // Prepare
    kvs.on(GetDataEndpointCommand).rejects(new ResourceNotFoundException({ message: 'Stream not found', $metadata: {} }));
    const { adapter } = source();
    // Act
    const reading = adapter.read(STREAM_ARN, START_FRAGMENT);
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
    const first = adapter.read(STREAM_ARN, START_FRAGMENT);
    await expect(first).rejects.toThrow(MediaSourceError);
    await adapter.read(STREAM_ARN, START_FRAGMENT).catch(() => undefined);
    // Assess
    expect(kvs).toHaveReceivedCommandTimes(GetDataEndpointCommand, 2);
  });
});
