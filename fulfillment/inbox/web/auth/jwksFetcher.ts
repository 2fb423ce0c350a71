import type { Fetcher } from 'aws-jwt-verify/https';
import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';

/** Largest JWKS read: Cognito publishes two keys, well under a kilobyte each. */
const MAX_JWKS_BYTES = 64 * 1024;

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * How aws-jwt-verify reads the issuer's JWKS: its own Node fetcher speaks https only, and the local
 * issuer is plain http on loopback. This one uses Node's fetch for both, so the verifier is the same
 * object in AWS (Cognito, https) and locally (loopback only: anything else must be https), with a
 * timeout, no redirects and a size bound.
 */
export class JwksFetcher implements Fetcher {
  readonly #timeoutMs: number;

  /** @param options.timeoutMs time the whole request may take. @default 3000 */
  public constructor(options: { readonly timeoutMs?: number } = {}) {
    this.#timeoutMs = options.timeoutMs ?? 3000;
  }

  /** GETs `uri` and returns its body; throws aws-jwt-verify's `FetchError` family, which its cache understands. */
  public async fetch(uri: string): Promise<ArrayBuffer> {
    const url = new URL(uri);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname))) {
      throw new NonRetryableFetchError(uri, 'JWKS must be fetched over https (http only on loopback)');
    }
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      throw new FetchError(uri, error instanceof Error ? error.name : 'request failed');
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new NonRetryableFetchError(uri, `Status code is ${response.status}, expected 200`);
    }
    const body = await response.arrayBuffer();
    if (body.byteLength > MAX_JWKS_BYTES) throw new NonRetryableFetchError(uri, 'JWKS larger than expected');
    return body;
  }
}
