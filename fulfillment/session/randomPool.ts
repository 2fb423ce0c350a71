import { randomFillSync } from 'node:crypto';

/** Bytes drawn from the system's CSPRNG at once; each byte is handed out once. */
const POOL_BYTES = 4096;

let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `length` cryptographically random bytes, a fresh copy: the IV of each sealed value and its `jti`.
 * A draw from Node's CSPRNG runs a job per call, several microseconds each, and a turn seals up to
 * three values: the pool draws 4 KiB at once, as `crypto.randomUUID` does for its own entropy.
 *
 * @example
 * randomBytesFromPool(12).byteLength; // 12
 */
export function randomBytesFromPool(length: number): Buffer {
  if (!Number.isInteger(length) || length < 1 || length > POOL_BYTES) throw new RangeError(`randomBytesFromPool takes 1 to ${POOL_BYTES} bytes`);
  if (offset + length > pool.byteLength) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES));
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + length));
  // Handed-out bytes are wiped from the pool, so nothing keeps a copy of a used IV or id.
  pool.fill(0, offset, offset + length);
  offset += length;
  return bytes;
}
