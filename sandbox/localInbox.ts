/**
 * LOCAL MODE: the care-team inbox with its demo messages, as `npm run inbox` runs it. The bundled
 * demo calls are played into a fresh local store against the sandbox (`startInboxDemo`), then the
 * real inbox app is served on loopback over the demo's service (`startInboxServer`), signing
 * clinicians in through the local issuer.
 */
import type { StructuredLogger } from '../fulfillment/runtime/logger';
import { SANDBOX_CLINICIANS } from './data/clinicians';
import { startInboxDemo, type InboxDemo, type InboxDemoOptions } from './inboxDemo';
import { startInboxServer, type InboxServer } from './inboxServer';

/** Longest wait for the inbox server and the demo to close, each. */
export const LOCAL_INBOX_CLOSE_TIMEOUT_MS = 5_000;

/** Options of {@link startLocalInbox}. */
export interface LocalInboxOptions {
  /** Port of the inbox on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Seconds between the list's looks for new messages. @default LIST_REFRESH_SECONDS (20) */
  readonly listRefreshSeconds?: number;
  /** Logger of the web app. @default the structured logger */
  readonly logger?: StructuredLogger;
  /** Options of the demo data (the calls, the sandbox's faults …). */
  readonly demo?: InboxDemoOptions;
}

/** The inbox running locally over its demo messages. */
export interface LocalInbox {
  readonly demo: InboxDemo;
  readonly server: InboxServer;
  /** The link `npm run inbox` prints: it signs the sandbox nurse in and lands on the list. */
  readonly signInUrl: string;
  /** Closes the inbox (and its issuer), then the demo's sandbox and recordings; each bounded. */
  close(): Promise<void>;
}

/** A closing step that gave up waiting. */
export class CloseTimeoutError extends Error {
  public constructor(what: string, timeoutMs: number) {
    super(`${what} did not close within ${timeoutMs} ms`);
    this.name = 'CloseTimeoutError';
  }
}

/** `work`, or a {@link CloseTimeoutError} after `timeoutMs`; the timer never holds the process open. */
async function within(what: string, timeoutMs: number, work: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CloseTimeoutError(what, timeoutMs)), timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Plays the demo calls into a fresh store, then serves the inbox over them on loopback.
 *
 * @example
 * const local = await startLocalInbox({ port: 8080 });
 * console.log(`Inbox: ${local.signInUrl}`);
 * await local.close();
 */
export async function startLocalInbox(options: LocalInboxOptions = {}): Promise<LocalInbox> {
  const demo = await startInboxDemo(options.demo);
  let server: InboxServer;
  try {
    server = await startInboxServer({
      service: demo.service,
      port: options.port ?? 0,
      ...(options.listRefreshSeconds ? { listRefreshSeconds: options.listRefreshSeconds } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  } catch (error) {
    await demo.stop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    demo,
    server,
    signInUrl: server.signInUrl(SANDBOX_CLINICIANS.nurse.username),
    close: () => {
      closing ??= (async () => {
        try {
          await within('the inbox server', LOCAL_INBOX_CLOSE_TIMEOUT_MS, () => server.close());
        } finally {
          await within('the demo sandbox', LOCAL_INBOX_CLOSE_TIMEOUT_MS, () => demo.stop());
        }
      })();
      return closing;
    },
  };
}
