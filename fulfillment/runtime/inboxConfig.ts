import * as z from 'zod';
import { ConfigError } from './errors';

/** Settings of the care-team inbox (`fulfillment/inbox/web/`), read once from the environment and validated. */
export interface InboxConfig {
  /** Public origin of the inbox, no trailing slash: a message page is `${baseUrl}/messages/<noteId>`. */
  readonly baseUrl: string;
  /** Base of the OAuth endpoints `/oauth2/authorize`, `/oauth2/token` and `/logout` (the Cognito domain in AWS). */
  readonly oauthUrl: string;
  /** The app client id: the ID token's `aud`, sent as `client_id`. The client is public (no secret). */
  readonly clientId: string;
  /** The ID token's `iss`; its keys are at `${tokenIssuer}/.well-known/jwks.json`, as for Cognito. */
  readonly tokenIssuer: string;
  /** Group (the ID token's `cognito:groups`) a clinician must be in to use the inbox. @default 'care-team' */
  readonly careTeamGroup: string;
  /** IANA time zone the pages show times in. @default 'America/Chicago' */
  readonly clinicTimeZone: string;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * An https URL without query or fragment (http on loopback only: the local issuer and the local
 * inbox), returned without a trailing slash. `origin` also refuses a path.
 */
const webUrl = (what: 'origin' | 'base') =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .refine((value) => URL.canParse(value), 'must be a URL')
    .transform((value) => new URL(value))
    .refine((url) => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname)), 'must be an https URL (http is allowed only on loopback)')
    .refine((url) => !url.search && !url.hash && !url.username && !url.password, 'must have no query, fragment or credentials')
    .refine((url) => what === 'base' || url.pathname === '/', 'must be an origin such as https://inbox.example.org, with no path')
    .transform((url) => (what === 'origin' ? url.origin : url.href.replace(/\/+$/, '')));

/**
 * True when the runtime knows `zone` as an IANA time zone (the CDK context check uses it too, with
 * the same ICU data the function runs with).
 *
 * @example
 * isTimeZone('America/Chicago'); // true
 */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The clinic's time zone when `CLINIC_TIME_ZONE` is unset (the inbox's pages and the spoken appointment times). */
export const DEFAULT_CLINIC_TIME_ZONE = 'America/Chicago';

/**
 * `CLINIC_TIME_ZONE`: the IANA zone the clinic's times are shown (inbox) and said or texted (calls) in.
 * One schema, read by both configurations.
 */
export const clinicTimeZoneSchema = z.string().trim().refine(isTimeZone, 'must be an IANA time zone such as America/Chicago').default(DEFAULT_CLINIC_TIME_ZONE);

const inboxEnvSchema = z.object({
  INBOX_BASE_URL: webUrl('origin'),
  INBOX_OAUTH_URL: webUrl('base'),
  // Cognito app client ids are 1-128 word characters; the local issuer's follow the same rule.
  INBOX_OAUTH_CLIENT_ID: z
    .string({ error: 'is required' })
    .trim()
    .regex(/^[\w+]{1,128}$/, 'must be an app client id (1-128 letters, digits, _ or +)'),
  INBOX_TOKEN_ISSUER: webUrl('base'),
  // Cognito group names: 1-128 characters without whitespace.
  INBOX_CARE_TEAM_GROUP: z
    .string()
    .trim()
    .regex(/^\S{1,128}$/, 'must be a group name (1-128 characters, no spaces)')
    .default('care-team'),
  CLINIC_TIME_ZONE: clinicTimeZoneSchema,
});

/** Names of the environment variables {@link loadInboxConfig} reads (all also in `CONFIG_VARIABLES`). */
export const INBOX_CONFIG_VARIABLES: readonly string[] = Object.keys(inboxEnvSchema.shape);

/**
 * Reads and validates the inbox's settings, once at cold start. There is no local stand-in for any of
 * them: locally `sandbox/inboxServer.ts` sets them to the local issuer and the loopback server.
 *
 * @throws {ConfigError} naming every offending variable, never its value
 * @example
 * const { baseUrl, oauthUrl, clientId, tokenIssuer } = loadInboxConfig();
 */
export function loadInboxConfig(env: NodeJS.ProcessEnv = process.env): InboxConfig {
  const parsed = inboxEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    baseUrl: e.INBOX_BASE_URL,
    oauthUrl: e.INBOX_OAUTH_URL,
    clientId: e.INBOX_OAUTH_CLIENT_ID,
    tokenIssuer: e.INBOX_TOKEN_ISSUER,
    careTeamGroup: e.INBOX_CARE_TEAM_GROUP,
    clinicTimeZone: e.CLINIC_TIME_ZONE,
  };
}
