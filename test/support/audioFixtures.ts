import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MediaSource } from '../../fulfillment/recording/audio';

const DIR = fileURLToPath(new URL('../fixtures/audio/', import.meta.url));

/** Contact ids and instants of the fixtures (test/fixtures/audio/make-fixtures.sh). */
export const CONTACT_A = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
export const CONTACT_B = '9e8d7c6b-5a49-4838-a7b6-c5d4e3f2a1b0';
export const FRAGMENT_1_PRODUCER_MS = 1_700_000_000_000;
export const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:111122223333:stream/connect-clinic-contact-6f1c2d3e/1700000000000';
export const START_FRAGMENT = '91343852333181432392682062607743920146264059284';

/** A fixture file's bytes. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, name)));
}

/** Fixture files one after another, as GetMedia returns consecutive fragments. */
export function fixtures(...names: string[]): Uint8Array {
  return Buffer.concat(names.map((name) => fixture(name)));
}

/** The 8 kHz samples sox made for the caller (the source of the caller track of fragments 1 and 2). */
export function callerSource(): Int16Array {
  const bytes = fixture('caller-speech-8k.wav');
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset + 44, bytes.byteOffset + bytes.length));
}

/** Samples of a 16-bit WAV (after its 44-byte header). */
export function wavSamples(wav: Uint8Array): Int16Array {
  return new Int16Array(new Uint8Array(wav.subarray(44)).buffer);
}

/** Splits `bytes` into chunks of 1..maxChunk bytes with a seeded generator (same split every run). */
export function randomChunks(bytes: Uint8Array, seed: number, maxChunk: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let state = seed >>> 0;
  // Every chunk takes at least one byte: at most bytes.length iterations.
  for (let offset = 0; offset < bytes.length; ) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const size = 1 + (state % maxChunk);
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

/** A media source that serves `chunks` and counts its reads. */
export function mediaOf(...chunks: Uint8Array[]): MediaSource & { reads: number } {
  return {
    reads: 0,
    async read() {
      this.reads += 1;
      return (async function* () {
        yield* chunks;
      })();
    },
  };
}

/** A temporary folder for a test, removed by the returned function. */
export function temporaryFolder(): { path: string; files: () => string[]; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'clinic-ivr-audio-'));
  return { path, files: () => readdirSync(path), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The byte offset of the last (or first) occurrence of an element id in `bytes`. */
export function offsetOf(bytes: Uint8Array, id: readonly number[], which: 'first' | 'last'): number {
  const hits: number[] = [];
  for (let i = 0; i + id.length <= bytes.length; i += 1) {
    if (id.every((byte, k) => bytes[i + k] === byte)) hits.push(i);
  }
  const hit = which === 'first' ? hits[0] : hits[hits.length - 1];
  if (hit === undefined) throw new Error('element id not found in fixture');
  return hit;
}
