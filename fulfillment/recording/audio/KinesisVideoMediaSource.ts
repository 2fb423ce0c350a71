import { GetDataEndpointCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { GetMediaCommand, KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import { systemClock, type Clock } from '../../runtime/clock';
import { MediaSourceError } from '../errors';
import { errorName } from '../../runtime/errors';
import { DATA_ENDPOINT_TTL_MS } from './constants';
import type { MediaSource } from './types';

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
 * stream, then `GetMedia` on that endpoint from the call's start fragment
 * (`StartSelectorType: FRAGMENT_NUMBER`, `AfterFragmentNumber`). The payload is returned as it
 * streams; nothing is buffered here. Endpoints are cached per stream ARN for `endpointTtlMs`, and
 * dropped when `GetMedia` fails on one.
 *
 * @example
 * const media = new KinesisVideoMediaSource({ client: new KinesisVideoClient({ region: 'us-east-1' }) });
 * for await (const chunk of await media.read(streamArn, startFragmentNumber)) reader.write(chunk);
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

  public async read(streamArn: string, startFragmentNumber: string): Promise<AsyncIterable<Uint8Array>> {
    const endpoint = await this.#endpoint(streamArn);
    let media: KinesisVideoMediaClient;
    try {
      media = await this.#mediaClient(endpoint);
      const output = await media.send(
        new GetMediaCommand({
          StreamARN: streamArn,
          StartSelector: { StartSelectorType: 'FRAGMENT_NUMBER', AfterFragmentNumber: startFragmentNumber },
        }),
      );
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

/** True for what `for await` can read: the SDK's Node payload is a Readable of Buffers. */
function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
