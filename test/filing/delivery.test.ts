import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../fulfillment/runtime/clock';
import { FhirChartWriter } from '../../fulfillment/epic';
import { FhirClient, type FhirRequestEvent } from '../../fulfillment/epic/fhirClient';
import { DELIVERY_LEASE_MS, STEP_IN_PROGRESS } from '../../fulfillment/filing/delivery';
import { startLocalRuntime, type LocalRuntime } from '../../sandbox/localRuntime';
import { buildSymptomNote, DynamoNoteStore, LocalVocabularyExtractor, MemoryNoteStore, NoteStoreError, type NoteStore, type SymptomNote } from '../../fulfillment/notes';
import { deliverNote, MemoryNotifier, NOTE_IDENTIFIER_SYSTEM, toDocumentReference, type DeliveryDeps } from '../../fulfillment/filing';
import { startLocalDynamo, type LocalDynamo } from '../support/localDynamo';

const PATIENT = 'pat-eleanor-whitfield';
let runtime: LocalRuntime;
let counter = 0;

let dynamo: LocalDynamo;
const NOTES_TABLE = 'delivery-notes';

beforeAll(async () => {
  runtime = await startLocalRuntime();
  dynamo = await startLocalDynamo();
  await dynamo.createPkTable(NOTES_TABLE);
});
afterAll(async () => {
  await runtime.close();
  await dynamo.close();
});

async function aNote(transcript = 'I have had a sore throat and a fever since yesterday. I took Tylenol.'): Promise<SymptomNote> {
  counter += 1;
  return buildSymptomNote({
    noteId: `delivery-${Date.now()}-${counter}`,
    contactId: 'contact-1',
    patientId: PATIENT,
    transcript,
    extraction: await new LocalVocabularyExtractor().extract(transcript),
    createdAt: new Date().toISOString(),
    minIcd10Score: 0.5,
  });
}

function depsWith(store = new MemoryNoteStore(), notifier = new MemoryNotifier()): DeliveryDeps & { store: MemoryNoteStore; notifier: MemoryNotifier } {
  return { chart: runtime.epic, store, notifier, organizationDisplay: 'Example Clinic phone line', encounterStrategy: 'none' };
}

/** What Epic (the sandbox) holds for the note, found over HTTP by its identifier. */
async function filedDocuments(noteId: string): Promise<DocumentReference[]> {
  const bundle = await runtime.epic.fhir.search<DocumentReference>('DocumentReference', { patient: PATIENT, identifier: `${NOTE_IDENTIFIER_SYSTEM}|${noteId}` });
  return (bundle.entry ?? []).map((entry) => entry.resource as DocumentReference);
}

