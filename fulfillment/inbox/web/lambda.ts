import { handle, type APIGatewayProxyResult, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { coldStart } from '../../runtime/coldStart';
import { createInboxApp, type InboxAppDeps } from './app';

/** The inbox's Lambda entry point: an API Gateway HTTP API proxy event (payload format 2.0) in, its result out. */
export type InboxLambdaHandler = (event: LambdaEvent, context?: LambdaContext) => Promise<APIGatewayProxyResult>;

/**
 * The inbox app behind API Gateway's HTTP API (`$default` route, Lambda proxy integration, payload
 * format 2.0: cookies arrive in `event.cookies`, Set-Cookie leaves in the result's `cookies`), through
 * Hono's Lambda adapter (`hono/aws-lambda`; Hono 5 moves it to a package of its own). Dependencies
 * are built once per container, at the first request; a failed build is retried on the next one
 * (`coldStart`).
 *
 * @example
 * export const handler = createInboxHandler(async () => inboxAppDepsFromEnv(await buildService()));
 */
export function createInboxHandler(buildDeps: () => Promise<InboxAppDeps>): InboxLambdaHandler {
  const load = coldStart(async () => handle(createInboxApp(await buildDeps())));
  return async (event, context) => (await load())(event, context);
}
