import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryAuditLog } from '../fulfillment/audit';
import { EpicGateway } from '../fulfillment/epic';
import type { Clinician } from '../fulfillment/inbox/ports';
import { createInboxService } from '../fulfillment/inbox/service';
import { buildSymptomNote, LocalVocabularyExtractor, MemoryNoteStore, type SymptomNote } from '../fulfillment/notes';
import { FileRecordingStore } from '../fulfillment/recording/audio';
import { loadConfig } from '../fulfillment/runtime/config';
import { logger } from '../fulfillment/runtime/logger';
import { generateSessionKey } from '../fulfillment/session';
import { ALL_SCENARIOS } from '../sandbox/data/scenarios';
import { syntheticMessageWav } from '../sandbox/localAudio';
import { generateLocalSigningIdentity } from '../sandbox/localKey';
import { startSandbox } from '../sandbox/server';
import { percentile, round, type Figure } from './stats';

/** Messages stored before the list is measured, as the issue sets it. */
const STORED_MESSAGES = 5_000;
const WARM_UP = 10;
const RUNS = 100;

const VIEWER: Clinician = { id: 'bench-clinician', displayName: 'Bench Clinician', sessionId: 'bench-session' };

/** Two notes, urgent and routine, copied under new ids: building 5,000 through the extractor measures nothing of the inbox. */
async function templates(): Promise<readonly SymptomNote[]> {
  const extractor = new LocalVocabularyExtractor();
  const build = async (transcript: string) =>
    buildSymptomNote({ noteId: 'template', contactId: randomUUID(), patientId: 'template', transcript, extraction: await extractor.extract(transcript), createdAt: new Date().toISOString(), minIcd10Score: 0.5 });
  return [
    await build('I have had a dry cough for three days and a mild headache, but no fever. I take acetaminophen at night.'),
    await build('I have crushing chest pain and I feel short of breath.'),
  ];
}

/**
 * The inbox service's own time: the first page (50 rows) of the list out of 5,000 stored messages
 * (memory note store, as `npm run inbox` runs it; names from the sandbox at 0 ms latency, in this
 * process), a message page, and the Epic requests a page costs (the sandbox's count).
 */
export async function runInboxBench(): Promise<Figure[]> {
  logger.setLogLevel('ERROR');
  const identity = await generateLocalSigningIdentity();
  const sandbox = await startSandbox({ clients: [{ clientId: 'bench-inbox', jwks: identity.jwks }], relaxedPatientSearch: true });
  const folder = mkdtempSync(join(tmpdir(), 'clinic-ivr-inbox-bench-'));
  try {
    const config = loadConfig({
      EPIC_CLIENT_ID: 'bench-inbox',
      EPIC_TOKEN_URL: sandbox.tokenUrl,
      EPIC_FHIR_BASE_URL: sandbox.fhirR4BaseUrl,
      SIGNING_KMS_KEY_ID: 'unused-signer-is-injected',
      SESSION_KEY: generateSessionKey(),
    });
    const epic = new EpicGateway(config.epic, config.phoneDefaultRegion, { signer: identity.signer });
    const notes = new MemoryNoteStore();
    const recordings = new FileRecordingStore(folder);
    const service = createInboxService({ notes, recordings, epic, audit: new MemoryAuditLog(), organizationDisplay: 'Bench clinic' });

    // 5,000 messages over the sandbox's patients, one in ten urgent, received a minute apart; some reviewed or filed.
    const [routine, urgent] = (await templates()) as [SymptomNote, SymptomNote];
    const started = Date.now();
    let opened = '';
    for (let index = 0; index < STORED_MESSAGES; index += 1) {
      const scenario = ALL_SCENARIOS[index % ALL_SCENARIOS.length] as (typeof ALL_SCENARIOS)[number];
      const template = index % 10 === 0 ? urgent : routine;
      const note: SymptomNote = { ...template, noteId: `bench-${index}`, contactId: randomUUID(), patientId: scenario.patientId, createdAt: new Date(started - (STORED_MESSAGES - index) * 60_000).toISOString() };
      await notes.putIfAbsent(note, ['transcribed', 'extracted', 'stored']);
      if (index % 3 === 0) await notes.recordDocumentReference(note.noteId, `doc-${index}`);
      if (index % 4 === 0) await notes.markReviewed(note.noteId, { by: VIEWER, at: note.createdAt });
      if (index === STORED_MESSAGES - 1) {
        await recordings.put(note.contactId, syntheticMessageWav(note.transcript));
        opened = note.noteId;
      }
    }

    const time = async (work: () => Promise<unknown>): Promise<number[]> => {
      for (let run = 0; run < WARM_UP; run += 1) await work();
      const samples: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const before = performance.now();
        await work();
        samples.push(performance.now() - before);
      }
      return samples;
    };
    let rows = 0;
    const list = await time(async () => {
      rows = (await service.list(VIEWER, { filter: 'all' })).items.length;
    });
    sandbox.resetStats();
    for (let run = 0; run < RUNS; run += 1) await service.list(VIEWER, { filter: 'needsReview' });
    const requestsPerPage = sandbox.stats.fhirRequests / RUNS;
    const message = await time(() => service.message(VIEWER, opened));

    const listP50 = round(percentile(list, 50));
    const messageP50 = round(percentile(message, 50));
    return [
      { key: 'inboxStoredMessages', label: 'messages stored (memory note store)', value: STORED_MESSAGES },
      { key: 'inboxListRows', label: 'rows on the first page', value: rows },
      { key: 'inboxListMsP50', label: 'inbox list, first page of 50 of 5,000, p50 (ms)', value: listP50, bar: '< 50', pass: listP50 < 50 },
      { key: 'inboxListMsP99', label: 'inbox list, first page of 50 of 5,000, p99 (ms)', value: round(percentile(list, 99)) },
      { key: 'inboxMessageMsP50', label: 'inbox message page p50, Epic at 0 ms (ms)', value: messageP50, bar: '< 50', pass: messageP50 < 50 },
      { key: 'epicRequestsPerInboxPage', label: 'Epic requests per inbox page', value: round(requestsPerPage), bar: '= 1', pass: requestsPerPage === 1 },
    ];
  } finally {
    await sandbox.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
