import type { InboxService } from '../../inbox/ports';
import { createInboxHandler, type InboxLambdaHandler } from '../../inbox/web';
import { inboxAppDepsFromEnv, inboxServiceFromEnv } from './deps';

/**
 * The inbox function's entry point, given how its `InboxService` is built (notes, recordings, Epic
 * and the audit trail, from the environment): everything else (settings, session key, sign-in) is
 * read once per container by {@link inboxAppDepsFromEnv}. The module that builds the production
 * service exports the deployed `handler` as `inboxHandler(itsFactory)`.
 *
 * @example
 * export const handler = inboxHandler(() => inboxServiceFromEnv());
 */
export function inboxHandler(buildService: () => Promise<InboxService>): InboxLambdaHandler {
  return createInboxHandler(async () => inboxAppDepsFromEnv(await buildService()));
}

/** The deployed inbox function: the web app over the production service. */
export const handler = inboxHandler(() => inboxServiceFromEnv());
