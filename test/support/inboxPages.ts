import { MemoryTaskCreator } from '../../fulfillment/tasks';
import { randomUUID } from 'node:crypto';
import type { DocumentReference } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import type { AuditEvent } from '../../fulfillment/audit';
import { MemoryNotifier, NOTE_IDENTIFIER_SYSTEM, processTranscript } from '../../fulfillment/filing';
import { buildSymptomNote, LocalVocabularyExtractor, type SymptomNote } from '../../fulfillment/notes';
import { logger } from '../../fulfillment/runtime/logger';
import { SANDBOX_CLINICIANS } from '../../sandbox/data/clinicians';
import type { InboxDemo } from '../../sandbox/inboxDemo';
import { syntheticMessageWav } from '../../sandbox/localAudio';
import { startLocalInbox, type LocalInbox, type LocalInboxOptions } from '../../sandbox/localInbox';
import type { BrowserHarness } from './browser';
import { useStarted } from './lifecycle';

/**
 * The inbox as `npm run inbox` runs it (demo calls played into a fresh store, the app on loopback)
 * for every test of the calling file: started in `beforeAll`, closed in `afterAll`.
 *
 * @example
 * const local = useLocalInbox();
 * it('lists', async () => { const page = await signedInPage(browser, local); … });
 */
export function useLocalInbox(options: LocalInboxOptions = {}): LocalInbox {
  return useStarted(async () => {
    // The calls log as the Lambda functions do; the pages' tests read the pages, not the logs.
    logger.setLogLevel('CRITICAL');
    return startLocalInbox(options);
  });
}

/** A fresh browser context signed in as `username` with the link `npm run inbox` prints, on the list (or `next`). */
export async function signedInPage(browser: BrowserHarness, local: LocalInbox, username: string = SANDBOX_CLINICIANS.nurse.username, next = '/'): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(local.server.signInUrl(username, next));
  await page.waitForURL(`${local.server.url}${next}`);
  return page;
}

/** The demo message of `kind`'s note id. */
export function demoNoteId(local: LocalInbox, kind: 'urgent' | 'filed' | 'keptForStaff'): string {
  const message = local.demo.messages.find((candidate) => candidate.kind === kind);
  if (!message) throw new Error(`the demo has no ${kind} message`);
  return message.noteId;
}

const extractor = new LocalVocabularyExtractor();

/**
 * Stores a message of `patientId` saying `transcript` straight into the demo's note store, as the
 * pipeline leaves one it has stored (steps transcribed, extracted, stored), with a recording of it.
 * `chiefComplaint` replaces the extracted one (it comes from the caller's words too).
 */
export async function storeMessage(demo: InboxDemo, patientId: string, transcript: string, options: { readonly chiefComplaint?: string } = {}): Promise<SymptomNote> {
  const built = buildSymptomNote({
    noteId: `inbox-${randomUUID()}`,
    contactId: randomUUID(),
    patientId,
    transcript,
    extraction: await extractor.extract(transcript),
    createdAt: new Date().toISOString(),
    minIcd10Score: 0.5,
  });
  const note = options.chiefComplaint === undefined ? built : { ...built, chiefComplaint: options.chiefComplaint };
  await demo.recordings.put(note.contactId, syntheticMessageWav(transcript));
  await demo.notes.putIfAbsent(note, ['transcribed', 'extracted', 'stored']);
  return note;
}

/**
 * A message of `patientId` run through the real symptom pipeline against the demo's sandbox, which
 * requires an encounter: for a patient without one today it is kept for staff.
 *
 * @throws Error when the pipeline did not keep it for staff
 */
export async function keptForStaffMessage(demo: InboxDemo, patientId: string, transcript: string): Promise<{ readonly noteId: string; readonly contactId: string }> {
  const input = { noteId: `inbox-${randomUUID()}`, contactId: randomUUID(), patientId, transcript };
  await demo.recordings.put(input.contactId, syntheticMessageWav(transcript));
  const result = await processTranscript(input, {
    extractor,
    store: demo.notes,
    chart: demo.epic,
    notifier: new MemoryNotifier(),
    tasks: new MemoryTaskCreator(),
    organizationDisplay: demo.config.symptoms.authorDisplay,
    encounterStrategy: 'sameDay',
    encounterRequired: true,
  });
  if (!result.needsStaff) throw new Error(`the message of ${patientId} was not kept for staff`);
  return input;
}

/** The DocumentReferences the sandbox holds for a note (searched by the note's identifier, as the pipeline does). */
export async function documentReferencesOf(demo: InboxDemo, noteId: string, patientId: string): Promise<DocumentReference[]> {
  const bundle = await demo.epic.fhir.search<DocumentReference>('DocumentReference', { patient: patientId, identifier: `${NOTE_IDENTIFIER_SYSTEM}|${noteId}` });
  return (bundle.entry ?? []).map((entry) => entry.resource as DocumentReference);
}

/** The audit events `clinicianSub` caused in the inbox, as `[action, patientId, resourceTypes]`. */
export function auditOf(demo: InboxDemo, clinicianSub: string): [AuditEvent['action'], string, readonly string[]][] {
  return demo.audit.events.filter((event) => event.actor === clinicianSub).map((event) => [event.action, event.patientId, event.resourceTypes]);
}
