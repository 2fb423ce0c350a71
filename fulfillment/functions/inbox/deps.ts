import type { InboxService } from '../../inbox/ports';
import { createInboxAuth, type InboxAppDeps } from '../../inbox/web';
import { loadSessionKeyFromAws } from '../../runtime/configSource';
import { loadInboxConfig } from '../../runtime/inboxConfig';
import { logger } from '../../runtime/logger';
import { parseSessionKey } from '../../session';

/**
 * The inbox web app's dependencies around a service: the inbox settings from the environment
 * (`INBOX_*`, `CLINIC_TIME_ZONE`), the session key from `SESSION_KEY_SECRET_ARN` through the
 * Parameters and Secrets extension (or `SESSION_KEY` locally), from which the cookie and CSRF keys
 * are derived, and the one logger. The local run (`sandbox/inboxServer.ts`) calls it too, so local
 * and Lambda share this wiring.
 *
 * @throws {ConfigError} naming each missing or invalid variable
 * @example
 * const deps = await inboxAppDepsFromEnv(service);
 */
export async function inboxAppDepsFromEnv(service: InboxService, env: NodeJS.ProcessEnv = process.env): Promise<InboxAppDeps> {
  const config = loadInboxConfig(env);
  const sessionKey = parseSessionKey(await loadSessionKeyFromAws(env));
  return { service, auth: createInboxAuth(config, sessionKey), clinicTimeZone: config.clinicTimeZone, logger };
}
