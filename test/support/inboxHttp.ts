import type { Hono } from 'hono';
import { createInboxApp, type InboxEnv } from '../../fulfillment/inbox/web/app';
import { createInboxAuth } from '../../fulfillment/inbox/web/auth';
import type { Clock } from '../../fulfillment/runtime/clock';
import { loadInboxConfig } from '../../fulfillment/runtime/inboxConfig';
import { generateSessionKey, parseSessionKey } from '../../fulfillment/session';
import { startCareTeamIssuer, type CareTeamIssuer } from '../../sandbox/careTeamIssuer';
import { InboxServiceDouble } from './inboxServiceDouble';
import { MemoryLogger } from './memoryLogger';

/** The inbox's public origin in HTTP-level tests: an https origin, as deployed; nothing listens on it. */
export const TEST_INBOX_URL = 'https://inbox.clinic.test';

/** App client id of the inbox at the test issuer. */
export const TEST_CLIENT_ID = 'care_team_inbox_test';

/** What a request sends: a cookie header, a method, a form body, headers. */
export interface InboxRequest {
  readonly cookie?: string;
  readonly method?: string;
  readonly form?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

/** The inbox app answered in-process (`app.request`), signing in through a real local issuer on loopback. */
export interface HttpInbox {
  readonly app: Hono<InboxEnv>;
  readonly issuer: CareTeamIssuer;
  readonly service: InboxServiceDouble;
  readonly logger: MemoryLogger;
  /** Sends `path` (or a full URL of the inbox) to the app. */
  request(path: string, init?: InboxRequest): Promise<Response>;
  /** Signs `username` in the way a browser does: login, the issuer's authorize, the callback. */
  signIn(username: string): Promise<{ readonly cookie: string; readonly idToken: string }>;
  close(): Promise<void>;
}

/** `name=value` of the cookie `name` a response sets, or undefined. */
export function setCookie(response: Response, name: string): string | undefined {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] as string)
    .find((pair) => pair.startsWith(`${name}=`));
}

/** The whole Set-Cookie line for `name`, attributes included. */
export function setCookieLine(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

/**
 * Starts a local issuer and builds the inbox app against it, as `inboxAppDepsFromEnv` does but with
 * a clock of the test's choosing, a test double of the service (`options.service`, or the default
 * double) and a logger that keeps its lines.
 *
 * @example
 * const inbox = useStarted(() => startHttpInbox());
 * const { cookie } = await inbox.signIn('nurse.rivera');
 */
export async function startHttpInbox(options: { readonly clock?: Clock; readonly service?: InboxServiceDouble } = {}): Promise<HttpInbox> {
  const issuer = await startCareTeamIssuer();
  issuer.registerClient({ clientId: TEST_CLIENT_ID, redirectUri: `${TEST_INBOX_URL}/auth/callback`, logoutUri: `${TEST_INBOX_URL}/auth/logout` });
  const config = loadInboxConfig({ INBOX_BASE_URL: TEST_INBOX_URL, INBOX_OAUTH_URL: issuer.oauthUrl, INBOX_OAUTH_CLIENT_ID: TEST_CLIENT_ID, INBOX_TOKEN_ISSUER: issuer.issuer });
  const service = options.service ?? new InboxServiceDouble();
  const logger = new MemoryLogger();
  const auth = createInboxAuth(config, parseSessionKey(generateSessionKey()), options.clock ? { clock: options.clock } : {});
  const app = createInboxApp({ service, auth, clinicTimeZone: config.clinicTimeZone, logger });

  const request = (path: string, init: InboxRequest = {}): Promise<Response> => {
    const headers: Record<string, string> = { ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers };
    const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    if (body !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return Promise.resolve(app.request(path.startsWith('http') ? path : `${TEST_INBOX_URL}${path}`, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}) }));
  };

  return {
    app,
    issuer,
    service,
    logger,
    request,
    async signIn(username: string) {
      const login = await request(`/auth/login?${new URLSearchParams({ login_hint: username })}`);
      const attempt = setCookie(login, '__Host-inbox-sign-in');
      const authorize = await fetch(login.headers.get('location') as string, { redirect: 'manual' });
      const callback = await request(authorize.headers.get('location') as string, attempt ? { cookie: attempt } : {});
      const cookie = setCookie(callback, '__Host-inbox-session');
      if (callback.status !== 303 || !cookie) throw new Error(`sign-in of ${username} failed with ${callback.status}`);
      return { cookie, idToken: cookie.slice('__Host-inbox-session='.length) };
    },
    close: () => issuer.close(),
  };
}
