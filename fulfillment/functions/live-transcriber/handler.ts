import { coldStart } from '../../runtime/coldStart';
import { transcribeLive, type LiveOutcome } from '../../transcription/live/liveTranscriber';
import { liveTranscriberDepsFromEnv } from './deps';

const load = coldStart(async () => liveTranscriberDepsFromEnv());

/**
 * Lambda entry point of the live transcriber, invoked asynchronously by the recording-control function
 * when a message starts (`MaximumRetryAttempts: 0`: a retry would come too late for the caller, and
 * the batch pipeline still transcribes the recording). The event is `LiveTranscriptionRequest`; the
 * outcome (ids, counts and a code only) is returned for the invocation record.
 */
export const handler = async (event: unknown): Promise<LiveOutcome> => transcribeLive(event, await load());
