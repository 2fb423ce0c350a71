import type { KMSClient } from '@aws-sdk/client-kms';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { buildJwks } from './jwks';
import { KmsSigner } from './kmsSigner';
import { logger } from '../runtime/logger';

/** How long Epic and caches may keep the JWKS: an hour, well inside Epic's own day-long caching. */
export const JWKS_MAX_AGE_SECONDS = 3600;

/**
 * Serves the public signing key(s) as a JWKS at a stable public URL (a Lambda function URL), so Epic
 * is registered with a JWKS URL and keys rotate without a new registration. During a rotation it
 * lists the next key beside the current one: Epic caches a JWKS for up to a day, so the next key is
 * published before anything is signed with it.
 */
export function createJwksHandler(keyIds: readonly string[], client: KMSClient): () => Promise<APIGatewayProxyResultV2> {
  const signers = keyIds.map((keyId) => new KmsSigner({ keyId, client }));
  return async () => {
    try {
      const jwks = buildJwks(await Promise.all(signers.map((signer) => signer.publicJwk())));
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'cache-control': `public, max-age=${JWKS_MAX_AGE_SECONDS}` },
        body: JSON.stringify(jwks),
      };
    } catch (error) {
      logger.error('jwks unavailable', { event: 'jwks.error', errorName: error instanceof Error ? error.name : 'unknown' });
      return { statusCode: 503, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: '{"error":"unavailable"}' };
    }
  };
}
