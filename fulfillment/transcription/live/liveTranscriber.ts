import * as z from 'zod';
import { MESSAGE_LANGUAGES } from '../../../contract';
import { CONTACT_ID_PATTERN } from '../../recording/audio/constants';
import type { MediaSource } from '../../recording/audio/types';
import { systemClock, type Clock } from '../../runtime/clock';
import { errorName } from '../../runtime/errors';
import { logger as defaultLogger, type StructuredLogger } from '../../runtime/logger';
import { DEFAULT_LIVE_LIMITS, LIVE_FAILURES, type LiveLimits } from './constants';
import { MedicalStreamError } from './errors';
import { readLiveCallerAudio, type LiveReadResult } from './kvsLiveAudio';
import type { MedicalStreamTranscriber } from './medicalStream';
import type { LiveTranscriptStore } from './port';

/** What {@link transcribeLive} needs. */
export interface LiveTranscriberDeps {
  readonly store: LiveTranscriptStore;
  /** The Kinesis Video stream reader (`KinesisVideoMediaSource` in AWS). */
  readonly media: MediaSource;
  readonly transcriber: MedicalStreamTranscriber;
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default the fulfillment logger */
  readonly logger?: StructuredLogger;
  /** Missing bounds take {@link DEFAULT_LIVE_LIMITS}. */
  readonly limits?: Partial<LiveLimits>;
}

/** How one invocation went. No PHI: safe to log and to return. */
export type LiveOutcome =
  | { readonly outcome: 'invalid' }
  | { readonly outcome: 'duplicate'; readonly contactId: string }
  | { readonly outcome: 'complete'; readonly contactId: string; readonly segments: number; readonly audioMs: number }
  | { readonly outcome: 'failed'; readonly contactId: string; readonly segments: number; readonly reason: string };

/** The start request as the recording-control function sends it (the asynchronous invocation's payload), checked once here. */
const requestSchema = z
  .object({
    contactId: z.string().regex(CONTACT_ID_PATTERN, 'contactId must be a UUID'),
    streamArn: z.string().regex(/^arn:aws[a-z-]*:kinesisvideo:[a-z0-9-]+:\d{12}:stream\/.+/, 'streamArn must be a Kinesis Video stream ARN'),
    startFragmentNumber: z.string().regex(/^\d{1,128}$/).optional(),
    startTimestamp: z.string().regex(/^\d{1,16}$/).optional(),
    language: z.enum(MESSAGE_LANGUAGES).optional(),
  })
  .refine((request) => request.startFragmentNumber !== undefined || request.startTimestamp !== undefined, 'a start fragment number or timestamp is required');

/** Ends a stored transcript early: its reason code. */
class LiveStop extends Error {
  public constructor(public readonly reason: string) {
    super(reason);
  }
}

/**
 * The live transcriber of one message: claims the contact (a second or late start for the same
 * contact does nothing), reads the caller's track from the Kinesis Video stream as Connect writes it
 * ({@link readLiveCallerAudio}), streams it to Transcribe Medical, and stores each final segment as it
 * comes (index in arrival order, offsets in ms). When the audio ends (the flow stopped streaming, the
 * next call's fragments, or `maxAudioMs`) the stream is closed, Transcribe's last results are stored,
 * and the end is `complete`; any failure, the deadline or too many segments end it `failed` with a
 * code (the service's exception name, the read's error name, or one of {@link LIVE_FAILURES}), never text.
 * Never throws. Logs the contact id, counts, timings and outcome only.
 *
 * @example
 * const outcome = await transcribeLive(event, { store, media: new KinesisVideoMediaSource(), transcriber: new TranscribeMedicalStreamTranscriber() });
 */
