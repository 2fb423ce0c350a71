import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidContactIdError, RecordingStoreError } from '../../../fulfillment/recording';
import { S3RecordingStore, toWav16k } from '../../../fulfillment/recording/audio';
import { CONTACT_A, CONTACT_B } from '../../support/audioFixtures';

/** s3rver ships no type declarations: the few members used here. */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  readonly httpServer?: Server;
}
type S3rverClass = new (options: { address: string; port: number; silent: boolean; directory: string; configureBuckets: { name: string }[] }) => S3rverInstance;
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

const BUCKET = 'clinic-ivr-recordings';
const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const wav = toWav16k(Int16Array.from({ length: 800 }, (_, i) => Math.round(8000 * Math.sin(i / 3))), 8000);

describe('S3RecordingStore against s3rver on loopback', () => {
  let server: S3rverInstance;
  let directory: string;
  let client: S3Client;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'clinic-ivr-s3-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
    const { port } = await server.run();
    client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    server.httpServer?.closeAllConnections();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('finds a recording after putting it, with its key, URI and sample count', async () => {
    // Prepare
    const store = new S3RecordingStore({ client, bucket: BUCKET, kmsKeyId: KMS_KEY });
    // Act
    const put = await store.put(CONTACT_A, wav);
    const found = await store.find(CONTACT_A);
    // Assess
    const key = `recordings/${CONTACT_A}.wav`;
    expect(put).toEqual({ key, uri: `s3://${BUCKET}/${key}`, sampleCount: 1600 });
    expect(found).toEqual(put);
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(object.ContentType).toBe('audio/wav');
    expect(await object.Body?.transformToByteArray()).toEqual(wav);
  });

  it('keeps one object when the same recording is put twice', async () => {
    // Prepare
    const store = new S3RecordingStore({ client, bucket: BUCKET, kmsKeyId: KMS_KEY });
    // Act
    await store.put(CONTACT_B, wav);
    await store.put(CONTACT_B, wav);
    // Assess
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `recordings/${CONTACT_B}` }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([`recordings/${CONTACT_B}.wav`]);
  });

  it('finds nothing for a contact never recorded', async () => {
    // Prepare
    const store = new S3RecordingStore({ client, bucket: BUCKET, kmsKeyId: KMS_KEY });
    // Act
    const found = await store.find('00000000-0000-4000-8000-000000000000');
    // Assess
    expect(found).toBeUndefined();
  });
});

describe('S3RecordingStore requests', () => {
  // The mock patches this one client only: the s3rver tests above keep their real client.
  const mocked = new S3Client({ region: 'us-east-1' });
  const s3 = mockClient(mocked);
  const store = () => new S3RecordingStore({ client: mocked, bucket: BUCKET, kmsKeyId: KMS_KEY });

  afterEach(() => {
    s3.reset();
  });

  it('writes with SSE-KMS under the customer-managed key, as audio/wav', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    // Act
    await store().put(CONTACT_A, wav);
    // Assess
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: BUCKET,
      Key: `recordings/${CONTACT_A}.wav`,
      Body: wav,
      ContentType: 'audio/wav',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KMS_KEY,
      Metadata: { 'sample-count': '1600' },
    });
  });

  it('refuses a contact id that could leave the recordings/ prefix, before any request', async () => {
    // Act
    const put = store().put('../secrets/key', wav);
    // Assess
    await expect(put).rejects.toThrow(InvalidContactIdError);
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 0);
  });

  it('reports a refused HeadObject other than NotFound as RecordingStoreError', async () => {
    // Prepare
    s3.on(HeadObjectCommand).rejects(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' }));
    // Act
    const found = store().find(CONTACT_A);
    // Assess
    await expect(found).rejects.toThrow(RecordingStoreError);
  });
});