describe('delivery of a symptom note to Epic (sandbox over HTTP)', () => {
  it('creates the DocumentReference, stores its id, marks the note delivered, then notifies', async () => {
    // Prepare
    const note = await aNote();
    const deps = depsWith();
    // Act
    const result = await deliverNote(note, deps);
    // Assess
    const filed = await filedDocuments(note.noteId);
    expect(filed).toHaveLength(1);
    expect(result).toEqual({ documentReferenceId: filed[0]?.id, created: true, delivered: true, notified: true });
    const stored = await deps.store.get(note.noteId);
    expect(stored?.documentReferenceId).toBe(filed[0]?.id);
    expect(stored?.steps.delivered?.state).toBe('done');
    expect(stored?.steps.notified?.state).toBe('done');
    expect(deps.notifier.messages).toMatchObject([{ noteId: note.noteId, urgent: false, readAt: { id: filed[0]?.id } }]);
    expect(filed[0]).toMatchObject({ docStatus: 'preliminary', subject: { reference: `Patient/${PATIENT}` } });
  });

  it('creates no duplicate when run again, from the same store or from a store that lost the id', async () => {
    // Prepare
    const note = await aNote();
    const deps = depsWith();
    await deliverNote(note, deps);
    const requestsBefore = runtime.sandbox.stats.fhirRequestsByType.DocumentReference ?? 0;
    // Act
    const rerun = await deliverNote(note, deps);
    const requestsAfterRerun = runtime.sandbox.stats.fhirRequestsByType.DocumentReference ?? 0;
    const fromScratch = await deliverNote(note, depsWith());
    // Assess: the rerun never calls Epic; the fresh store's conditional create finds the existing one.
    expect(requestsAfterRerun).toBe(requestsBefore);
    expect(rerun).toMatchObject({ created: false, delivered: true, notified: true });
    expect(deps.notifier.messages).toHaveLength(1);
    expect(fromScratch).toMatchObject({ created: false, delivered: true, documentReferenceId: rerun.documentReferenceId });
    expect(await filedDocuments(note.noteId)).toHaveLength(1);
  });

  it('leaves the note stored and marked for retry when Epic is unavailable, then a retry delivers once', async () => {
    // Prepare: more 503s than the FHIR client's retries (2).
    const note = await aNote('Severe headache for two days, no fever.');
    const deps = depsWith();
    runtime.sandbox.failNextFhir(3, 503);
    // Act
    const failed = await deliverNote(note, deps);
    const afterFailure = await deps.store.get(note.noteId);
    const retried = await deliverNote(note, deps);
    // Assess
    expect(failed).toEqual({ created: false, delivered: false, notified: false, error: 'FhirUnavailableError' });
    expect(afterFailure?.note).toEqual(note);
    expect(afterFailure?.documentReferenceId).toBeUndefined();
    expect(afterFailure?.steps.delivered).toMatchObject({ state: 'failed', error: 'FhirUnavailableError' });
    expect(deps.notifier.messages.filter((message) => message.noteId === note.noteId)).toHaveLength(1);
    expect(retried).toMatchObject({ created: true, delivered: true, notified: true });
    expect((await deps.store.get(note.noteId))?.steps.delivered?.state).toBe('done');
    expect(await filedDocuments(note.noteId)).toHaveLength(1);
  });

  it('marks a refused write-back (400) for retry with the error name only', async () => {
    // Prepare
    const note = await aNote('I have a cough and chest pain.');
    const deps = depsWith();
    runtime.sandbox.failNextFhir(1, 400);
    // Act
    const failed = await deliverNote(note, deps);
    // Assess
    expect(failed).toMatchObject({ delivered: false, error: 'FhirError' });
    const status = (await deps.store.get(note.noteId))?.steps.delivered;
    expect(status).toMatchObject({ state: 'failed', error: 'FhirError' });
    expect(JSON.stringify(status)).not.toMatch(/cough|chest|pat-/);
    // Chest pain makes the note urgent: the care team hears it is stored but not yet in the chart.
    expect(deps.notifier.messages).toMatchObject([{ noteId: note.noteId, urgent: true, inChart: false }]);
    expect(await filedDocuments(note.noteId)).toHaveLength(0);
  });

  it('refuses a note for a patient Epic does not know, and keeps it for a person to sort out', async () => {
    // Prepare
    const note = { ...(await aNote()), patientId: 'pat-does-not-exist' };
    const deps = depsWith();
    // Act
    const failed = await deliverNote(note, deps);
    // Assess
    expect(failed).toMatchObject({ delivered: false, error: 'FhirError' });
    expect((await deps.store.get(note.noteId))?.note?.patientId).toBe('pat-does-not-exist');
  });
});

/** The chart over a FHIR client on the sandbox that records every attempt; `afterSearch` runs once a search has answered. */
function observedFhir(options: { timeoutMs?: number; afterSearch?: () => void } = {}) {
  const events: FhirRequestEvent[] = [];
  const fhir = new FhirClient({
    baseUrl: runtime.sandbox.fhirR4BaseUrl,
    tokens: runtime.epic.tokens,
    timeoutMs: options.timeoutMs ?? 4000,
    onRequest: (event) => {
      events.push(event);
      if (event.interaction === 'search') options.afterSearch?.();
    },
  });
  const creates = () => events.filter((event) => event.interaction === 'create' && event.resourceType === 'DocumentReference');
  return { chart: new FhirChartWriter(fhir), events, creates };
}

/** A memory store whose `recordDocumentReference` fails the first `failures` times (DynamoDB throttled). */
class FlakyRecordStore extends MemoryNoteStore {
  public failures = 1;

