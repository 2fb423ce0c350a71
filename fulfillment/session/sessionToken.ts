import { decryptCompact, encryptCompact, JweDecryptionError, JweUnsupportedHeaderError } from './jwe';
import { randomBytesFromPool } from './randomPool';
import * as z from 'zod';
import { SESSION_KEY_BYTES } from '../runtime/sessionKey';
import { systemClock, type Clock } from '../runtime/clock';
import { InvalidSessionToken, SessionStateTooLarge } from './errors';

/**
 * Encrypted, authenticated session state carried in Lex session attributes.
 *
 * Lex session attributes travel through Amazon Connect (they can become contact attributes, are
 * visible to the contact flow and end up in contact records), so nothing readable about the patient
 * may be in them. After authentication the Lambda stores a **session token** there: a compact JWE
 * (`alg: dir`, `enc: A256GCM`, RFC 7516) under a 256-bit key only the Lambda holds. AES-GCM gives
 * confidentiality and integrity in one step; the protected header (`{"alg":"dir","enc":"A256GCM"}`,
 * nothing else) is the additional authenticated data. The payload is bound to the Lex session id
 * (Connect starts one Lex session per contact), expires, and carries a purpose so a value sealed for
 * one use (the medication pager) is refused as another (the session token).
 *
 * Size budget (why values are kept compact and {@link DEFAULT_MAX_SEALED_LENGTH} exists):
 * - Amazon Connect: "up to 32,768 UTF-8 bytes across all attributes for a contact"; when a Set
 *   contact attributes block exceeds 32 KB the contact goes down the flow's Error branch
 *   (Connect API reference, UpdateContactAttributes).
 * - Amazon Lex: the quotas page documents "The maximum output size [of a Lambda function] is 25 KB, of
 *   which 12 KB can be session attributes" and 12 KB for request + session attributes combined (Lex
 *   V1 quotas; Lex V2's RecognizeUtterance carries the whole `sessionState`, gzip + base64, in an HTTP
 *   header). We treat 12 KB across all session attributes as the working budget for Lex V2 too.
 * A session token is about 300 characters. A sealed value costs 4/3 of its JSON (base64url) plus about
 * 200 characters of header, IV, tag and claims; {@link SessionTokenService.sealJson} refuses anything
 * over `maxSealedLength` (default 8 KB) so the caller can page or trim instead of losing the call.
 */

/** Purpose of the session token itself; reserved, {@link SessionTokenService.sealJson} refuses it. */
export const SESSION_TOKEN_PURPOSE = 'ivr-session';

/** Default lifetime of a token or sealed value: 30 minutes, longer than any call we expect. */
export const DEFAULT_SESSION_TTL_SECONDS = 1800;

/** Allowed clock difference between the Lambda instance that sealed and the one that opens (seconds). */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** Default maximum length of one sealed value (characters; the output is ASCII). See the size budget above. */
export const DEFAULT_MAX_SEALED_LENGTH = 8 * 1024;

/** Longest input `verify`/`openJson` even try to parse: anything longer is `malformed`. */
const MAX_INPUT_LENGTH = 64 * 1024;


const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const PURPOSE_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,63}$/;

/** What a verified session token says. */
export interface SessionClaims {
  /** Epic FHIR Patient id of the authenticated caller. */
  readonly patientId: string;
  /** Given name, for greeting; absent when not issued with one. */
  readonly givenName?: string;
  /** The Lex session id the token is bound to. */
  readonly sessionId: string;
  /** Issue time, epoch seconds. */
  readonly issuedAt: number;
  /** Expiry time, epoch seconds. */
  readonly expiresAt: number;
  /** Random token id (`jti`). */
  readonly tokenId: string;
}

/** What a session token or sealed value is bound to. */
export interface SessionBinding {
  /** Lex V2 `sessionId` of the current conversation (one per Connect contact). */
  readonly sessionId: string;
}

export interface SessionTokenServiceOptions {
  /** 32-byte key from configuration ({@link parseSessionKey}). */
  readonly key: Uint8Array;
  readonly clock?: Clock;
  /** Lifetime of tokens and sealed values; default {@link DEFAULT_SESSION_TTL_SECONDS}. */
  readonly ttlSeconds?: number;
  /** Longest sealed value {@link SessionTokenService.sealJson} returns; default {@link DEFAULT_MAX_SEALED_LENGTH}. */
  readonly maxSealedLength?: number;
}

/** Claims common to everything sealed. Short names keep the sealed strings small. */
const envelopeSchema = z.object({
  purpose: z.string().min(1),
  sid: z.string().min(1),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
  jti: z.string().min(8),
});

const sessionPayloadSchema = envelopeSchema.extend({
  sub: z.string().min(1),
  given_name: z.string().min(1).optional(),
});

const sealedPayloadSchema = envelopeSchema.extend({
  data: z.unknown(),
});

