import type { Clock } from '../runtime/clock';
import { judgeRedFlags } from '../notes/triage';
import type { LiveTranscript, LiveTranscriptStore } from '../transcription/live';
import type { RedFlagId } from '../../contract';

/** How long the stop call waits at most for the live transcript's end: the 2 s, inside the flow's 8 s. */
export const LIVE_TRIAGE_WAIT_MS = 2_000;

/** How often the stop call reads the live transcript while it waits. */
export const LIVE_TRIAGE_POLL_MS = 50;

/** The decision on a live transcript, with a reason code (never words). */
export interface LiveDecision {
  readonly triage: 'urgent' | 'routine' | 'unknown';
  readonly flag?: RedFlagId;
  /** `decided`, or why `unknown`: `noLiveTranscript`, `liveFailed`, `late`. */
  readonly reason: 'decided' | 'noLiveTranscript' | 'liveFailed' | 'late';
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
}

/**
 * Waits (at most `waitMs`, by the clock, in a bounded loop) for the contact's live transcript to end,
 * then judges its final segments with the red-flag rules. No transcript (no transcriber claimed the
 * contact: not started, throttled), a failed one, or one not ended in time is `unknown`.
 *
 * @example
 * const decision = await decideFromLiveTranscript(contactId, { transcripts, clock }); // { triage: 'urgent', flag: 'chest-pain', … }
 */
export async function decideFromLiveTranscript(contactId: string, options: LiveDecisionOptions, rulesVersion: string): Promise<LiveDecision> {
  const waitMs = options.waitMs ?? LIVE_TRIAGE_WAIT_MS;
  const pollMs = Math.max(1, options.pollMs ?? LIVE_TRIAGE_POLL_MS);
  const startedAt = options.clock.now();
  const maxReads = Math.ceil(waitMs / pollMs) + 1;
  let transcript: LiveTranscript | undefined;
  for (let read = 0; read < maxReads; read += 1) {
    transcript = await options.transcripts.read(contactId);
    if (!transcript) return { triage: 'unknown', reason: 'noLiveTranscript', rulesVersion };
    if (transcript.end) break;
    const left = waitMs - (options.clock.now() - startedAt);
    if (left <= 0) break;
    await options.clock.sleep(Math.min(pollMs, left));
  }
  if (!transcript?.end) return { triage: 'unknown', reason: 'late', rulesVersion };
  if (transcript.end.outcome === 'failed') return { triage: 'unknown', reason: 'liveFailed', rulesVersion };
  const verdict = judgeRedFlags(transcript.segments.map((segment) => segment.text.trim()).join(' '));
  return { triage: verdict.decision, ...(verdict.decision === 'urgent' && verdict.flag ? { flag: verdict.flag } : {}), reason: 'decided', rulesVersion: verdict.rulesVersion };
}
