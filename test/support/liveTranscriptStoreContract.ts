import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LiveTranscriptStore } from '../../fulfillment/transcription/live';

const STARTED = '2026-12-05T08:00:00.000Z';

/**
 * The behaviour every {@link LiveTranscriptStore} adapter must have, as one suite; `make` builds a
 * store (called inside each test, so it may use what a `beforeAll` started).
 */
export function runLiveTranscriptStoreContract(adapter: string, make: () => LiveTranscriptStore): void {
  describe(`live transcript store (${adapter})`, () => {
    it('lets one transcriber claim a contact, and refuses a second claim', async () => {
      // Prepare
      const store = make();
      const contactId = randomUUID();
      // Act
      const first = await store.claim(contactId, STARTED);
      const second = await store.claim(contactId, '2026-12-05T08:00:05.000Z');
      // Assess
      expect([first, second]).toEqual([true, false]);
      expect(await store.read(contactId)).toEqual({ contactId, startedAt: STARTED, segments: [] });
    });

    it('keeps segments in index order and ignores a repeated index', async () => {
      // Prepare
      const store = make();
      const contactId = randomUUID();
      await store.claim(contactId, STARTED);
      // Act
      await store.append(contactId, { index: 1, text: 'since this morning', startMs: 2100, endMs: 3900 });
      await store.append(contactId, { index: 0, text: 'I have a headache', startMs: 300, endMs: 2000 });
      await store.append(contactId, { index: 1, text: 'a retried write', startMs: 0, endMs: 1 });
      // Assess
      expect((await store.read(contactId))?.segments).toEqual([
        { index: 0, text: 'I have a headache', startMs: 300, endMs: 2000 },
        { index: 1, text: 'since this morning', startMs: 2100, endMs: 3900 },
      ]);
    });

    it('keeps the first end recorded', async () => {
      // Prepare
      const store = make();
      const contactId = randomUUID();
      await store.claim(contactId, STARTED);
      // Act
      await store.finish(contactId, { outcome: 'failed', at: '2026-12-05T08:01:00.000Z', reason: 'LimitExceededException' });
      await store.finish(contactId, { outcome: 'complete', at: '2026-12-05T08:01:01.000Z' });
      // Assess
      expect((await store.read(contactId))?.end).toEqual({ outcome: 'failed', at: '2026-12-05T08:01:00.000Z', reason: 'LimitExceededException' });
    });

    it('writes nothing for a contact no transcriber claimed', async () => {
      // Prepare
      const store = make();
      const contactId = randomUUID();
      // Act
      await store.append(contactId, { index: 0, text: 'stray', startMs: 0, endMs: 10 });
      await store.finish(contactId, { outcome: 'complete', at: STARTED });
      // Assess
      expect(await store.read(contactId)).toBeUndefined();
    });
  });
}
