import { randomUUID } from 'node:crypto';
import { MemoryAuditLog } from '../../fulfillment/audit';
import type { Clinician } from '../../fulfillment/inbox/ports';
import { createInboxService, type InboxServiceDeps } from '../../fulfillment/inbox/service';
import { buildSymptomNote, LocalVocabularyExtractor, MemoryNoteStore, type SymptomNote } from '../../fulfillment/notes';
import { encodeWav, FileRecordingStore } from '../../fulfillment/recording/audio';
import { loadSandboxResources } from '../../sandbox/data/load';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { telephoneEncounter } from '../../sandbox/data/telephoneEncounter';
import { temporaryFolder } from './audioFixtures';

/** The clinician of the inbox tests. */
export const CLINICIAN: Clinician = { id: 'clinician-sub-ada', displayName: 'Dr. Ada Moreno', sessionId: 'sign-in-session-1' };

/** A second clinician. */
export const OTHER_CLINICIAN: Clinician = { id: 'clinician-sub-lee', displayName: 'Dr. Sam Lee' };

/** Eleanor's telephone encounter of today, opened ten minutes before the tests start. */
export const TODAY_CALL = telephoneEncounter(SCENARIOS.eleanor.patientId, new Date(Date.now() - 10 * 60_000), 'enc-eleanor-phone-today');

/** The sandbox's patients, plus {@link TODAY_CALL}. */
export function inboxSandboxResources() {
  return [...loadSandboxResources(), TODAY_CALL];
}

const extractor = new LocalVocabularyExtractor();

/** A note of `patientId` saying `transcript`, received `minutesAgo` minutes ago, with a new id and contact id. */
export async function messageOf(patientId: string, transcript: string, minutesAgo = 0): Promise<SymptomNote> {
  return buildSymptomNote({
    noteId: `inbox-${randomUUID()}`,
    contactId: randomUUID(),
    patientId,
    transcript,
    extraction: await extractor.extract(transcript),
    createdAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    minIcd10Score: 0.5,
  });
}

/** A short 16 kHz WAV (a quiet tone), as the recording worker stores one. */
export function shortWav(samples = 16_000): Uint8Array {
  return encodeWav(Int16Array.from({ length: samples }, (_, i) => Math.round(3000 * Math.sin((2 * Math.PI * 220 * i) / 16_000))), 16_000);
}

/** The service on fresh memory stores, a recordings folder and the given gateway; `close` removes the folder. */
export function inboxUnderTest(epic: InboxServiceDeps['epic'], overrides: Partial<InboxServiceDeps> = {}) {
  const notes = new MemoryNoteStore();
  const folder = temporaryFolder();
  const recordings = new FileRecordingStore(folder.path);
  const audit = new MemoryAuditLog();
  const service = createInboxService({ notes, recordings, epic, audit, organizationDisplay: 'Example Clinic phone line', timeZone: 'America/Chicago', ...overrides });
  return { service, notes, recordings, audit, close: () => folder.remove() };
}
