import { inboxAppDepsFromEnv } from '../fulfillment/functions/inbox/deps';
import type { InboxService } from '../fulfillment/inbox/ports';
import { createInboxApp, INBOX_PATHS } from '../fulfillment/inbox/web';
import type { StructuredLogger } from '../fulfillment/runtime/logger';
import { generateSessionKey } from '../fulfillment/session';
import { startCareTeamIssuer, type CareTeamIssuer, type CareTeamIssuerOptions } from './careTeamIssuer';
import { SANDBOX_CLINICIANS } from './data/clinicians';
import { listenOnLoopback } from './loopbackServer';

/** App client id of the inbox at the local issuer. */
export const LOCAL_INBOX_CLIENT_ID = 'care_team_inbox_local';

/** Options of {@link startInboxServer}. */
export interface InboxServerOptions {
  /** The inbox's operations. */
  readonly service: InboxService;
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** A running local issuer to sign in with; else one is started, and closed with the server. */
  readonly issuer?: CareTeamIssuer;
  /** Options of the issuer started when none is given. */
  readonly issuerOptions?: CareTeamIssuerOptions;
  /** Session key (base64url, 32 bytes) the cookie and CSRF keys derive from. @default a fresh one */
  readonly sessionKey?: string;
  /** `CLINIC_TIME_ZONE`. @default 'America/Chicago' */
  readonly clinicTimeZone?: string;
  /** Logger of the app. @default the structured logger */
  readonly logger?: StructuredLogger;
  /** Seconds between the list's looks for new messages (tests lower it). @default LIST_REFRESH_SECONDS (20) */
  readonly listRefreshSeconds?: number;
}

/** A running local inbox. */
export interface InboxServer {
  /** `http://127.0.0.1:PORT`: the inbox's `INBOX_BASE_URL`. */
  readonly url: string;
  readonly issuer: CareTeamIssuer;
  /**
   * A URL that signs `username` in through the local issuer, in one go, and lands on `next`: the
   * inbox's own `/auth/login` with a `login_hint`, so the sign-in takes the same path as any other.
   */
  signInUrl(username?: string, next?: string): string;
  close(): Promise<void>;
}

/**
 * Serves the inbox web app on loopback with `@hono/node-server`, signing clinicians in through the
 * local care-team issuer: the app is built by the Lambda's own `inboxAppDepsFromEnv` from the same
 * variables a deployment sets (`INBOX_BASE_URL` = this server, `INBOX_OAUTH_URL` and
 * `INBOX_TOKEN_ISSUER` = the issuer), so nothing is bypassed locally.
 *
 * @example
 * const inbox = await startInboxServer({ service, port: 8080 });
 * console.log(`Inbox: ${inbox.signInUrl()}`);
 */
export async function startInboxServer(options: InboxServerOptions): Promise<InboxServer> {
  let fetch: ((request: Request) => Response | Promise<Response>) | undefined;
  // The app's own URL is its callback's origin, so the port is bound first and the app after.
  const server = await listenOnLoopback((request) => (fetch ? fetch(request) : new Response('starting', { status: 503 })), { port: options.port ?? 0 });
  let issuer: CareTeamIssuer | undefined = options.issuer;
  const ownsIssuer = !issuer;
  try {
    issuer ??= await startCareTeamIssuer(options.issuerOptions);
    issuer.registerClient({ clientId: LOCAL_INBOX_CLIENT_ID, redirectUri: `${server.baseUrl}${INBOX_PATHS.callback}`, logoutUri: `${server.baseUrl}${INBOX_PATHS.logout}` });
    const deps = await inboxAppDepsFromEnv(options.service, {
      INBOX_BASE_URL: server.baseUrl,
      INBOX_OAUTH_URL: issuer.oauthUrl,
      INBOX_OAUTH_CLIENT_ID: LOCAL_INBOX_CLIENT_ID,
      INBOX_TOKEN_ISSUER: issuer.issuer,
      CLINIC_TIME_ZONE: options.clinicTimeZone ?? 'America/Chicago',
      SESSION_KEY: options.sessionKey ?? generateSessionKey(),
    });
    const app = createInboxApp({
      ...deps,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.listRefreshSeconds ? { listRefreshSeconds: options.listRefreshSeconds } : {}),
    });
    fetch = (request) => app.fetch(request);
  } catch (error) {
    await server.close();
    if (ownsIssuer) await issuer?.close();
    throw error;
  }
  const started = issuer;
  return {
    url: server.baseUrl,
    issuer: started,
    signInUrl: (username = SANDBOX_CLINICIANS.nurse.username, next = '/') =>
      `${server.baseUrl}${INBOX_PATHS.login}?${new URLSearchParams({ login_hint: username, ...(next === '/' ? {} : { next }) }).toString()}`,
    close: async () => {
      await server.close();
      if (ownsIssuer) await started.close();
    },
  };
}
