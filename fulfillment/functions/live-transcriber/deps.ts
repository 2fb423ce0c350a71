import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { TranscribeStreamingClient } from '@aws-sdk/client-transcribe-streaming';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KinesisVideoMediaSource } from '../../recording/audio/KinesisVideoMediaSource';
import { ConfigError, loadCaptureConfig } from '../../runtime/config';
import { systemClock } from '../../runtime/clock';
import { DynamoLiveTranscriptStore } from '../../transcription/live/dynamo';
import type { LiveTranscriberDeps } from '../../transcription/live/liveTranscriber';
import { TranscribeMedicalStreamTranscriber } from '../../transcription/live/TranscribeMedicalStreamTranscriber';
import { ByLanguageStreamTranscriber, TranscribeStandardStreamTranscriber } from '../../transcription/live/TranscribeStandardStreamTranscriber';

/**
 * Production dependencies of the live-transcriber function: the live transcript store on the notes
 * table (`SYMPTOM_NOTES_TABLE_NAME`, items `live#<contactId>`), Kinesis Video Streams and Transcribe
 * Medical streaming. Clients are created once per container.
 *
 * @throws {ConfigError} when the table is not configured
 */
export function liveTranscriberDepsFromEnv(env: NodeJS.ProcessEnv = process.env): LiveTranscriberDeps {
  const { notesTable } = loadCaptureConfig(env, 'read');
  if (!notesTable) throw new ConfigError('Invalid configuration: SYMPTOM_NOTES_TABLE_NAME is required by the live transcriber');
  const streaming = new TranscribeStreamingClient({});
  return {
    store: new DynamoLiveTranscriptStore({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: notesTable, clock: systemClock }),
    media: new KinesisVideoMediaSource({ client: new KinesisVideoClient({}) }),
    // Transcribe Medical streaming is US English only: a message in Spanish streams to standard Transcribe (issue 18).
    transcriber: new ByLanguageStreamTranscriber({ 'en-US': new TranscribeMedicalStreamTranscriber({ client: streaming }), 'es-US': new TranscribeStandardStreamTranscriber({ client: streaming }) }),
    clock: systemClock,
  };
}
