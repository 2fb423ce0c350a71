import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';

/** A web app served by {@link listenOnLoopback}. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly baseUrl: string;
  /** Stops listening and drops open connections (keep-alive included). Safe to call twice. */
  close(): Promise<void>;
}

/** What answers the requests: a Hono app's `fetch`, or one bound after the port is known. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Serves `fetch` with `@hono/node-server` on loopback: `port` 0 (the default) picks a free one.
 * Node's global `Request`/`Response` are left alone (`overrideGlobalObjects: false`): the same
 * process runs the Epic client, whose fetch must not see the adapter's lighter classes.
 *
 * @example
 * const server = await listenOnLoopback((request) => app.fetch(request));
 */
export async function listenOnLoopback(fetch: FetchHandler, options: { port?: number; host?: string } = {}): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createAdaptorServer({ fetch: (request) => fetch(request), hostname: host, overrideGlobalObjects: false }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
