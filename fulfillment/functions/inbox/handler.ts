import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * PLACEHOLDER until the inbox web app lands (issue 14): the CDK app needs this entry to synthesize
 * the inbox function. Every request is answered 503 with no data; the real handler replaces this file.
 */
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => ({
  statusCode: 503,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '3600' },
  body: 'The care-team inbox is not deployed yet.\n',
});