/** What a decrypted payload must carry; the rest (claims, sealed data) is kept as it came. */
const openedSchema = envelopeSchema.loose();

/** Decrypted payloads remembered at most (oldest dropped first): a container serves few calls at once. */
const MAX_REMEMBERED = 1000;

/**
 * Issues and verifies session tokens, and seals/opens other session state the same way.
 * Stateless apart from the key: any Lambda instance with the same key opens what another sealed.
 */
export class SessionTokenService {
  readonly #key: Uint8Array;
  readonly #clock: Clock;
  readonly #ttlSeconds: number;
  readonly #maxSealedLength: number;
  /**
   * Payloads already decrypted, by their compact form. A turn opens the same token and pager that
   * the last turn saw; decrypting again costs more than the rest of the turn. Only the decryption is
   * remembered: purpose, expiry and session binding are checked on every call.
   */
  readonly #opened = new Map<string, z.infer<typeof openedSchema>>();
  /** Claims read from a remembered session-token payload: a call's every turn presents the same token. */
  readonly #claims = new WeakMap<object, SessionClaims>();
  /** Remembered payloads already found to hold a sealed value. */
  readonly #sealedValues = new WeakSet<object>();

  public constructor(options: SessionTokenServiceOptions) {
    if (!(options.key instanceof Uint8Array) || options.key.byteLength !== SESSION_KEY_BYTES) {
      const got = options.key instanceof Uint8Array ? `${options.key.byteLength} bytes` : 'not bytes';
      throw new RangeError(`Session key must be exactly ${SESSION_KEY_BYTES} bytes (AES-256), got ${got}`);
    }
    const ttl = options.ttlSeconds ?? DEFAULT_SESSION_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) {
      throw new RangeError('Session ttlSeconds must be an integer from 1 to 86400');
    }
    const maxSealed = options.maxSealedLength ?? DEFAULT_MAX_SEALED_LENGTH;
    if (!Number.isInteger(maxSealed) || maxSealed < 256) {
      throw new RangeError('Session maxSealedLength must be an integer of at least 256');
    }
    // Copy, so a caller zeroing or reusing its buffer does not change ours.
    this.#key = Uint8Array.from(options.key);
    this.#clock = options.clock ?? systemClock;
    this.#ttlSeconds = ttl;
    this.#maxSealedLength = maxSealed;
  }

  /** Lifetime of what this service seals, in seconds. */
  public get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  /** Issues the session token for an authenticated caller, bound to the current Lex session. */
  public async issue(claims: { patientId: string; givenName?: string }, binding: SessionBinding): Promise<string> {
    if (typeof claims.patientId !== 'string' || claims.patientId.length === 0) {
      throw new TypeError('Session token needs a non-empty patientId');
    }
    const extra: Record<string, unknown> = { sub: claims.patientId };
    if (claims.givenName) extra.given_name = claims.givenName;
    return this.#seal(SESSION_TOKEN_PURPOSE, binding, extra);
  }

  /**
   * Verifies a session token from the session attributes and returns its claims.
   * @throws {InvalidSessionToken} with `reason` missing, malformed, forged, expired or wrongSession.
   */
  public async verify(token: string | undefined, binding: SessionBinding): Promise<SessionClaims> {
    const payload = await this.#open(token, binding, SESSION_TOKEN_PURPOSE);
    // Expiry and session were checked just now; what the payload says is read once per payload.
    const known = this.#claims.get(payload);
    if (known) return known;
    const parsed = sessionPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new InvalidSessionToken('malformed', 'content is not a session token');
    const p = parsed.data;
    const claims: SessionClaims = {
      patientId: p.sub,
      ...(p.given_name !== undefined ? { givenName: p.given_name } : {}),
      sessionId: p.sid,
      issuedAt: p.iat,
      expiresAt: p.exp,
      tokenId: p.jti,
    };
    this.#claims.set(payload, claims);
    return claims;
  }

  /**
   * Seals any JSON-serializable value for a session attribute: encrypted, bound to the session,
   * expiring like the session token, and only opened by {@link openJson} with the same `purpose`.
   * @throws {SessionStateTooLarge} when the result is longer than `maxSealedLength`.
   */
  public async sealJson<T>(value: T, binding: SessionBinding, purpose: string): Promise<string> {
    checkPurpose(purpose);
    if (value === undefined) throw new TypeError('sealJson needs a value (undefined is not JSON)');
    const sealed = await this.#seal(purpose, binding, { data: value });
    if (sealed.length > this.#maxSealedLength) throw new SessionStateTooLarge(sealed.length, this.#maxSealedLength);
    return sealed;
  }

  /**
   * Opens a value sealed by {@link sealJson} for the same session and purpose. The value is returned
   * as parsed JSON: validate its shape (e.g. with zod) if it matters, the type parameter is not checked.
   * @throws {InvalidSessionToken} with the same reasons as {@link verify}.
   */
  public async openJson<T>(sealed: string | undefined, binding: SessionBinding, purpose: string): Promise<T> {
    checkPurpose(purpose);
    const payload = await this.#open(sealed, binding, purpose);
    if (!this.#sealedValues.has(payload)) {
      const parsed = sealedPayloadSchema.safeParse(payload);
      if (!parsed.success || parsed.data.data === undefined) {
        throw new InvalidSessionToken('malformed', 'content is not a sealed value');
      }
      this.#sealedValues.add(payload);
    }
    return payload.data as T;
  }

  async #seal(purpose: string, binding: SessionBinding, extra: Record<string, unknown>): Promise<string> {
    checkBinding(binding);
    const iat = Math.floor(this.#clock.now() / 1000);
    const payload = {
      purpose,
      sid: binding.sessionId,
      iat,
      exp: iat + this.#ttlSeconds,
      // 96 random bits: unique per token, 16 characters.
      jti: randomBytesFromPool(12).toString('base64url'),
      ...extra,
    };
    const json = JSON.stringify(payload);
    const sealed = encryptCompact(Buffer.from(json, 'utf8'), this.#key);
    // The next turn presents what this one sealed: remember it as decryption would yield it (the
    // envelope is built above, so it needs no schema check; the copy keeps later changes to `extra` out).
    this.#remember(sealed, JSON.parse(json) as z.infer<typeof openedSchema>);
    return sealed;
  }

  #remember(token: string, envelope: z.infer<typeof openedSchema>): void {
    if (this.#opened.size >= MAX_REMEMBERED) this.#opened.delete(this.#opened.keys().next().value as string);
    this.#opened.set(token, envelope);
  }

  async #open(token: string | undefined, binding: SessionBinding, purpose: string): Promise<z.infer<typeof openedSchema>> {
    checkBinding(binding);
    if (typeof token !== 'string' || token.trim().length === 0) {
      throw new InvalidSessionToken('missing', 'no token was presented');
    }
    if (token.length > MAX_INPUT_LENGTH || !COMPACT_JWE.test(token)) {
      throw new InvalidSessionToken('malformed', 'not a compact JWE');
    }
    const remembered = this.#opened.get(token);
    const envelope = remembered ?? this.#decrypt(token);
    const { purpose: sealedPurpose, sid, exp, iat } = envelope;
    // Only this key could have produced it, but it was made for something else: never accept it here.
    if (sealedPurpose !== purpose) throw new InvalidSessionToken('forged', 'sealed for another purpose');
    const nowSeconds = this.#clock.now() / 1000;
    if (nowSeconds >= exp + CLOCK_TOLERANCE_SECONDS) throw new InvalidSessionToken('expired', 'past its expiry');
    if (iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) throw new InvalidSessionToken('malformed', 'issued in the future');
    if (sid !== binding.sessionId) throw new InvalidSessionToken('wrongSession', 'bound to another session');
    return envelope;
  }

  #decrypt(token: string): z.infer<typeof openedSchema> {
    let plaintext: Uint8Array;
    try {
      plaintext = decryptCompact(token, this.#key);
    } catch (error) {
      throw mapDecryptionError(error);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
    } catch (error) {
      throw new InvalidSessionToken('malformed', 'payload is not JSON', { cause: error });
    }
    const envelope = openedSchema.safeParse(payload);
    if (!envelope.success) throw new InvalidSessionToken('malformed', 'payload lacks the sealed claims');
    this.#remember(token, envelope.data);
    return envelope.data;
  }
}

function mapDecryptionError(error: unknown): InvalidSessionToken {
  if (error instanceof JweDecryptionError) {
    return new InvalidSessionToken('forged', 'decryption or authentication failed', { cause: error });
  }
  if (error instanceof JweUnsupportedHeaderError) {
    return new InvalidSessionToken('forged', 'algorithm not accepted', { cause: error });
  }
  // Wrong shape, header or lengths: not something we produced.
  return new InvalidSessionToken('malformed', 'not a valid compact JWE', { cause: error });
}

function checkBinding(binding: SessionBinding): void {
  if (typeof binding?.sessionId !== 'string' || binding.sessionId.length === 0) {
    throw new TypeError('A session binding needs a non-empty sessionId');
  }
}

function checkPurpose(purpose: string): void {
  if (purpose === SESSION_TOKEN_PURPOSE) {
    throw new TypeError(`Purpose "${SESSION_TOKEN_PURPOSE}" is reserved for the session token`);
  }
  if (typeof purpose !== 'string' || !PURPOSE_PATTERN.test(purpose)) {
    throw new TypeError('Purpose must be 1–64 characters of a-z, 0-9, ".", "_", ":" or "-"');
  }
}
