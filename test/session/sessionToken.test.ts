import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_SEALED_LENGTH,
  generateSessionKey,
  InvalidSessionToken,
  parseSessionKey,
  SessionStateTooLarge,
  SessionTokenService,
  type InvalidSessionTokenReason,
} from '../../fulfillment/session';
import { FakeClock } from '../support/fakeClock';

const PATIENT_ID = 'eXbMln3hu0PfFrpv2HgVHyg3';
const GIVEN_NAME = 'Theodora';
const SESSION = { sessionId: 'connect-contact-6f1c2a' };
const PAGER = 'medication-pager';

function service(clock = new FakeClock(), key: Uint8Array = randomBytes(32)) {
  return { clock, key, tokens: new SessionTokenService({ key, clock }) };
}

/** Runs `action` and returns the reason of the InvalidSessionToken it threw (fails otherwise). */
async function refusal(action: () => Promise<unknown>): Promise<InvalidSessionTokenReason> {
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidSessionToken);
  return (error as InvalidSessionToken).reason;
}

/** Replaces one character in the middle of segment `index` of a compact JWE by another base64url one. */
function tamper(token: string, index: number): string {
  const parts = token.split('.');
  const segment = parts[index] ?? '';
  const at = Math.floor(segment.length / 2);
  const replacement = segment[at] === 'A' ? 'B' : 'A';
  parts[index] = segment.slice(0, at) + replacement + segment.slice(at + 1);
  return parts.join('.');
}

function decodeProtectedHeader(token: string): unknown {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
}

