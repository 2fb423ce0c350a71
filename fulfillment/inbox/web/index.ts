/**
 * The care-team inbox's web app: one Hono app for Lambda (`createInboxHandler`) and for the local
 * server, its sign-in (`createInboxAuth`) and its URLs.
 */
export { createInboxApp, type InboxAppDeps, type InboxEnv } from './app';
export { createInboxAuth, type InboxAuth } from './auth';
export { createInboxHandler, type InboxLambdaHandler } from './lambda';
export { INBOX_PATHS, messagePath } from './paths';