  public override async recordDocumentReference(noteId: string, documentReferenceId: string): Promise<string> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new NoteStoreError(`Could not update symptom note ${noteId} in DynamoDB (ProvisionedThroughputExceededException)`);
    }
    return super.recordDocumentReference(noteId, documentReferenceId);
  }
}

describe('delivery never files a note twice (Epic does not deduplicate creates)', () => {
  it('finds a DocumentReference already in Epic by the note identifier, records its id and sends no create', async () => {
    // Prepare: the note is in the chart (an earlier run's create reached Epic), the store does not know.
    const note = await aNote();
    const existing = await runtime.epic.fhir.create(toDocumentReference(note, { organizationDisplay: 'Example Clinic phone line' }));
    const { chart, creates } = observedFhir();
    const deps = { ...depsWith(), chart };
    // Act
    const result = await deliverNote(note, deps);
    // Assess
    expect(creates()).toHaveLength(0);
    expect(result).toEqual({ documentReferenceId: existing.resource.id, created: false, delivered: true, notified: true });
    expect((await deps.store.get(note.noteId))?.documentReferenceId).toBe(existing.resource.id);
    expect(await filedDocuments(note.noteId)).toHaveLength(1);
  });

  it('never resends a create that timed out; the next run searches, then files the note once', async () => {
    // Prepare: the search answers at once; the create is answered only after the client has given up.
    // (The sandbox drops an abandoned create; a create Epic stored anyway is the "found by search" case above.)
    const note = await aNote('I have had a rash on my arm for a week.');
    const { chart, creates } = observedFhir({ timeoutMs: 300, afterSearch: () => runtime.sandbox.setFaults({ fhirLatencyMs: 600 }) });
    const deps = { ...depsWith(), chart };
    // Act
    const failed = await deliverNote(note, deps);
    runtime.sandbox.setFaults({});
    const createsInFailedRun = creates().length;
    const retried = await deliverNote(note, { ...deps, chart: observedFhir().chart });
    // Assess
    expect(failed).toMatchObject({ delivered: false, notified: false, error: 'FhirTimeoutError' });
    expect(createsInFailedRun).toBe(1);
    const filed = await filedDocuments(note.noteId);
    expect(filed).toHaveLength(1);
    expect(retried).toEqual({ documentReferenceId: filed[0]?.id, created: true, delivered: true, notified: true });
    expect(deps.notifier.messages).toHaveLength(1);
  });

  it('never resends a create answered with 503, even a conditional one', async () => {
    // Prepare: only the create fails; the FHIR client would retry a search or a read.
    const note = await aNote('My ankle is swollen since I twisted it.');
    const { chart, creates } = observedFhir({ afterSearch: () => runtime.sandbox.failNextFhir(1, 503) });
    const deps = { ...depsWith(), chart };
    // Act
    const failed = await deliverNote(note, deps);
    // Assess
    expect(failed).toMatchObject({ delivered: false, error: 'FhirUnavailableError' });
    expect(creates().map((event) => event.status)).toEqual([503]);
    expect((await deps.store.get(note.noteId))?.steps.delivered).toMatchObject({ state: 'failed', error: 'FhirUnavailableError' });
  });

  it('logs a failed write-back with the HTTP status when Epic answered, and without one when it did not', async () => {
    // Prepare: a create that times out, then a create answered with 503.
    const lines: Record<string, unknown>[] = [];
    const logger = { info: () => undefined, warn: (_message: string, extra: Record<string, unknown>) => void lines.push(extra), error: () => undefined };
    const slow = observedFhir({ timeoutMs: 300, afterSearch: () => runtime.sandbox.setFaults({ fhirLatencyMs: 600 }) });
    const refused = observedFhir({ afterSearch: () => runtime.sandbox.failNextFhir(1, 503) });
    // Act
    await deliverNote(await aNote('My wrist hurts since Friday.'), { ...depsWith(), chart: slow.chart, logger });
    runtime.sandbox.setFaults({});
    await deliverNote(await aNote('My elbow hurts since Friday.'), { ...depsWith(), chart: refused.chart, logger });
    // Assess
    const failures = lines.filter((line) => line.event === 'symptoms.delivery.failed').map((line) => [line.error, line.status]);
    expect(failures).toEqual([
      ['FhirTimeoutError', undefined],
      ['FhirUnavailableError', 503],
    ]);
    expect(lines.find((line) => line.error === 'FhirTimeoutError')).not.toHaveProperty('status');
  });

  it('does not create again when recording the id failed after the create: the rerun finds it by search', async () => {
    // Prepare
    const note = await aNote('Back pain for three days.');
    const store = new FlakyRecordStore();
    const { chart, creates } = observedFhir();
    const deps = { ...depsWith(store), chart };
    // Act
    const failed = await deliverNote(note, deps);
    const afterFailure = creates().length;
    const rerun = await deliverNote(note, deps);
    // Assess
    const filed = await filedDocuments(note.noteId);
    expect(failed).toMatchObject({ delivered: false, error: 'NoteStoreError' });
    expect(afterFailure).toBe(1);
    expect(creates()).toHaveLength(1);
    expect(filed).toHaveLength(1);
    expect(rerun).toEqual({ documentReferenceId: filed[0]?.id, created: false, delivered: true, notified: true });
    expect(deps.notifier.messages).toHaveLength(1);
  });

  const stores: [string, () => NoteStore][] = [
    ['MemoryNoteStore', () => new MemoryNoteStore()],
    ['DynamoNoteStore (dynalite)', () => new DynamoNoteStore({ client: dynamo.documentClient, tableName: NOTES_TABLE })],
  ];

  it.each(stores)('files and notifies once when two runs deliver the same note at once (%s)', async (_name, makeStore) => {
    // Prepare: a duplicate SQS message, or the polling check overlapping the Transcribe event.
    const note = await aNote('Sore throat and a cough since Monday.');
    const store = makeStore();
    const notifier = new MemoryNotifier();
    const { chart, creates } = observedFhir();
    const deps = { ...depsWith(new MemoryNoteStore(), notifier), store, chart };
    // Act
    const results = await Promise.all([deliverNote(note, deps), deliverNote(note, deps)]);
    const redelivered = await deliverNote(note, deps);
    // Assess: one run did the work, the other was told to retry later and did nothing.
    const filed = await filedDocuments(note.noteId);
    expect(filed).toHaveLength(1);
    expect(creates()).toHaveLength(1);
    expect(notifier.messages).toHaveLength(1);
    expect(results.filter((result) => result.notified)).toHaveLength(1);
    expect(results.filter((result) => result.error === STEP_IN_PROGRESS)).toHaveLength(1);
    expect(redelivered).toEqual({ documentReferenceId: filed[0]?.id, created: false, delivered: true, notified: true });
    expect(notifier.messages).toHaveLength(1);
  });

  it('does not notify while another live run holds the notification, and does once its lease expired', async () => {
    // Prepare: the note is filed; another run claimed the notification and then crashed.
    let now = Date.parse('2025-03-04T15:20:00.000Z');
    const clock: Clock = { now: () => now, sleep: async () => undefined };
    const note = await aNote();
    const deps = depsWith(new MemoryNoteStore({ clock }));
    await deps.store.putIfAbsent(note);
    const filed = await runtime.epic.fhir.create(toDocumentReference(note, { organizationDisplay: 'Example Clinic phone line' }));
    await deps.store.recordDocumentReference(note.noteId, filed.resource.id as string);
    await deps.store.markStep(note.noteId, 'delivered', {});
    await deps.store.claimStep(note.noteId, 'notified', { owner: 'crashed-run', leaseMs: DELIVERY_LEASE_MS });
    // Act
    const whileHeld = await deliverNote(note, deps);
    now += DELIVERY_LEASE_MS + 1;
    const afterExpiry = await deliverNote(note, deps);
    // Assess
    expect(whileHeld).toEqual({ documentReferenceId: filed.resource.id, created: false, delivered: true, notified: false, error: STEP_IN_PROGRESS });
    expect(afterExpiry).toMatchObject({ delivered: true, notified: true });
    expect(deps.notifier.messages).toHaveLength(1);
  });
});
