import type { MessageLanguage } from '../../contract';
import type { CaptureJob } from './jobs';

/**
 * The recording side's view of the live transcriber's starter (`LiveTranscriberStarter` in
 * `fulfillment/transcription/live/port.ts`, which this folder may not import: transcription already
 * imports recording). The same shape, so the adapters there fit here as they are.
 */
export interface LiveTranscriptionStarter {
  start(request: {
    readonly contactId: string;
    readonly streamArn: string;
    readonly startFragmentNumber?: string;
    readonly startTimestamp?: string;
    readonly language?: MessageLanguage;
  }): Promise<'started' | 'throttled' | 'failed'>;
}

/**
 * Longest the start answer to the flow waits on the live transcriber's start. The asynchronous
 * `Invoke` returns once Lambda has queued the event (tens of milliseconds); past this bound the
 * start counts as `failed` and the message is recorded as ever, without live triage.
 */
export const LIVE_START_TIMEOUT_MS = 300;

/** How the start of live transcription went, as the log label of the flow's start step. */
export type LiveStartLabel = 'live:started' | 'live:throttled' | 'live:failed';

/**
 * Starts the live transcription of the job's message, bounded by {@link LIVE_START_TIMEOUT_MS}; never
 * throws. Only ids and where the audio is go out: contact id, stream ARN, fragment number, timestamp
 * (and the message's language when it is not en-US).
 *
 * @example
 * const label = await startLiveTranscription(deps.liveTranscriber, job); // 'live:started'
 */
export async function startLiveTranscription(starter: LiveTranscriptionStarter, job: CaptureJob): Promise<LiveStartLabel> {
  const request = {
    contactId: job.contactId,
    streamArn: job.streamArn,
    startFragmentNumber: job.startFragmentNumber,
    ...(job.startTimestampMs !== undefined ? { startTimestamp: String(job.startTimestampMs) } : {}),
    // Only a language other than en-US is sent: the live transcriber's default stays the medical stream.
    ...(job.language !== undefined && job.language !== 'en-US' ? { language: job.language } : {}),
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'failed'>((resolve) => {
    timer = setTimeout(() => resolve('failed'), LIVE_START_TIMEOUT_MS);
  });
  try {
    // A starter should never throw; one that does counts as failed.
    const outcome = await Promise.race([starter.start(request).catch(() => 'failed' as const), late]);
    return `live:${outcome}`;
  } finally {
    clearTimeout(timer);
  }
}
