import { createCipheriv, createDecipheriv } from 'node:crypto';
import { randomBytesFromPool } from './randomPool';

/**
 * Compact JWE (RFC 7516) with `alg: dir` and `enc: A256GCM` only, on Node's synchronous AES-GCM.
 * jose produces the same format, but through WebCrypto, whose work hops to the libuv thread pool:
 * after the idle gaps of a phone call that hop costs about a millisecond per token, several times the
 * rest of a turn. The format is fixed and small (RFC 7516 §7.1, §A.3 for the layout; RFC 7518 §5.3
 * for A256GCM: 96-bit IV, 128-bit tag, AAD = the ASCII of the encoded protected header), and the
 * tests check it both ways against jose.
 */

/** The one protected header this module writes and accepts. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
/** The protected header as the AAD of every value this module seals. */
const HEADER_BYTES = Buffer.from(HEADER, 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** The token is not a compact JWE of this kind (wrong shape, header, lengths). */
export class JweFormatError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'JweFormatError';
  }
}

/** The header names another algorithm or extra parameters: a token altered or made elsewhere. */
export class JweUnsupportedHeaderError extends JweFormatError {
  public constructor() {
    super('unexpected protected header');
    this.name = 'JweUnsupportedHeaderError';
  }
}

/** Decryption or authentication failed: wrong key or altered token. */
export class JweDecryptionError extends Error {
  public constructor() {
    super('JWE decryption or authentication failed');
    this.name = 'JweDecryptionError';
  }
}

function checkKey(key: Uint8Array): void {
  if (key.byteLength !== KEY_BYTES) throw new RangeError(`A256GCM needs a ${KEY_BYTES}-byte key`);
}

/** Encrypts `plaintext` into a compact JWE (`header..iv.ciphertext.tag`; the encrypted key is empty with `dir`). */
export function encryptCompact(plaintext: Uint8Array, key: Uint8Array): string {
  checkKey(key);
  const iv = randomBytesFromPool(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(HEADER_BYTES);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [HEADER, '', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** Decrypts a compact JWE made with `dir`/`A256GCM` and `key`; anything else is refused. */
export function decryptCompact(token: string, key: Uint8Array): Uint8Array {
  checkKey(key);
  const parts = token.split('.');
  if (parts.length !== 5) throw new JweFormatError('a compact JWE has five parts');
  const [header, encryptedKey, ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
  // Only the exact header we write: no other algorithm, no `zip`, no `crit` can slip in.
  if (header !== HEADER) throw readsAsHeader(header) ? new JweUnsupportedHeaderError() : new JweFormatError('protected header is not JSON');
  if (encryptedKey !== '') throw new JweFormatError('direct encryption has no encrypted key');
  const iv = canonicalBase64url(ivText, 'IV');
  const tag = canonicalBase64url(tagText, 'tag');
  const ciphertext = canonicalBase64url(ciphertextText, 'ciphertext');
  if (iv.byteLength !== IV_BYTES || tag.byteLength !== TAG_BYTES) throw new JweFormatError('IV or tag of the wrong length');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(header, 'ascii'));
  decipher.setAuthTag(tag);
  try {
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch {
    throw new JweDecryptionError();
  }
}

/**
 * Decodes base64url, refusing any text that is not the one encoding of its bytes. Node's decoder
 * skips characters outside the alphabet and ignores non-zero trailing bits, so several strings
 * would otherwise open to one token: a token has exactly one spelling.
 */
function canonicalBase64url(text: string, part: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) throw new JweFormatError(`${part} is not canonical base64url`);
  return bytes;
}

function readsAsHeader(encoded: string): boolean {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && 'alg' in value;
  } catch {
    return false;
  }
}
