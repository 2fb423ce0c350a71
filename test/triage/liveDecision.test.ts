import { describe, expect, it } from 'vitest';
import { MemoryLiveTranscriptStore } from '../../fulfillment/transcription/live';
import { decideFromLiveTranscript, LIVE_TRIAGE_QUIET_MS, LIVE_TRIAGE_WAIT_MS } from '../../fulfillment/triage';
import { FakeClock } from '../support/fakeClock';

const CONTACT_ID = '7d1c3a52-8f0e-4b6a-9c2d-1e5f7a9b3c4d';
const RULES = 'test-rules';
/** The live transcriber in AWS records its end after its read of the stream was idle this long (constants.ts). */
const AWS_IDLE_END_MS = 3_000;

/**
 * A live transcript as the stop call finds it, and what the transcriber writes while the stop call
 * waits: each `later` entry lands once the fake clock has reached its time (ms after the stop call began).
 */
async function transcriptOf(
  initial: readonly string[],
  later: readonly { readonly atMs: number; readonly text?: string; readonly end?: 'complete' | 'failed' }[] = [{ atMs: AWS_IDLE_END_MS, end: 'complete' }],
) {
  const clock = new FakeClock();
  const transcripts = new MemoryLiveTranscriptStore();
  const iso = () => new Date(clock.now()).toISOString();
  await transcripts.claim(CONTACT_ID, iso());
  let index = 0;
  const append = (text: string) => transcripts.append(CONTACT_ID, { index: index++, text, startMs: index * 2_000, endMs: index * 2_000 + 1_500 });
  for (const text of initial) await append(text);
  const begin = clock.now();
  const pending = [...later];
  const sleep = clock.sleep.bind(clock);
  clock.sleep = async (ms) => {
    await sleep(ms);
    while (pending[0] && clock.now() - begin >= pending[0].atMs) {
      const next = pending.shift()!;
      if (next.text) await append(next.text);
      if (next.end === 'complete') await transcripts.finish(CONTACT_ID, { outcome: 'complete', at: iso() });
      if (next.end === 'failed') await transcripts.finish(CONTACT_ID, { outcome: 'failed', at: iso(), reason: 'BadRequestException' });
    }
  };
  const decide = async () => {
    const decision = await decideFromLiveTranscript(CONTACT_ID, { transcripts, clock }, RULES);
    return { decision, waitedMs: clock.now() - begin };
  };
  return { decide };
}

describe('the live decision at # (decideFromLiveTranscript)', () => {
  it('judges the final segments once the transcript is quiet, before the transcriber ends it 3 s after streaming stops', async () => {
    // Prepare
    const live = await transcriptOf(['I have crushing chest pain.']);
    // Act
    const { decision, waitedMs } = await live.decide();
    // Assess
    expect(decision).toMatchObject({ triage: 'urgent', flag: 'chest-pain', reason: 'quiet' });
    expect(waitedMs).toBe(LIVE_TRIAGE_QUIET_MS);
    expect(waitedMs).toBeLessThan(LIVE_TRIAGE_WAIT_MS);
  });

  it('answers routine for quiet final segments without a red flag', async () => {
    // Prepare
    const live = await transcriptOf(['No chest pain.', 'I would like my refill, please.']);
    // Act
    const { decision } = await live.decide();
    // Assess
    expect(decision).toMatchObject({ triage: 'routine', reason: 'quiet' });
  });

  it('takes a last segment that arrives while the stop call waits, and judges once quiet after it', async () => {
    // Prepare
    const live = await transcriptOf(['I need a refill of my inhaler.'], [{ atMs: 600, text: 'And since this morning I have chest pain.' }, { atMs: AWS_IDLE_END_MS, end: 'complete' }]);
    // Act
    const { decision, waitedMs } = await live.decide();
    // Assess
    expect(decision).toMatchObject({ triage: 'urgent', flag: 'chest-pain', reason: 'quiet' });
    expect(waitedMs).toBe(600 + LIVE_TRIAGE_QUIET_MS);
  });

  it('takes the end when it comes before the transcript is quiet', async () => {
    // Prepare
    const live = await transcriptOf(['I have crushing chest pain.'], [{ atMs: 400, end: 'complete' }]);
    // Act
    const { decision, waitedMs } = await live.decide();
    // Assess
    expect(decision).toMatchObject({ triage: 'urgent', reason: 'decided' });
    expect(waitedMs).toBe(400);
  });

  it('answers unknown for a transcript that ended failed, even with segments stored', async () => {
    // Prepare
    const live = await transcriptOf(['I have crushing chest pain.'], [{ atMs: 200, end: 'failed' }]);
    // Act
    const { decision } = await live.decide();
    // Assess
    expect(decision).toEqual({ triage: 'unknown', reason: 'liveFailed', rulesVersion: RULES });
  });

  it('answers unknown at 2 s when segments keep coming and none says urgent', async () => {
    // Prepare
    const later = [500, 1_000, 1_500, 1_900].map((atMs) => ({ atMs, text: 'and my refill' }));
    const live = await transcriptOf(['I need a refill.'], [...later, { atMs: AWS_IDLE_END_MS, end: 'complete' }]);
    // Act
    const { decision, waitedMs } = await live.decide();
    // Assess
    expect(decision).toEqual({ triage: 'unknown', reason: 'late', rulesVersion: RULES });
    expect(waitedMs).toBe(LIVE_TRIAGE_WAIT_MS);
  });

  it('answers urgent at 2 s when segments keep coming but a red flag is already said', async () => {
    // Prepare
    const later = [500, 1_000, 1_500, 1_900].map((atMs) => ({ atMs, text: 'and it is getting worse' }));
    const live = await transcriptOf(['I have crushing chest pain.'], [...later, { atMs: AWS_IDLE_END_MS, end: 'complete' }]);
    // Act
    const { decision, waitedMs } = await live.decide();
    // Assess
    expect(decision).toMatchObject({ triage: 'urgent', flag: 'chest-pain', reason: 'lateUrgent' });
    expect(waitedMs).toBe(LIVE_TRIAGE_WAIT_MS);
  });

  it('answers unknown at 2 s when no final segment is stored and the transcript has not ended', async () => {
    // Prepare
    const live = await transcriptOf([]);
    // Act
    const { decision, waitedMs } = await live.decide();
    // Assess
    expect(decision).toEqual({ triage: 'unknown', reason: 'late', rulesVersion: RULES });
    expect(waitedMs).toBe(LIVE_TRIAGE_WAIT_MS);
  });
});
