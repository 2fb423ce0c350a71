import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { RecordingStoreError } from '../errors';
import { errorName } from '../../runtime/errors';
import { recordingKey } from './recordingKey';
import type { RecordingStore, StoredRecording } from './types';
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
 * `HeadObject` (`NotFound` means not yet written).
 *
 * @example
 * const store = new S3RecordingStore({ client: new S3Client({}), bucket: 'clinic-ivr-recordings', kmsKeyId });
 * await store.put(contactId, wav); // { key: 'recordings/<contactId>.wav', uri: 's3://clinic-ivr-recordings/recordings/<contactId>.wav' }
 */
export class S3RecordingStore implements RecordingStore {
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
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (errorName(error) === 'NotFound' || status === 404) return undefined;
      throw new RecordingStoreError(`HeadObject ${key} failed (${errorName(error)})`, { cause: error });
    }
  }

  #uri(key: string): string {
    return `s3://${this.#options.bucket}/${key}`;
  }
}
