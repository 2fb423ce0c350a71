import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { RecordingStoreError, UnsatisfiableRangeError } from '../errors';
import { errorName } from '../../runtime/errors';
import { checkRange } from './ranges';
import { recordingKey } from './recordingKey';
import type { RecordingPart, RecordingRange, RecordingReader, RecordingStore, StoredRecording } from './types';
import { readWavInfo } from './wav';

/** Options of {@link S3RecordingStore}. */
export interface S3RecordingStoreOptions {
  readonly client: S3Client;
  /** Bucket name (no `s3://`). */
  readonly bucket: string;
  /** Customer-managed KMS key (ARN or id) that encrypts every recording: they hold PHI. */
  readonly kmsKeyId: string;
}

/** Object metadata (`x-amz-meta-sample-count`) that lets a retry report the stored recording's length. */
const SAMPLE_COUNT_METADATA = 'sample-count';

/**
 * {@link RecordingStore} in S3: `recordings/<contactId>.wav`, written with `PutObject` under SSE-KMS
 * with the given key and `ContentType: audio/wav` (writing again replaces the same object); found with
 * `HeadObject` (`NotFound` means not yet written); read for the care team ({@link RecordingReader})
 * with `GetObject` and a `Range` header, streamed (S3 decrypts with the key; the reader needs
 * `kms:Decrypt` on it).
 *
 * @example
 * const store = new S3RecordingStore({ client: new S3Client({}), bucket: 'clinic-ivr-recordings', kmsKeyId });
 * await store.put(contactId, wav); // { key: 'recordings/<contactId>.wav', uri: 's3://clinic-ivr-recordings/recordings/<contactId>.wav' }
 */
export class S3RecordingStore implements RecordingStore, RecordingReader {
  readonly #options: S3RecordingStoreOptions;

  public constructor(options: S3RecordingStoreOptions) {
    if (!options.bucket || options.bucket.includes('/')) throw new TypeError('bucket must be a bucket name (no s3://, no slash)');
    if (!options.kmsKeyId) throw new TypeError('kmsKeyId is required: recordings hold PHI');
    this.#options = options;
  }

  public async put(contactId: string, wav: Uint8Array): Promise<StoredRecording> {
    const key = recordingKey(contactId);
    const { sampleCount } = readWavInfo(wav);
    try {
      await this.#options.client.send(
        new PutObjectCommand({
          Bucket: this.#options.bucket,
          Key: key,
          Body: wav,
          ContentType: 'audio/wav',
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: this.#options.kmsKeyId,
          Metadata: { [SAMPLE_COUNT_METADATA]: String(sampleCount) },
        }),
      );
    } catch (error) {
      throw new RecordingStoreError(`PutObject ${key} failed (${errorName(error)})`, { cause: error });
    }
    return { key, uri: this.#uri(key), sampleCount };
  }

  public async find(contactId: string): Promise<StoredRecording | undefined> {
    const key = recordingKey(contactId);
    try {
      const head = await this.#options.client.send(new HeadObjectCommand({ Bucket: this.#options.bucket, Key: key }));
      const sampleCount = Number(head.Metadata?.[SAMPLE_COUNT_METADATA]);
      return { key, uri: this.#uri(key), ...(Number.isInteger(sampleCount) && sampleCount >= 0 ? { sampleCount } : {}) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new RecordingStoreError(`HeadObject ${key} failed (${errorName(error)})`, { cause: error });
    }
  }

  public async read(contactId: string, range?: RecordingRange): Promise<RecordingPart | undefined> {
    checkRange(range);
    const key = recordingKey(contactId);
    let answer;
    try {
      answer = await this.#options.client.send(
        new GetObjectCommand({ Bucket: this.#options.bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end ?? ''}` } : {}) }),
      );
    } catch (error) {
      if (isMissing(error)) return undefined;
      if (errorName(error) === 'InvalidRange' || statusOf(error) === 416) {
        const whole = await this.#size(key);
        if (whole === undefined) return undefined;
        throw new UnsatisfiableRangeError(whole, { cause: error });
      }
      throw new RecordingStoreError(`GetObject ${key} failed (${errorName(error)})`, { cause: error });
    }
    const body = answer.Body as AsyncIterable<Uint8Array> | undefined;
    if (!body || typeof body[Symbol.asyncIterator] !== 'function') throw new RecordingStoreError(`GetObject ${key} returned no body`);
    const span = range ? parseContentRange(answer.ContentRange) : { start: 0, end: (answer.ContentLength ?? 0) - 1, total: answer.ContentLength ?? 0 };
    if (!span) throw new RecordingStoreError(`GetObject ${key} answered a range without a Content-Range`);
    return { contentType: 'audio/wav', totalBytes: span.total, start: span.start, end: span.end, body };
  }

  /** The object's size, or `undefined` when there is none. */
  async #size(key: string): Promise<number | undefined> {
    try {
      const head = await this.#options.client.send(new HeadObjectCommand({ Bucket: this.#options.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new RecordingStoreError(`HeadObject ${key} failed (${errorName(error)})`, { cause: error });
    }
  }

  #uri(key: string): string {
    return `s3://${this.#options.bucket}/${key}`;
  }
}

/** HTTP status of an S3 error, when it carries one. */
function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** S3 has no such object: `NoSuchKey` (GetObject) or `NotFound` (HeadObject, no body to name it). */
function isMissing(error: unknown): boolean {
  return errorName(error) === 'NoSuchKey' || errorName(error) === 'NotFound' || statusOf(error) === 404;
}

/** `bytes <start>-<end>/<total>`, as S3 answers a ranged GetObject. */
function parseContentRange(header: string | undefined): { readonly start: number; readonly end: number; readonly total: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) };
}
