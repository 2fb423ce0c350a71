import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { S3Client } from '@aws-sdk/client-s3';
import { captureRecording, KinesisVideoMediaSource, S3RecordingStore } from '../audio';
import type { AwsWorkerConfig } from './deps';
import type { RecordingCapture } from './ports';

/**
 * The audio stage in AWS: `captureRecording` over Kinesis Video Streams, writing the WAV to the
 * recordings bucket under the recordings key (SSE-KMS). Clients are created once per container.
 */
export function audioCapture(worker: AwsWorkerConfig): RecordingCapture {
  const media = new KinesisVideoMediaSource({ client: new KinesisVideoClient({}) });
  const store = new S3RecordingStore({ client: new S3Client({}), bucket: worker.recordingsBucket, kmsKeyId: worker.recordingsKmsKeyArn });
  return (request) => captureRecording(request, { media, store });
}