export async function transcribeLive(request: unknown, deps: LiveTranscriberDeps): Promise<LiveOutcome> {
  const logger = deps.logger ?? defaultLogger;
  const clock = deps.clock ?? systemClock;
  const limits: LiveLimits = { ...DEFAULT_LIVE_LIMITS, ...deps.limits };
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) {
    logger.warn('Live transcription request refused', { outcome: 'invalid', issues: parsed.error.issues.map((issue) => issue.path.join('.') || 'request') });
    return { outcome: 'invalid' };
  }
  const { contactId, streamArn, startFragmentNumber, startTimestamp, language } = parsed.data;
  const started = clock.now();
  let claimed: boolean;
  try {
    claimed = await deps.store.claim(contactId, new Date(started).toISOString());
  } catch (error) {
    // Nothing claimed, so nothing to finish: the stop call finds no transcript and decides `unknown`.
    logger.error('Live transcript not claimed', { contactId, outcome: 'failed', reason: errorName(error) });
    return { outcome: 'failed', contactId, segments: 0, reason: errorName(error) };
  }
  if (!claimed) {
    logger.info('Live transcription already started', { contactId, outcome: 'duplicate' });
    return { outcome: 'duplicate', contactId };
  }

  // One signal stops both the read and the stream: at the deadline, or once the stream is over.
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, limits.deadlineMs);
  // Connect's StartFragmentNumber is always sent; the reader prefers the timestamp when there is one.
  const audio = readLiveCallerAudio(
    deps.media,
    { contactId, streamArn, startFragmentNumber: startFragmentNumber ?? '', ...(startTimestamp !== undefined ? { startTimestampMs: Number(startTimestamp) } : {}) },
    limits,
    stop.signal,
  );
  let segments = 0;
  let read: LiveReadResult | undefined;
  let reason: string | undefined;
  try {
    // Transcribe Medical streaming for English, standard Transcribe streaming for Spanish (issue 18).
    for await (const result of deps.transcriber.transcribe(audio.pcm, { signal: stop.signal, ...(language ? { language } : {}) })) {
      if (result.isPartial || !result.text.trim()) continue;
      if (segments >= limits.maxSegments) throw new LiveStop(LIVE_FAILURES.tooManySegments);
      await deps.store.append(contactId, { index: segments, text: result.text, startMs: result.startMs, endMs: result.endMs });
      segments += 1;
    }
    // Transcribe has answered for all the audio it was sent; a read it stopped taking from ends here.
    stop.abort();
    read = await audio.finished;
    if (timedOut) reason = LIVE_FAILURES.deadline;
    else if (read.contactFragments === 0) reason = LIVE_FAILURES.noCallerAudio;
  } catch (error) {
    stop.abort();
    // A failed read also breaks the stream it feeds: the read's error is the cause worth recording.
    const readError = await audio.finished.then(() => undefined, (failure: unknown) => failure);
    reason = failureCode(timedOut ? new LiveStop(LIVE_FAILURES.deadline) : (readError ?? error));
  } finally {
    clearTimeout(timer);
  }

  const facts = { contactId, segments, audioMs: read?.audioMs, bytesRead: read?.bytesRead, stoppedBy: read?.stoppedBy, elapsedMs: clock.now() - started };
  const end = reason === undefined ? ({ outcome: 'complete', at: new Date(clock.now()).toISOString() } as const) : ({ outcome: 'failed', at: new Date(clock.now()).toISOString(), reason } as const);
  try {
    await deps.store.finish(contactId, end);
  } catch (error) {
    logger.error('Live transcript end not recorded', { ...facts, outcome: end.outcome, reason: errorName(error) });
  }
  if (reason !== undefined) {
    logger.warn('Live transcription failed', { ...facts, outcome: 'failed', reason });
    return { outcome: 'failed', contactId, segments, reason };
  }
  logger.info('Live transcription complete', { ...facts, outcome: 'complete' });
  return { outcome: 'complete', contactId, segments, audioMs: read?.audioMs ?? 0 };
}

/** The code stored for a failure: never a message. */
function failureCode(error: unknown): string {
  if (error instanceof LiveStop) return error.reason;
  if (error instanceof MedicalStreamError) return error.code;
  return errorName(error);
}
