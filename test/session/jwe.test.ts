import { randomBytes } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';
import { describe, expect, it } from 'vitest';
import { decryptCompact, encryptCompact, JweDecryptionError, JweFormatError } from '../../fulfillment/session/jwe';

const key = randomBytes(32);
const message = new TextEncoder().encode('{"sub":"pat-1","purpose":"ivr-session"}');

describe('compact JWE (dir, A256GCM)', () => {
  it('writes what jose reads', async () => {
    const token = encryptCompact(message, key);
    const { plaintext, protectedHeader } = await compactDecrypt(token, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    expect(protectedHeader).toEqual({ alg: 'dir', enc: 'A256GCM' });
    expect(Buffer.from(plaintext)).toEqual(Buffer.from(message));
  });

  it('reads what jose writes', async () => {
    const token = await new CompactEncrypt(message).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key);
    expect(Buffer.from(decryptCompact(token, key))).toEqual(Buffer.from(message));
  });

  it('uses a fresh IV every time', () => {
    expect(encryptCompact(message, key)).not.toBe(encryptCompact(message, key));
  });

  it('refuses another key and any altered part as a decryption failure', () => {
    const token = encryptCompact(message, key);
    expect(() => decryptCompact(token, randomBytes(32))).toThrow(JweDecryptionError);
    const parts = token.split('.');
    for (const index of [2, 3, 4]) {
      const altered = [...parts];
      const text = altered[index] as string;
      const middle = Math.floor(text.length / 2);
      altered[index] = text.slice(0, middle) + (text[middle] === 'A' ? 'B' : 'A') + text.slice(middle + 1);
      expect(() => decryptCompact(altered.join('.'), key)).toThrow(index === 3 ? JweDecryptionError : /./);
    }
  });

  it('refuses other headers, an encrypted key, and the wrong number of parts as format errors', async () => {
    const other = await new CompactEncrypt(message).setProtectedHeader({ alg: 'dir', enc: 'A128GCM' }).encrypt(randomBytes(16));
    expect(() => decryptCompact(other, key)).toThrow(JweFormatError);
    const [header, , iv, ciphertext, tag] = encryptCompact(message, key).split('.');
    expect(() => decryptCompact([header, 'AAAA', iv, ciphertext, tag].join('.'), key)).toThrow(JweFormatError);
    expect(() => decryptCompact('a.b.c', key)).toThrow(JweFormatError);
  });

  it('refuses a token spelled another way than its one base64url encoding', () => {
    // Prepare: the tag (16 bytes = 22 characters) ends in 4 spare bits; flip one, and add a stray character
    const [header, encryptedKey, iv, ciphertext, tag] = encryptCompact(message, key).split('.') as [string, string, string, string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(tag.at(-1) as string);
    const sameBytes = tag.slice(0, -1) + alphabet.charAt(last ^ 1);
    // Act / Assess: both decode to the same bytes in Node, and both are refused
    expect(Buffer.from(sameBytes, 'base64url')).toEqual(Buffer.from(tag, 'base64url'));
    expect(() => decryptCompact([header, encryptedKey, iv, ciphertext, sameBytes].join('.'), key)).toThrow(JweFormatError);
    expect(() => decryptCompact([header, encryptedKey, iv, `${ciphertext}!`, tag].join('.'), key)).toThrow(JweFormatError);
    expect(Buffer.from(decryptCompact([header, encryptedKey, iv, ciphertext, tag].join('.'), key))).toEqual(Buffer.from(message));
  });
});
