import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import { errorName } from '../../runtime/errors';
import { INBOX_FILTERS } from '../ports';
import { assetRoutes } from './assets';
import { IssuerUnavailable } from './auth/errors';
import { authRoutes } from './auth/routes';
import { authenticate, requireCareTeam, requireCsrf } from './auth/session';
import type { InboxAppDeps, InboxEnv } from './context';
import { messageRoutes } from './messageRoutes';
import { homePage, listRegion } from './pages/home';
import { notFoundPage, serverErrorPage } from './pages/problem';
import { INBOX_PATHS } from './paths';
import { securityHeaders } from './securityHeaders';

export type { InboxAppDeps, InboxEnv } from './context';

/** Largest request body read. */
const MAX_BODY_BYTES = 64 * 1024;

/** The list's query: an unknown filter shows every message; a cursor is opaque to the page. */
const listQuery = z.object({
  filter: z.enum(INBOX_FILTERS).catch('all'),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{1,2048}$/)
    .optional()
    .catch(undefined),
});

/**
 * The care-team inbox as one Hono app, the same in Lambda (`createInboxHandler`) and locally
 * (`sandbox/inboxServer.ts`). Every response carries the security headers; the assets and the
 * sign-in routes are public; everything else needs a verified session of a care-team member, and
 * every state-changing request this session's CSRF token. Pages are server-rendered with `hono/html`
 * (escaped) and hold no inline script.
 *
 * @example
 * const app = createInboxApp({ service, auth: createInboxAuth(config, key), clinicTimeZone: config.clinicTimeZone, logger });
 */
export function createInboxApp(deps: InboxAppDeps): Hono<InboxEnv> {
  const app = new Hono<InboxEnv>();
  app.use(securityHeaders(deps.auth.oauthOrigin));
  // The inbox's forms are a token and a comment of at most 2,000 characters: anything far bigger is refused unread.
  app.use(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text('Request too large', 413) }));
  app.route('/', assetRoutes());
  app.route('/', authRoutes(deps));

  // Everything below is the inbox itself: signed in, in the care team, CSRF-checked.
  const inbox = new Hono<InboxEnv>();
  inbox.use(authenticate(deps), requireCareTeam(deps), requireCsrf(deps));
  inbox.get(INBOX_PATHS.home, async (c) => {
    const { filter, cursor } = listQuery.parse(c.req.query());
    const page = await deps.service.list(c.var.clinician, { filter, ...(cursor ? { cursor } : {}) });
    if (c.req.query('partial') === 'list') return c.html(listRegion({ page, filter, timeZone: deps.clinicTimeZone }));
    const signedIn = { clinician: c.var.clinician, csrfToken: c.var.csrfToken };
    return c.html(homePage({ signedIn, page, filter, timeZone: deps.clinicTimeZone, firstPage: !cursor, ...(deps.listRefreshSeconds ? { refreshSeconds: deps.listRefreshSeconds } : {}) }));
  });
  inbox.route('/', messageRoutes(deps));
  app.route('/', inbox);

  // Reached only past the inbox's middleware: a stranger gets the sign-in page, never a 404 that
  // tells which addresses exist.
  app.notFound((c) => {
    const clinician = c.get('clinician') as InboxEnv['Variables']['clinician'] | undefined;
    return c.html(notFoundPage(clinician ? { clinician, csrfToken: c.var.csrfToken } : undefined), 404);
  });
  app.onError((error, c) => {
    deps.logger.error('inbox request failed', { event: 'inbox.error', errorName: errorName(error), method: c.req.method, route: c.req.routePath });
    // Cognito's keys out of reach says nothing about the session: keep it, and ask to try again.
    return c.html(serverErrorPage(), error instanceof IssuerUnavailable ? 503 : 500);
  });
  return app;
}
