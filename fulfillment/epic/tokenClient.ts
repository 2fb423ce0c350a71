import * as z from 'zod';
import type { Clock } from '../runtime/clock';
import { createClientAssertion } from './clientAssertion';
import { throwIfPastDeadline, withTimeout, type CallOptions } from './deadline';
import { EpicAuthError, EpicDeadlineError, EpicTokenUnavailableError } from './errors';
import type { Signer } from './signer';

/** `client_assertion_type` of RFC 7523 JWT client authentication. */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** An access token and when it stops being valid. */
export interface AccessToken {
  readonly accessToken: string;
  /** Epoch milliseconds at which the server says the token expires. */
  readonly expiresAt: number;
  /** Granted scopes, when the server says. */
  readonly scope: string | undefined;
}

/** Options of {@link TokenClient}. */
export interface TokenClientOptions {
  readonly clientId: string;
  readonly tokenUrl: string;
  readonly signer: Signer;
  readonly clock: Clock;
  /** Space-separated scopes to request; Epic grants the app's registered scopes when omitted. */
  readonly scope?: string;
  /** Seconds until the assertion's `exp`. @default 240 */
  readonly assertionLifetimeSeconds?: number;
  /** Whole-request timeout. @default 5000 */
  readonly timeoutMs?: number;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  // Epic answers `bearer`; RFC 6749 says the type is case-insensitive.
  token_type: z.string().refine((type) => type.toLowerCase() === 'bearer', 'token_type is not bearer'),
  expires_in: z.coerce.number().int().positive(),
  scope: z.string().optional(),
});

const oauthErrorSchema = z.object({
  error: z.string().min(1),
  error_description: z.string().optional(),
});

/**
 * Exchanges a signed client assertion for an access token (`client_credentials` grant).
 * One call, one assertion, one POST; caching is {@link TokenCache}'s job.
 */
export class TokenClient {
  readonly #options: TokenClientOptions;

  public constructor(options: TokenClientOptions) {
    this.#options = options;
  }

  /**
   * Signs a fresh assertion and POSTs it to the token endpoint.
   *
   * @throws {EpicDeadlineError} when `signal` fires first: the POST is abandoned, or never sent.
   */
  public async requestToken(options: CallOptions = {}): Promise<AccessToken> {
    const { clientId, tokenUrl, signer, clock, scope } = this.#options;
    const { signal } = options;
    throwIfPastDeadline(signal);
    const assertion = await createClientAssertion({
      clientId,
      tokenUrl,
      signer,
      clock,
      ...(this.#options.assertionLifetimeSeconds === undefined
        ? {}
        : { lifetimeSeconds: this.#options.assertionLifetimeSeconds }),
    });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
      client_assertion: assertion,
    });
    if (scope) form.set('scope', scope);
    // Signing may take a KMS round trip: the deadline may have passed meanwhile.
    throwIfPastDeadline(signal);

    const timeoutMs = this.#options.timeoutMs ?? 5000;
    const sentAt = clock.now();
    let status: number;
    let text: string;
    try {
      // Node's fetch is undici; the package itself is not bundled (it would double the Lambda bundle).
      ({ status, text } = await withTimeout(timeoutMs, signal, async (request) => {
        const response = await fetch(tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          signal: request,
        });
        return { status: response.status, text: await response.text() };
      }));
    } catch (error) {
      if (signal?.aborted) throw new EpicDeadlineError({ cause: scrub(error) });
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : 'unreachable';
      throw new EpicTokenUnavailableError(`Epic token endpoint ${reason}`, { cause: scrub(error) });
    }
    return parseTokenResponse(status, text, sentAt);
  }
}

function parseTokenResponse(status: number, text: string, sentAt: number): AccessToken {
  const body = parseJson(text);
  if (status >= 200 && status < 300) {
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      // Never quote the body: it may hold a token.
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || issue.message).join(', ');
      throw new EpicTokenUnavailableError(`Epic token response is malformed (${fields})`);
    }
    return {
      accessToken: parsed.data.access_token,
      // Counted from when the request left, so network time can only shorten the token's life here.
      expiresAt: sentAt + parsed.data.expires_in * 1000,
      scope: parsed.data.scope,
    };
  }
  const oauthError = oauthErrorSchema.safeParse(body);
  if (oauthError.success && status < 500) {
    throw new EpicAuthError(oauthError.data.error, status, oauthError.data.error_description);
  }
  throw new EpicTokenUnavailableError(`Epic token endpoint answered HTTP ${status}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Keeps the error's kind for diagnosis but not a message that could quote the request. */
function scrub(error: unknown): Error {
  const name = error instanceof Error ? error.name : 'Error';
  // fetch reports the network cause (ECONNREFUSED, ENOTFOUND …) on `cause`.
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: unknown } | undefined)?.code;
  const scrubbed = new Error(typeof code === 'string' ? code : name);
  scrubbed.name = name;
  return scrubbed;
}
