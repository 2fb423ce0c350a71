import { GetDataEndpointCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { GetMediaCommand, KinesisVideoMediaClient, type StartSelector } from '@aws-sdk/client-kinesis-video-media';
import { systemClock, type Clock } from '../../runtime/clock';
import { MediaSourceError } from '../errors';
import { errorName } from '../../runtime/errors';
import { DATA_ENDPOINT_TTL_MS } from './constants';
import type { MediaSource, MediaStart } from './types';

/** Options of {@link KinesisVideoMediaSource}. */
export interface KinesisVideoMediaSourceOptions {
  /** Control-plane client (`GetDataEndpoint`). @default new KinesisVideoClient({}) */
  readonly client?: KinesisVideoClient;
  /**
   * Builds the data-plane client of an endpoint `GetDataEndpoint` returned.
   * @default a KinesisVideoMediaClient for `endpoint`, in the control-plane client's region
   */
  readonly mediaClientFor?: (endpoint: string) => KinesisVideoMediaClient | Promise<KinesisVideoMediaClient>;
  /** @default systemClock */
  readonly clock?: Clock;
  /** How long a stream's data endpoint is reused. @default DATA_ENDPOINT_TTL_MS (5 minutes) */
  readonly endpointTtlMs?: number;
}

/** A cached data endpoint. */
interface CachedEndpoint {
  readonly endpoint: string;
  readonly expiresAt: number;
}

/**
 * {@link MediaSource} over Kinesis Video Streams: `GetDataEndpoint` (`APIName: GET_MEDIA`) for the
 * stream, then `GetMedia` on that endpoint from the start of the caller's audio (see
 * {@link startSelectorOf}). The payload is returned as it streams; nothing is buffered here.
 * Endpoints are cached per stream ARN for `endpointTtlMs`, and dropped when `GetMedia` fails on one.
 *
 * @example
 * const media = new KinesisVideoMediaSource({ client: new KinesisVideoClient({ region: 'us-east-1' }) });
 * for await (const chunk of await media.read({ streamArn, startFragmentNumber, startTimestampMs })) reader.write(chunk);
 */
export class KinesisVideoMediaSource implements MediaSource {
  readonly #client: KinesisVideoClient;
  readonly #mediaClientFor: (endpoint: string) => KinesisVideoMediaClient | Promise<KinesisVideoMediaClient>;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #endpoints = new Map<string, CachedEndpoint>();
  readonly #mediaClients = new Map<string, Promise<KinesisVideoMediaClient>>();

  public constructor(options: KinesisVideoMediaSourceOptions = {}) {
    this.#client = options.client ?? new KinesisVideoClient({});
    this.#mediaClientFor = options.mediaClientFor ?? (async (endpoint) => new KinesisVideoMediaClient({ endpoint, region: await this.#client.config.region() }));
    this.#clock = options.clock ?? systemClock;
    this.#ttlMs = options.endpointTtlMs ?? DATA_ENDPOINT_TTL_MS;
  }

  public async read(start: MediaStart): Promise<AsyncIterable<Uint8Array>> {
    const { streamArn } = start;
    const endpoint = await this.#endpoint(streamArn);
    let media: KinesisVideoMediaClient;
    try {
      media = await this.#mediaClient(endpoint);
      const output = await media.send(new GetMediaCommand({ StreamARN: streamArn, StartSelector: startSelectorOf(start) }));
      const payload: unknown = output.Payload;
      if (!isAsyncIterable(payload)) throw new MediaSourceError('GetMedia returned no streaming payload');
      return payload;
    } catch (error) {
      this.#endpoints.delete(streamArn);
      if (error instanceof MediaSourceError) throw error;
      throw new MediaSourceError(`GetMedia failed (${errorName(error)})`, { cause: error });
    }
  }

  async #endpoint(streamArn: string): Promise<string> {
    const cached = this.#endpoints.get(streamArn);
    if (cached && cached.expiresAt > this.#clock.now()) return cached.endpoint;
    let endpoint: string | undefined;
    try {
      ({ DataEndpoint: endpoint } = await this.#client.send(new GetDataEndpointCommand({ StreamARN: streamArn, APIName: 'GET_MEDIA' })));
    } catch (error) {
      throw new MediaSourceError(`GetDataEndpoint failed (${errorName(error)})`, { cause: error });
    }
    if (!endpoint) throw new MediaSourceError('GetDataEndpoint returned no DataEndpoint');
    this.#endpoints.set(streamArn, { endpoint, expiresAt: this.#clock.now() + this.#ttlMs });
    return endpoint;
  }

  #mediaClient(endpoint: string): Promise<KinesisVideoMediaClient> {
    let client = this.#mediaClients.get(endpoint);
    if (!client) {
      client = Promise.resolve(this.#mediaClientFor(endpoint));
      this.#mediaClients.set(endpoint, client);
      client.catch(() => this.#mediaClients.delete(endpoint));
    }
    return client;
  }
}

/**
 * Where `GetMedia` starts. The KVS API reference ("StartSelector", Amazon Kinesis Video Streams,
 * https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/API_dataplane_StartSelector.html) says
 * FRAGMENT_NUMBER starts "with the chunk after a specific fragment", while PRODUCER_TIMESTAMP and
 * SERVER_TIMESTAMP start "with the chunk containing a fragment with the specified ... timestamp". Read
 * after Connect's `StartFragmentNumber`, the caller's first fragment could be skipped, so the read
 * starts at the chunk holding Connect's `StartTimestamp` ("Contact attributes for live media streaming
 * in Kinesis Video Streams", Amazon Connect, https://docs.aws.amazon.com/connect/latest/adminguide/media-streaming-attributes.html:
 * "The time at which the customer audio stream started"). PRODUCER_TIMESTAMP: Connect is the
 * stream's producer, so its timestamps and the fragments' producer timestamps are one clock, the one
 * the stop timestamp is cut on (`CallerAudioCollector`). Fragments of an earlier contact that the
 * chunk may also hold are dropped by their `ContactId` tag. Without a start timestamp (a job stored
 * before one was kept) the fragment number is all there is.
 */
function startSelectorOf(start: MediaStart): StartSelector {
  if (start.startTimestampMs !== undefined) return { StartSelectorType: 'PRODUCER_TIMESTAMP', StartTimestamp: new Date(start.startTimestampMs) };
  return { StartSelectorType: 'FRAGMENT_NUMBER', AfterFragmentNumber: start.startFragmentNumber };
}

/** True for what `for await` can read: the SDK's Node payload is a Readable of Buffers. */
function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
