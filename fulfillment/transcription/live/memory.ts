import type { LiveEnd, LiveSegment, LiveTranscript, LiveTranscriptStore } from './port';

/**
 * Local-mode adapter of {@link LiveTranscriptStore}: an in-process map (one process, lost on exit).
 *
 * @example
 * const store = new MemoryLiveTranscriptStore();
 * await store.claim(contactId, new Date().toISOString());
 */
export class MemoryLiveTranscriptStore implements LiveTranscriptStore {
  readonly #transcripts = new Map<string, { startedAt: string; segments: Map<number, LiveSegment>; end?: LiveEnd }>();

  public async claim(contactId: string, startedAt: string): Promise<boolean> {
    if (this.#transcripts.has(contactId)) return false;
    this.#transcripts.set(contactId, { startedAt, segments: new Map() });
    return true;
  }

  public async append(contactId: string, segment: LiveSegment): Promise<void> {
    const entry = this.#transcripts.get(contactId);
    if (!entry || entry.segments.has(segment.index)) return;
    entry.segments.set(segment.index, { ...segment });
  }

  public async finish(contactId: string, end: LiveEnd): Promise<void> {
    const entry = this.#transcripts.get(contactId);
    if (!entry || entry.end) return;
    entry.end = { ...end };
  }

  public async read(contactId: string): Promise<LiveTranscript | undefined> {
    const entry = this.#transcripts.get(contactId);
    if (!entry) return undefined;
    const segments = [...entry.segments.values()].sort((a, b) => a.index - b.index).map((s) => ({ ...s }));
    return { contactId, startedAt: entry.startedAt, segments, ...(entry.end ? { end: { ...entry.end } } : {}) };
  }
}
