import { describe, expect, it } from 'vitest';
import { toRecordingRequest, type CaptureJob } from '../../../fulfillment/recording';
import { FIXTURE_AUDIO, openJob } from '../../support/recordingJobs';

describe('what the capture stage hands on', () => {
  it('maps a closed job to the RecordingRequest of the audio stage', () => {
    // Prepare
    const job: CaptureJob = { ...openJob('c-1', '2026-11-25T12:00:00.000Z', { startTimestampMs: FIXTURE_AUDIO.startTimestampMs }), status: 'closed', closedBy: 'caller', stopTimestampMs: FIXTURE_AUDIO.stopTimestampMs };
    // Act
    const request = toRecordingRequest(job);
    // Assess
    expect(request).toEqual({
      contactId: 'c-1',
      streamArn: FIXTURE_AUDIO.streamArn,
      startFragmentNumber: FIXTURE_AUDIO.startFragmentNumber,
      startTimestampMs: FIXTURE_AUDIO.startTimestampMs,
      stopTimestampMs: FIXTURE_AUDIO.stopTimestampMs,
    });
  });
});
