import { describe, expect, it } from 'vitest';
import { liveTranscriberDepsFromEnv } from '../../../fulfillment/functions/live-transcriber/deps';
import { ConfigError } from '../../../fulfillment/runtime/config';
import { ByLanguageStreamTranscriber, DynamoLiveTranscriptStore } from '../../../fulfillment/transcription/live';

describe('live-transcriber function dependencies', () => {
  it('needs the notes table, and names it when missing', () => {
    // Act
    const load = () => liveTranscriberDepsFromEnv({ AWS_LAMBDA_FUNCTION_NAME: 'live-transcriber' });
    // Assess
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SYMPTOM_NOTES_TABLE_NAME/);
  });

  it('stores live transcripts on the notes table and streams to Transcribe Medical, or standard Transcribe for Spanish', () => {
    // Act
    const deps = liveTranscriberDepsFromEnv({ AWS_LAMBDA_FUNCTION_NAME: 'live-transcriber', AWS_REGION: 'us-east-1', SYMPTOM_NOTES_TABLE_NAME: 'clinic-ivr-notes' });
    // Assess
    expect(deps.store).toBeInstanceOf(DynamoLiveTranscriptStore);
    expect(deps.transcriber).toBeInstanceOf(ByLanguageStreamTranscriber);
  });
});
