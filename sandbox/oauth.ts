import type { IncomingMessage, ServerResponse } from 'node:http';
import { AssertionError, verifyClientAssertion, type ClientRegistry } from './assertion';
import { HttpError, mediaType, readBody, sendJson } from './http';
import type { AccessTokens, JtiStore } from './tokens';

/** Scopes granted to every client; Epic grants what the app registration lists, not what is asked. */
export const GRANTED_SCOPE = [
  'system/Patient.read',
  'system/MedicationRequest.read',
  'system/MedicationStatement.read',
  'system/Encounter.read',
  'system/DocumentReference.read',
  'system/DocumentReference.write',
].join(' ');

/** The assertion type RFC 7523 section 2.2 defines for client authentication. */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** What the token endpoint needs from the server. */
export interface TokenEndpointContext {
  readonly tokenUrl: string;
  readonly clients: ClientRegistry;
  readonly jtis: JtiStore;
  readonly tokens: AccessTokens;
  /** Called once per POST, then once per issued token. */
  readonly onTokenRequest: () => void;
  readonly onTokenIssued: () => void;
  /** Waits out the configured token latency. */
  readonly delay: () => Promise<void>;
}

// Tokens and errors must never be cached by intermediaries (RFC 6749 section 5.1).
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

type OAuthErrorCode = 'invalid_request' | 'unsupported_grant_type' | 'invalid_client' | 'invalid_grant';

function sendOAuthError(res: ServerResponse, error: OAuthErrorCode, description: string): void {
  const status = error === 'invalid_client' ? 401 : 400;
  sendJson(res, status, { error, error_description: description }, NO_STORE);
}

/** `POST /oauth2/token`: the client-credentials grant with a JWT client assertion (SMART Backend Services). */
export async function handleTokenRequest(req: IncomingMessage, res: ServerResponse, context: TokenEndpointContext): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'invalid_request', error_description: 'use POST' }, { ...NO_STORE, Allow: 'POST' });
    return;
  }
  context.onTokenRequest();
  let body: string;
  try {
    body = await readBody(req);
  } catch (error) {
    sendOAuthError(res, 'invalid_request', error instanceof HttpError ? error.message : 'unreadable body');
    return;
  }
  await context.delay();

  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    sendOAuthError(res, 'invalid_request', 'body must be application/x-www-form-urlencoded');
    return;
  }
  const form = new URLSearchParams(body);
  // RFC 6749 section 3.2: request parameters must not be included more than once.
  const repeated = [...new Set(form.keys())].find((key) => form.getAll(key).length > 1);
  if (repeated) {
    sendOAuthError(res, 'invalid_request', `parameter ${repeated} repeated`);
    return;
  }
  const grantType = form.get('grant_type');
  if (!grantType) {
    sendOAuthError(res, 'invalid_request', 'grant_type missing');
    return;
  }
  if (grantType !== 'client_credentials') {
    sendOAuthError(res, 'unsupported_grant_type', 'only client_credentials is supported');
    return;
  }
  if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION_TYPE) {
    sendOAuthError(res, 'invalid_request', `client_assertion_type must be ${JWT_BEARER_ASSERTION_TYPE}`);
    return;
  }
  const assertion = form.get('client_assertion');
  if (!assertion) {
    sendOAuthError(res, 'invalid_request', 'client_assertion missing');
    return;
  }

  let clientId: string;
  try {
    clientId = await verifyClientAssertion(assertion, {
      clients: context.clients,
      audience: context.tokenUrl,
      jtis: context.jtis,
    });
  } catch (error) {
    if (error instanceof AssertionError) sendOAuthError(res, error.error, error.message);
    else sendOAuthError(res, 'invalid_client', 'assertion could not be verified');
    return;
  }
  // A client_id parameter is optional with assertions, but when present it must name the same client.
  const declared = form.get('client_id');
  if (declared !== null && declared !== clientId) {
    sendOAuthError(res, 'invalid_client', 'client_id does not match the assertion issuer');
    return;
  }

  const accessToken = context.tokens.issue(clientId);
  context.onTokenIssued();
  sendJson(
    res,
    200,
    { access_token: accessToken, token_type: 'Bearer', expires_in: context.tokens.ttlSeconds, scope: GRANTED_SCOPE },
    NO_STORE,
  );
}
