import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoNoteStore } from '../../notes/store';
import { storeRecording, KinesisVideoMediaSource, S3RecordingStore } from '../../recording/audio';
import { DynamoCaptureJobStore } from '../../recording/jobs';
import { awsWorkerConfig, type AwsWorkerConfig } from '../../runtime/workerConfig';
import type { CompletionDeps, StoreRecording, RecordingWorkerDeps } from '../../transcription/ports';
import { SqsCheckScheduler } from '../../transcription/SqsCheckScheduler';
import { TranscribeJobStatusReader } from '../../transcription/TranscribeJobStatusReader';
import { ByLanguageTranscriber, TranscribeMedicalTranscriber, TranscribeStandardTranscriber } from '../../transcription/transcriber';
// The recording worker also completes transcriptions it polls, with the transcription worker's wiring.
import { completionDepsFromEnv } from '../transcription-worker/deps';

/**
 * The audio stage in AWS: `storeRecording` over Kinesis Video Streams, writing the WAV to the
 * recordings bucket under the recordings key (SSE-KMS). Clients are created once per container.
 */
export function storeFromKinesisVideo(worker: AwsWorkerConfig): StoreRecording {
  const media = new KinesisVideoMediaSource({ client: new KinesisVideoClient({}) });
  const store = new S3RecordingStore({ client: new S3Client({}), bucket: worker.recordingsBucket, kmsKeyId: worker.recordingsKmsKeyArn });
  return (request) => storeRecording(request, { media, store });
}

/**
 * The recording worker from the environment. `makeStoreRecording` builds the audio stage (`storeRecording`
 * over Kinesis Video Streams and the S3 recording store); the completion side is built on first use.
 */
export function recordingWorkerDepsFromEnv(makeStoreRecording: (worker: AwsWorkerConfig) => StoreRecording, env: NodeJS.ProcessEnv = process.env): RecordingWorkerDeps {
  const worker = awsWorkerConfig(env);
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const transcribe = new TranscribeClient({});
  const output = { outputBucket: worker.recordingsBucket, outputKeyPrefix: worker.transcriptsPrefix, kmsKeyId: worker.recordingsKmsKeyArn };
  let completion: Promise<CompletionDeps> | undefined;
  return {
    jobs: new DynamoCaptureJobStore({ client: dynamo, tableName: worker.notesTable }),
    storeRecording: makeStoreRecording(worker),
    // Transcribe Medical is US English only: a message in Spanish goes to standard Transcribe (issue 18).
    transcriber: new ByLanguageTranscriber({
      'en-US': new TranscribeMedicalTranscriber({ client: transcribe, ...output }),
      'es-US': new TranscribeStandardTranscriber({ client: transcribe, ...output }),
    }),
    store: new DynamoNoteStore({ client: dynamo, tableName: worker.notesTable, retentionDays: worker.noteRetentionDays }),
    checks: new SqsCheckScheduler({ client: new SQSClient({}), queueUrl: worker.queueUrl }),
    jobStatus: new TranscribeJobStatusReader(transcribe),
    completion: () => {
      completion ??= completionDepsFromEnv(env).catch((error: unknown) => {
        completion = undefined;
        throw error;
      });
      return completion;
    },
  };
}
