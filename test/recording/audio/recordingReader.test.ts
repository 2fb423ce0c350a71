/**
 * Reading a stored recording back for the care team, whole or by byte range (what an `<audio>`
 * element asks with `Range:`), from S3 (against s3rver) and from the local folder: one behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidContactIdError, UnsatisfiableRangeError } from '../../../fulfillment/recording';
import { FileRecordingStore, S3RecordingStore, toWav16k, type RecordingPart, type RecordingReader, type RecordingStore } from '../../../fulfillment/recording/audio';
import { CONTACT_A, CONTACT_B, temporaryFolder } from '../../support/audioFixtures';
import { startLocalS3, type LocalS3 } from '../../support/localS3';

const BUCKET = 'clinic-ivr-recordings';
const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
/** 2,000 samples at 8 kHz: a 16 kHz WAV of 44 + 8,000 bytes. */
const wav = toWav16k(Int16Array.from({ length: 2000 }, (_, i) => Math.round(6000 * Math.sin(i / 5))), 8000);

async function bytesOf(part: RecordingPart): Promise<Uint8Array> {
  if (part.body instanceof Uint8Array) return part.body;
  const chunks: Uint8Array[] = [];
  for await (const chunk of part.body) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

function runRecordingReaderContract(adapter: string, make: () => RecordingStore & RecordingReader): void {
  describe(adapter, () => {
    let store: RecordingStore & RecordingReader;

    beforeAll(async () => {
      store = make();
      await store.put(CONTACT_A, wav);
    });

    it('reads the whole recording without a range', async () => {
      // Act
      const part = await store.read(CONTACT_A);
      // Assess
      expect(part).toMatchObject({ contentType: 'audio/wav', totalBytes: wav.length, start: 0, end: wav.length - 1 });
      expect(await bytesOf(part as RecordingPart)).toEqual(wav);
    });

    it('reads the bytes of a range, inclusive, and cuts an end past the last byte', async () => {
      // Act
      const middle = await store.read(CONTACT_A, { start: 100, end: 199 });
      const open = await store.read(CONTACT_A, { start: 8000 });
      const past = await store.read(CONTACT_A, { start: 8040, end: 999_999 });
      // Assess
      expect(middle).toMatchObject({ totalBytes: wav.length, start: 100, end: 199 });
      expect(await bytesOf(middle as RecordingPart)).toEqual(wav.subarray(100, 200));
      expect(open).toMatchObject({ start: 8000, end: wav.length - 1 });
      expect(await bytesOf(open as RecordingPart)).toEqual(wav.subarray(8000));
      expect(past).toMatchObject({ start: 8040, end: wav.length - 1 });
      expect(await bytesOf(past as RecordingPart)).toEqual(wav.subarray(8040));
    });

    it('refuses a range that starts at or past the end, naming the size', async () => {
      // Act
      const error = await store.read(CONTACT_A, { start: wav.length }).catch((caught: unknown) => caught);
      // Assess
      expect(error).toBeInstanceOf(UnsatisfiableRangeError);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as UnsatisfiableRangeError).totalBytes).toBe(wav.length);
    });

    it('refuses a backwards range before reading anything', async () => {
      await expect(store.read(CONTACT_A, { start: 10, end: 5 })).rejects.toBeInstanceOf(RangeError);
    });

    it('answers nothing for a contact without a recording', async () => {
      expect(await store.read(CONTACT_B)).toBeUndefined();
      expect(await store.read(CONTACT_B, { start: 0, end: 10 })).toBeUndefined();
    });

    it('derives the key from a contact id only: a path is refused', async () => {
      await expect(store.read(`../recordings/${CONTACT_A}`)).rejects.toBeInstanceOf(InvalidContactIdError);
      await expect(store.read('../../etc/passwd')).rejects.toBeInstanceOf(InvalidContactIdError);
    });
  });
}

describe('reading recordings back', () => {
  let s3: LocalS3;
  const folder = temporaryFolder();

  beforeAll(async () => {
    s3 = await startLocalS3([BUCKET]);
  });

  afterAll(async () => {
    await s3?.close();
    folder.remove();
  });

  runRecordingReaderContract('S3RecordingStore (s3rver)', () => new S3RecordingStore({ client: s3.client, bucket: BUCKET, kmsKeyId: KMS_KEY }));
  runRecordingReaderContract('FileRecordingStore', () => new FileRecordingStore(folder.path));
});