describe('session token', () => {
  it('round-trips the patient id and given name for the same session', async () => {
    // Prepare
    const { clock, tokens } = service();
    // Act
    const token = await tokens.issue({ patientId: PATIENT_ID, givenName: GIVEN_NAME }, SESSION);
    const claims = await tokens.verify(token, SESSION);
    // Assess
    expect(claims).toMatchObject({ patientId: PATIENT_ID, givenName: GIVEN_NAME, sessionId: SESSION.sessionId });
    expect(claims.issuedAt).toBe(Math.floor(clock.now() / 1000));
    expect(claims.expiresAt - claims.issuedAt).toBe(1800);
    expect(claims.tokenId.length).toBeGreaterThanOrEqual(16);
  });

  it('omits the given name when none was issued, and gives every token its own id', async () => {
    const { tokens } = service();
    const first = await tokens.verify(await tokens.issue({ patientId: PATIENT_ID }, SESSION), SESSION);
    const second = await tokens.verify(await tokens.issue({ patientId: PATIENT_ID }, SESSION), SESSION);
    expect(first).not.toHaveProperty('givenName');
    expect(first.tokenId).not.toBe(second.tokenId);
  });

  it('is a compact JWE (dir, A256GCM) with nothing readable about the patient', async () => {
    // Prepare
    const { tokens } = service();
    // Act
    const token = await tokens.issue({ patientId: PATIENT_ID, givenName: GIVEN_NAME }, SESSION);
    // Assess
    expect(token.split('.')).toHaveLength(5);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'dir', enc: 'A256GCM' });
    const readable = token
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
      .join('.');
    for (const secret of [PATIENT_ID, GIVEN_NAME, SESSION.sessionId]) {
      expect(token).not.toContain(secret);
      expect(readable).not.toContain(secret);
    }
  });

  it('refuses a missing or empty token as missing', async () => {
    const { tokens } = service();
    expect(await refusal(() => tokens.verify(undefined, SESSION))).toBe('missing');
    expect(await refusal(() => tokens.verify('', SESSION))).toBe('missing');
    expect(await refusal(() => tokens.verify('   ', SESSION))).toBe('missing');
  });

  it('refuses what is not a compact JWE as malformed', async () => {
    const { tokens } = service();
    const jws = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    for (const input of ['not-a-token', jws, 'a.b.c.d.e.f', 'eyJ9.x.y.z.w', 'a.b.c.d.e with spaces']) {
      expect(await refusal(() => tokens.verify(input, SESSION))).toBe('malformed');
    }
  });

  it('refuses a token made with another key as forged', async () => {
    // Prepare
    const other = service();
    const { tokens } = service();
    const token = await other.tokens.issue({ patientId: PATIENT_ID }, SESSION);
    // Act
    const reason = await refusal(() => tokens.verify(token, SESSION));
    // Assess
    expect(reason).toBe('forged');
  });

  it('refuses a token with a tampered ciphertext, IV or tag as forged', async () => {
    const { tokens } = service();
    const token = await tokens.issue({ patientId: PATIENT_ID }, SESSION);
    for (const segment of [2, 3, 4]) {
      expect(await refusal(() => tokens.verify(tamper(token, segment), SESSION))).toBe('forged');
    }
  });

  it('refuses a token with another algorithm in its header (not one we accept)', async () => {
    const { tokens } = service();
    const token = await tokens.issue({ patientId: PATIENT_ID }, SESSION);
    const [, ...rest] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A128GCM' })).toString('base64url');
    expect(await refusal(() => tokens.verify([header, ...rest].join('.'), SESSION))).toBe('forged');
  });

  it('accepts a token until 30 minutes have passed and refuses it as expired after', async () => {
    // Prepare
    const { clock, tokens } = service();
    const token = await tokens.issue({ patientId: PATIENT_ID }, SESSION);
    // Act
    clock.advance(29 * 60 * 1000);
    const stillValid = await tokens.verify(token, SESSION);
    clock.advance(60 * 1000 + 5000);
    const reason = await refusal(() => tokens.verify(token, SESSION));
    // Assess
    expect(stillValid.patientId).toBe(PATIENT_ID);
    expect(reason).toBe('expired');
  });

  it('honours a shorter configured lifetime', async () => {
    const clock = new FakeClock();
    const tokens = new SessionTokenService({ key: randomBytes(32), clock, ttlSeconds: 60 });
    const token = await tokens.issue({ patientId: PATIENT_ID }, SESSION);
    clock.advance(66_000);
    expect(await refusal(() => tokens.verify(token, SESSION))).toBe('expired');
  });

  it('refuses a token bound to another Lex session', async () => {
    const { tokens } = service();
    const token = await tokens.issue({ patientId: PATIENT_ID }, SESSION);
    expect(await refusal(() => tokens.verify(token, { sessionId: 'another-contact' }))).toBe('wrongSession');
  });

  it('refuses a value sealed for another purpose as a session token', async () => {
    const { tokens } = service();
    const sealed = await tokens.sealJson({ sub: PATIENT_ID }, SESSION, PAGER);
    expect(await refusal(() => tokens.verify(sealed, SESSION))).toBe('forged');
  });

  it('never puts the token in an error message', async () => {
    const other = service();
    const { tokens } = service();
    const token = await other.tokens.issue({ patientId: PATIENT_ID }, SESSION);
    const error = (await tokens.verify(token, SESSION).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain(token.slice(0, 20));
    expect(error.message).not.toContain(PATIENT_ID);
  });

  it('keeps the cause of a refusal', async () => {
    const other = service();
    const { tokens } = service();
    const token = await other.tokens.issue({ patientId: PATIENT_ID }, SESSION);
    const error = (await tokens.verify(token, SESSION).catch((e: unknown) => e)) as InvalidSessionToken;
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('requires a 32-byte key', () => {
    for (const length of [0, 16, 31, 33, 64]) {
      expect(() => new SessionTokenService({ key: new Uint8Array(length), clock: new FakeClock() })).toThrow(/32 bytes/);
    }
    expect(() => new SessionTokenService({ key: new Uint8Array(32), clock: new FakeClock() })).not.toThrow();
  });
});

describe('sealed session values', () => {
  const medications = {
    items: [
      { name: 'Lisinopril 10 mg tablet', instructions: 'one tablet by mouth daily' },
      { name: 'Metformin 500 mg tablet', instructions: 'one tablet twice daily with meals' },
    ],
    next: 0,
  };

  it('round-trips a JSON value for the same session and purpose', async () => {
    const { tokens } = service();
    const sealed = await tokens.sealJson(medications, SESSION, PAGER);
    expect(await tokens.openJson<typeof medications>(sealed, SESSION, PAGER)).toEqual(medications);
    expect(sealed).not.toContain('Lisinopril');
  });

  it('refuses every way a session token is refused', async () => {
    // Prepare
    const { clock, tokens } = service();
    const sealed = await tokens.sealJson(medications, SESSION, PAGER);
    const foreign = await service().tokens.sealJson(medications, SESSION, PAGER);
    // Act + Assess
    expect(await refusal(() => tokens.openJson(undefined, SESSION, PAGER))).toBe('missing');
    expect(await refusal(() => tokens.openJson('garbage', SESSION, PAGER))).toBe('malformed');
    expect(await refusal(() => tokens.openJson(foreign, SESSION, PAGER))).toBe('forged');
    expect(await refusal(() => tokens.openJson(tamper(sealed, 3), SESSION, PAGER))).toBe('forged');
    expect(await refusal(() => tokens.openJson(sealed, { sessionId: 'other' }, PAGER))).toBe('wrongSession');
    expect(await refusal(() => tokens.openJson(sealed, SESSION, 'symptom-note'))).toBe('forged');
    clock.advance(31 * 60 * 1000);
    expect(await refusal(() => tokens.openJson(sealed, SESSION, PAGER))).toBe('expired');
  });

  it('refuses a session token opened as a sealed value', async () => {
    const { tokens } = service();
    const token = await tokens.issue({ patientId: PATIENT_ID }, SESSION);
    expect(await refusal(() => tokens.openJson(token, SESSION, PAGER))).toBe('forged');
  });

  it('reserves the session token purpose and checks purpose names', async () => {
    const { tokens } = service();
    await expect(tokens.sealJson(medications, SESSION, 'ivr-session')).rejects.toThrow(/reserved/);
    await expect(tokens.sealJson(medications, SESSION, 'Bad Purpose!')).rejects.toThrow(TypeError);
  });

  it('refuses to seal a value over the session attribute budget', async () => {
    const { tokens } = service();
    const huge = { blob: 'x'.repeat(DEFAULT_MAX_SEALED_LENGTH) };
    await expect(tokens.sealJson(huge, SESSION, PAGER)).rejects.toBeInstanceOf(SessionStateTooLarge);
  });

  it('keeps a 20-item medication list well under the budget', async () => {
    const { tokens } = service();
    const list = Array.from({ length: 20 }, (_, i) => ({ name: `Medication number ${i} 25 mg tablet`, instructions: 'take one tablet by mouth every morning' }));
    const sealed = await tokens.sealJson({ items: list, next: 0 }, SESSION, PAGER);
    expect(sealed.length).toBeLessThan(DEFAULT_MAX_SEALED_LENGTH / 2);
  });
});

describe('session key', () => {
  it('parses a 32-byte key in base64 or base64url, padded or not', () => {
    const bytes = randomBytes(32);
    for (const encoded of [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('base64').replace(/=+$/, '')]) {
      expect(Buffer.from(parseSessionKey(encoded)).equals(bytes)).toBe(true);
    }
  });

  it('generates keys that parse and differ', () => {
    const a = generateSessionKey();
    const b = generateSessionKey();
    expect(parseSessionKey(a)).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('refuses keys of the wrong length or encoding without echoing them', () => {
    const short = randomBytes(16).toString('base64');
    const long = randomBytes(48).toString('base64');
    for (const bad of ['', '   ', short, long, 'not base64 at all!', `${randomBytes(32).toString('hex')}`]) {
      let message = '';
      try {
        parseSessionKey(bad);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      if (bad.trim()) expect(message).not.toContain(bad);
    }
  });
});

describe('session token re-checks on every turn', () => {
  it('still refuses a token once it expires, even after it was opened before', async () => {
    // Prepare
    const { clock, tokens } = service();
    const token = await tokens.issue({ patientId: 'pat-1' }, { sessionId: 'contact-1' });
    await expect(tokens.verify(token, { sessionId: 'contact-1' })).resolves.toMatchObject({ patientId: 'pat-1' });
    // Act
    clock.advance(31 * 60 * 1000);
    // Assess
    await expect(tokens.verify(token, { sessionId: 'contact-1' })).rejects.toMatchObject({ reason: 'expired' });
  });

  it('opens what was sealed, not what the sealed value became after sealing', async () => {
    // Prepare: a list sealed, then changed by the code that sealed it.
    const { tokens } = service();
    const list = { items: ['Lisinopril 10 mg tablet'], next: 0 };
    const sealed = await tokens.sealJson(list, { sessionId: 'contact-1' }, 'med-pager');

    // Act
    list.items.push('Metformin 500 mg tablet');
    list.next = 1;

    // Assess: the turn that opens it (from memory, in the same container) sees the sealed list.
    await expect(tokens.openJson(sealed, { sessionId: 'contact-1' }, 'med-pager')).resolves.toEqual({ items: ['Lisinopril 10 mg tablet'], next: 0 });
  });

  it('still refuses a remembered token presented in another session', async () => {
    const { tokens } = service();
    const token = await tokens.issue({ patientId: 'pat-1' }, { sessionId: 'contact-1' });
    await tokens.verify(token, { sessionId: 'contact-1' });
    await expect(tokens.verify(token, { sessionId: 'contact-2' })).rejects.toMatchObject({ reason: 'wrongSession' });
  });
});
