import type { Clock } from '../runtime/clock';
import { judgeRedFlags } from '../notes/triage';
import type { LiveTranscript, LiveTranscriptStore } from '../transcription/live';
import type { RedFlagId } from '../../contract';

/** How long the stop call waits at most for the live transcript: the 2 s, inside the flow's 8 s. */
export const LIVE_TRIAGE_WAIT_MS = 2_000;

/** How often the stop call reads the live transcript while it waits. */
export const LIVE_TRIAGE_POLL_MS = 50;

/**
 * How long the live transcript must stay quiet (no new final segment), watched by the stop call, before
 * its final segments are judged without the transcriber's end. The transcriber records its end only
 * after its read of the stream went idle for `idleTimeoutMs` (3 s, `transcription/live/constants.ts`),
 * later than the stop call can wait; the stop call runs only once the flow has stopped streaming
 * (Connect's stop timestamp is passed), and Transcribe finalizes a segment at "a pause in the audio"
 * (https://docs.aws.amazon.com/transcribe/latest/dg/streaming-partial-results.html), as before `#`; so a
 * transcript that takes no new final segment for this long while the stop call watches has, in all
 * likelihood, said what it will say. The delay from a last word to its stored segment in AWS could
 * not be measured here (README, "The timing at `#`"). Below the 2 s bound so a
 * quiet transcript is decided in time; a segment arriving late in the wait restarts it, and the 2 s
 * bound then ends the wait (see {@link decideFromLiveTranscript}).
 */
export const LIVE_TRIAGE_QUIET_MS = 1_000;

/** The decision on a live transcript, with a reason code (never words). */
export interface LiveDecision {
  readonly triage: 'urgent' | 'routine' | 'unknown';
  readonly flag?: RedFlagId;
  /**
   * `decided` (the transcript ended), `quiet` (judged on final segments that stopped coming),
   * `lateUrgent` (not quiet by the bound, but its final segments already say urgent), or why `unknown`:
   * `noLiveTranscript`, `liveFailed`, `late`.
   */
  readonly reason: 'decided' | 'quiet' | 'lateUrgent' | 'noLiveTranscript' | 'liveFailed' | 'late';
  /** Version of the red-flag rules that judged it. */
  readonly rulesVersion: string;
}

/** Options of {@link decideFromLiveTranscript}. */
export interface LiveDecisionOptions {
  readonly transcripts: LiveTranscriptStore;
  readonly clock: Clock;
  /** @default LIVE_TRIAGE_WAIT_MS */
  readonly waitMs?: number;
  /** @default LIVE_TRIAGE_POLL_MS */
  readonly pollMs?: number;
  /** @default LIVE_TRIAGE_QUIET_MS */
  readonly quietMs?: number;
}

/**
 * Waits (at most `waitMs`, by the clock, in a bounded loop) for the contact's live transcript, then
 * judges its final segments with the red-flag rules:
 *
 * - ended `complete`: judged (`decided`); ended `failed`: `unknown` (`liveFailed`);
 * - not ended, but at least one final segment stored and none new for `quietMs` while the stop call
 *   watched: judged (`quiet`), so the decision does not wait for the transcriber's idle end;
 * - at `waitMs`, neither: the final segments so far are judged, and only an urgent verdict is kept
 *   (`lateUrgent`: a red flag already said stays said); anything else is `unknown` (`late`).
 *
 * No transcript (no transcriber claimed the contact: not started, throttled) is `unknown` at once.
 *
 * @example
 * const decision = await decideFromLiveTranscript(contactId, { transcripts, clock }); // { triage: 'urgent', flag: 'chest-pain', … }
 */
export async function decideFromLiveTranscript(contactId: string, options: LiveDecisionOptions, rulesVersion: string): Promise<LiveDecision> {
  const waitMs = options.waitMs ?? LIVE_TRIAGE_WAIT_MS;
  const pollMs = Math.max(1, options.pollMs ?? LIVE_TRIAGE_POLL_MS);
  const quietMs = options.quietMs ?? LIVE_TRIAGE_QUIET_MS;
  const startedAt = options.clock.now();
  const maxReads = Math.ceil(waitMs / pollMs) + 1;
  let transcript: LiveTranscript | undefined;
  let seen = -1;
  let changedAt = startedAt;
  for (let read = 0; read < maxReads; read += 1) {
    transcript = await options.transcripts.read(contactId);
    if (!transcript) return { triage: 'unknown', reason: 'noLiveTranscript', rulesVersion };
    if (transcript.end) break;
    const now = options.clock.now();
    if (transcript.segments.length !== seen) {
      // The first read starts the quiet window: the stop call cannot know when earlier segments came.
      if (seen !== -1) changedAt = now;
      seen = transcript.segments.length;
    }
    if (seen > 0 && now - changedAt >= quietMs) return judge(transcript, 'quiet');
    const left = waitMs - (now - startedAt);
    if (left <= 0) break;
    await options.clock.sleep(Math.min(pollMs, left));
  }
  if (!transcript?.end) {
    const sofar = transcript ? judge(transcript, 'lateUrgent') : undefined;
    return sofar?.triage === 'urgent' ? sofar : { triage: 'unknown', reason: 'late', rulesVersion };
  }
  if (transcript.end.outcome === 'failed') return { triage: 'unknown', reason: 'liveFailed', rulesVersion };
  return judge(transcript, 'decided');
}

/** The red-flag rules on the transcript's final segments, in order. */
function judge(transcript: LiveTranscript, reason: 'decided' | 'quiet' | 'lateUrgent'): LiveDecision {
  const verdict = judgeRedFlags(transcript.segments.map((segment) => segment.text.trim()).join(' '));
  return { triage: verdict.decision, ...(verdict.decision === 'urgent' && verdict.flag ? { flag: verdict.flag } : {}), reason, rulesVersion: verdict.rulesVersion };
}
