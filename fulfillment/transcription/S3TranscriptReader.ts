import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { TranscriptionError } from './errors';
import type { TranscriptReader } from './ports';

/** Transcripts are small JSON files; anything larger is not one of ours. */
const MAX_TRANSCRIPT_BYTES = 10 * 1024 * 1024;

/**
 * Amazon S3 adapter of {@link TranscriptReader}: `GetObject` of the transcript Transcribe Medical
 * wrote (decrypted by S3 with the bucket's KMS key, which the function's role must be allowed to use).
 *
 * @example
 * const text = await new S3TranscriptReader(new S3Client({})).read(bucket, 'transcripts/clinic-ivr-symptoms-n1.json');
 */
export class S3TranscriptReader implements TranscriptReader {
  readonly #client: S3Client;

  public constructor(client: S3Client) {
    this.#client = client;
  }

  public async read(bucket: string, key: string): Promise<string> {
    try {
      const output = await this.#client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!output.Body) throw new TranscriptionError('S3 returned the transcript without a body');
      if ((output.ContentLength ?? 0) > MAX_TRANSCRIPT_BYTES) throw new TranscriptionError(`Transcript object is larger than ${MAX_TRANSCRIPT_BYTES} bytes`);
      return await output.Body.transformToString('utf8');
    } catch (error) {
      if (error instanceof TranscriptionError) throw error;
      const name = error instanceof Error ? error.name : 'UnknownError';
      throw new TranscriptionError(`Transcript ${key} could not be read from S3 (${name})`, { cause: error });
    }
  }
}
