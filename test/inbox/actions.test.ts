/**
 * What a clinician does with a message through the inbox service: hear it, mark it reviewed or called
 * back, and file a message kept for staff under an encounter, each audited; against the memory note
 * store, a recordings folder, the audit memory adapter and the real sandbox as Epic.
 */
import type { DocumentReference } from '@medplum/fhirtypes';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryNotifier, NOTE_IDENTIFIER_SYSTEM, processTranscript } from '../../fulfillment/filing';
import { MemoryTaskCreator } from '../../fulfillment/tasks';
import { FilingFailedError, InvalidReviewCommentError, MessageNotFoundError, NotKeptForStaffError, UnknownEncounterError } from '../../fulfillment/inbox/errors';
import { MAX_REVIEW_COMMENT, type AudioPart } from '../../fulfillment/inbox/ports';
import type { InboxServiceDeps } from '../../fulfillment/inbox/service';
import { FhirError } from '../../fulfillment/epic';
import { fileRefill, refillNoteId } from '../../fulfillment/refills';
import { LocalVocabularyExtractor } from '../../fulfillment/notes';
import { UnsatisfiableRangeError } from '../../fulfillment/recording';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { useEpicHarness } from '../support/epicHarness';
import { CLINICIAN, inboxSandboxResources, inboxUnderTest, messageOf, OTHER_CLINICIAN, shortWav, TODAY_CALL } from '../support/inboxFixtures';

const { eleanor, cornelius } = SCENARIOS;

async function bytesOf(part: AudioPart): Promise<Buffer> {
  if (part.body instanceof Uint8Array) return Buffer.from(part.body);
  const chunks: Uint8Array[] = [];
  for await (const chunk of part.body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('inbox actions', () => {
  const harness = useEpicHarness({ resources: inboxSandboxResources() });
  let inbox: ReturnType<typeof inboxUnderTest>;
  afterEach(() => inbox?.close());

  /** A stored routine message of Eleanor with its recording. */
  async function storedMessage() {
    inbox = inboxUnderTest(harness.gateway());
    const note = await messageOf(eleanor.patientId, 'I have had a dry cough for three days.');
    await inbox.notes.putIfAbsent(note);
    const wav = shortWav();
    await inbox.recordings.put(note.contactId, wav);
    return { note, wav };
  }

  /** Cornelius's message, run through the real pipeline with Epic requiring an encounter: kept for staff. */
  async function keptMessage() {
    inbox = inboxUnderTest(harness.gateway());
    const note = await messageOf(cornelius.patientId, 'My knee has been swollen since Monday.');
    const result = await processTranscript(
      { noteId: note.noteId, contactId: note.contactId, patientId: cornelius.patientId, transcript: note.transcript },
      {
        extractor: new LocalVocabularyExtractor(),
        store: inbox.notes,
        chart: harness.gateway(),
        notifier: new MemoryNotifier(),
        tasks: new MemoryTaskCreator(),
        organizationDisplay: 'Example Clinic phone line',
        encounterStrategy: 'sameDay',
        encounterRequired: true,
      },
    );
    expect(result.needsStaff).toBe(true);
    return note;
  }

  async function documentsOf(noteId: string, patientId: string = cornelius.patientId): Promise<DocumentReference[]> {
    const bundle = await harness.gateway().fhir.search<DocumentReference>('DocumentReference', { patient: patientId, identifier: `${NOTE_IDENTIFIER_SYSTEM}|${noteId}` });
    return (bundle.entry ?? []).map((entry) => entry.resource as DocumentReference);
  }

  describe('audio', () => {
    it('serves the byte range asked of the message’s own recording, audited as a play', async () => {
      // Prepare
      const { note, wav } = await storedMessage();
      // Act
      const part = await inbox.service.audio(CLINICIAN, note.noteId, { start: 0, end: 1023 });
      const rest = await inbox.service.audio(CLINICIAN, note.noteId, { start: 30_000 });
      // Assess
      expect(part).toMatchObject({ contentType: 'audio/wav', totalBytes: wav.length, start: 0, end: 1023 });
      expect(await bytesOf(part as AudioPart)).toEqual(Buffer.from(wav.subarray(0, 1024)));
      expect(rest).toMatchObject({ start: 30_000, end: wav.length - 1 });
      expect(await bytesOf(rest as AudioPart)).toEqual(Buffer.from(wav.subarray(30_000)));
      expect(inbox.audit.events.map((event) => [event.action, event.actor, event.patientId, event.resourceTypes])).toEqual([
        ['play', CLINICIAN.id, eleanor.patientId, ['Recording']],
        ['play', CLINICIAN.id, eleanor.patientId, ['Recording']],
      ]);
    });

    it('refuses a range past the end, and answers nothing without a recording or for an unknown message', async () => {
      // Prepare
      const { note, wav } = await storedMessage();
      const silent = await messageOf(eleanor.patientId, 'I have a sore throat.');
      await inbox.notes.putIfAbsent(silent);
      // Act
      const past = await inbox.service.audio(CLINICIAN, note.noteId, { start: wav.length }).catch((error: unknown) => error);
      const none = await inbox.service.audio(CLINICIAN, silent.noteId);
      const unknown = await inbox.service.audio(CLINICIAN, '../recordings/x');
      // Assess
      expect(past).toBeInstanceOf(UnsatisfiableRangeError);
      expect([none, unknown]).toEqual([undefined, undefined]);
      expect(inbox.audit.events).toEqual([]);
    });

    it('serves nothing when the play cannot be audited', async () => {
      // Prepare
      inbox = inboxUnderTest(harness.gateway(), { audit: { record: async () => Promise.reject(new Error('audit table unreachable')) } });
      const note = await messageOf(eleanor.patientId, 'I have a sore throat.');
      await inbox.notes.putIfAbsent(note);
      await inbox.recordings.put(note.contactId, shortWav());
      // Act + Assess
      await expect(inbox.service.audio(CLINICIAN, note.noteId)).rejects.toThrow('audit table unreachable');
    });
  });

  describe('review and call-back', () => {
    it('marks a message reviewed with a trimmed plain-text comment; the first review stays', async () => {
      // Prepare
      const { note } = await storedMessage();
      // Act
      const first = await inbox.service.markReviewed(CLINICIAN, note.noteId, '  Spoke to pharmacy.\r\n<b>No</b> change.\u0007  ');
      const second = await inbox.service.markReviewed(OTHER_CLINICIAN, note.noteId, 'Looks fine');
      const page = await inbox.service.list(CLINICIAN, { filter: 'reviewed' });
      // Assess
      expect(first).toEqual({ by: { id: CLINICIAN.id, displayName: CLINICIAN.displayName }, at: expect.any(String), comment: 'Spoke to pharmacy.\n<b>No</b> change.' });
      expect(second).toEqual(first);
      expect(page.items.map((item) => [item.noteId, item.reviewed?.by.displayName])).toEqual([[note.noteId, CLINICIAN.displayName]]);
      expect((await inbox.service.list(CLINICIAN, { filter: 'needsReview' })).items).toEqual([]);
      expect(inbox.audit.events.map((event) => [event.action, event.actor])).toEqual([
        ['review', CLINICIAN.id],
        ['review', OTHER_CLINICIAN.id],
      ]);
    });

    it('keeps a review without a comment, and refuses a comment longer than the limit', async () => {
      // Prepare
      const { note } = await storedMessage();
      // Act
      const tooLong = await inbox.service.markReviewed(CLINICIAN, note.noteId, 'x'.repeat(MAX_REVIEW_COMMENT + 1)).catch((error: unknown) => error);
      const blank = await inbox.service.markReviewed(CLINICIAN, note.noteId, '   ');
      // Assess
      expect(tooLong).toBeInstanceOf(InvalidReviewCommentError);
      expect(blank).toEqual({ by: { id: CLINICIAN.id, displayName: CLINICIAN.displayName }, at: expect.any(String) });
    });

    it('marks the patient called back once, audited', async () => {
      // Prepare
      const { note } = await storedMessage();
      // Act
      const first = await inbox.service.markCalledBack(CLINICIAN, note.noteId);
      const second = await inbox.service.markCalledBack(OTHER_CLINICIAN, note.noteId);
      // Assess
      expect(second).toEqual(first);
      expect(first.by.id).toBe(CLINICIAN.id);
      expect((await inbox.notes.get(note.noteId))?.calledBack).toEqual(first);
      expect(inbox.audit.events.map((event) => event.action)).toEqual(['callBack', 'callBack']);
    });

    it('refuses actions on a message it does not hold', async () => {
      // Prepare
      inbox = inboxUnderTest(harness.gateway());
      // Act + Assess
      await expect(inbox.service.markReviewed(CLINICIAN, 'inbox-unknown')).rejects.toBeInstanceOf(MessageNotFoundError);
      await expect(inbox.service.markCalledBack(CLINICIAN, '../x')).rejects.toBeInstanceOf(MessageNotFoundError);
      await expect(inbox.service.fileKept(CLINICIAN, 'inbox-unknown', 'enc-1')).rejects.toBeInstanceOf(MessageNotFoundError);
      expect(inbox.audit.events).toEqual([]);
    });
  });

  describe('filing a message kept for staff', () => {
    it('offers the patient’s encounters a note may be filed under, newest first, labelled in the clinic’s time zone', async () => {
      // Prepare
      const note = await keptMessage();
      // Act
      const choices = await inbox.service.encounters(CLINICIAN, note.noteId);
      // Assess
      expect(choices.length).toBeGreaterThan(0);
      expect(choices[0]).toEqual({ id: 'enc-cornelius-abernathy-1', label: expect.stringMatching(/, Sep 17, 2025, 3:30\u202fPM$|, Sep 17, 2025, 3:30 PM$/), start: '2025-09-17T15:30:00-05:00' });
      expect(inbox.audit.events.map((event) => [event.action, event.resourceTypes])).toEqual([['view', ['Encounter']]]);
    });

    it('files it under the chosen encounter: one DocumentReference even when asked twice at once and again after', async () => {
      // Prepare
      const note = await keptMessage();
      const [choice] = await inbox.service.encounters(CLINICIAN, note.noteId);
      // Act
      const [first, concurrent] = await Promise.all([
        inbox.service.fileKept(CLINICIAN, note.noteId, choice?.id as string),
        inbox.service.fileKept(OTHER_CLINICIAN, note.noteId, choice?.id as string),
      ]);
      const again = await inbox.service.fileKept(CLINICIAN, note.noteId, choice?.id as string);
      const message = await inbox.service.message(CLINICIAN, note.noteId);
      // Assess
      const documents = await documentsOf(note.noteId);
      expect(documents).toHaveLength(1);
      expect(documents[0]?.context?.encounter).toEqual([{ reference: `Encounter/${choice?.id}` }]);
      expect([first, concurrent, again]).toEqual([{ documentReferenceId: documents[0]?.id }, { documentReferenceId: documents[0]?.id }, { documentReferenceId: documents[0]?.id }]);
      expect(message?.filing).toEqual({ state: 'filed', documentReferenceId: documents[0]?.id });
      expect(inbox.audit.events.filter((event) => event.action === 'file').map((event) => [event.actor, event.outcome, event.patientId])).toEqual([
        [CLINICIAN.id, 'success', cornelius.patientId],
        [OTHER_CLINICIAN.id, 'success', cornelius.patientId],
        [CLINICIAN.id, 'success', cornelius.patientId],
      ]);
    });

    it('files a kept refill request as the refill note type (REFILL_NOTE_LOINC), not the message type', async () => {
      // Prepare: a refill request the workers kept for staff (this Epic needs an encounter; none was chosen).
      inbox = inboxUnderTest(harness.gateway(), { noteLoinc: '11506-3', refillNoteLoinc: '34746-8' });
      const noteId = refillNoteId('contact-refill-kept', 'medrx-kept-1');
      const filed = await fileRefill(
        { noteId, contactId: 'contact-refill-kept', patientId: cornelius.patientId, medicationRequestId: 'medrx-kept-1', medication: 'lisinopril 10 milligram oral tablet' },
        { store: inbox.notes, chart: harness.gateway(), notifier: new MemoryNotifier(), tasks: new MemoryTaskCreator(), organizationDisplay: 'Example Clinic phone line', encounterStrategy: 'none', encounterRequired: true },
      );
      expect(filed.needsStaff).toBe(true);
      const [choice] = await inbox.service.encounters(CLINICIAN, noteId);
      // Act
      await inbox.service.fileKept(CLINICIAN, noteId, choice?.id as string);
      // Assess
      const documents = await documentsOf(noteId);
      expect(documents).toHaveLength(1);
      expect(documents[0]?.type?.coding?.map((coding) => coding.code)).toEqual(['34746-8']);
    });

    it('refuses an encounter that is not one of the patient’s, filing nothing', async () => {
      // Prepare
      const note = await keptMessage();
      // Act
      const otherPatients = await inbox.service.fileKept(CLINICIAN, note.noteId, TODAY_CALL.id as string).catch((error: unknown) => error);
      const made = await inbox.service.fileKept(CLINICIAN, note.noteId, 'enc-nonexistent').catch((error: unknown) => error);
      // Assess
      expect(otherPatients).toBeInstanceOf(UnknownEncounterError);
      expect(made).toBeInstanceOf(UnknownEncounterError);
      expect(await documentsOf(note.noteId)).toEqual([]);
      expect((await inbox.service.message(CLINICIAN, note.noteId))?.filing.state).toBe('keptForStaff');
    });

    it('leaves the message kept for staff when Epic cannot be asked for the encounters', async () => {
      // Prepare
      const note = await keptMessage();
      const [choice] = await inbox.service.encounters(CLINICIAN, note.noteId);
      harness.sandbox.setFaults({ errorRate: 1, errorStatus: 503 });
      // Act
      const failed = await inbox.service.fileKept(CLINICIAN, note.noteId, choice?.id as string).catch((error: unknown) => error);
      harness.sandbox.setFaults({});
      // Assess
      expect(failed).toBeInstanceOf(FilingFailedError);
      expect((failed as FilingFailedError).errorName).toBe('FhirUnavailableError');
      expect((await inbox.service.message(CLINICIAN, note.noteId))?.filing.state).toBe('keptForStaff');
      expect(await documentsOf(note.noteId)).toEqual([]);
      expect(inbox.audit.events.filter((event) => event.action === 'file').map((event) => event.outcome)).toEqual(['failure']);
    });

    it('leaves the message kept for staff, with the failure recorded, when Epic refuses the DocumentReference', async () => {
      // Prepare: an Epic that answers every create with a 500
      const note = await keptMessage();
      const gateway = harness.gateway();
      const refusing: InboxServiceDeps['epic'] = {
        patientSummaries: (ids, options) => gateway.patientSummaries(ids, options),
        recentEncounters: (patientId, options) => gateway.recentEncounters(patientId, options),
        findEncounters: (patientId, options) => gateway.findEncounters(patientId, options),
        findDocuments: (patientId, identifier, options) => gateway.findDocuments(patientId, identifier, options),
        createDocument: async () => Promise.reject(new FhirError('FHIR create DocumentReference failed with HTTP 500', 500)),
      };
      const notes = inbox.notes;
      inbox.close();
      inbox = inboxUnderTest(refusing, { notes });
      const [choice] = await inbox.service.encounters(CLINICIAN, note.noteId);
      // Act
      const failed = await inbox.service.fileKept(CLINICIAN, note.noteId, choice?.id as string).catch((error: unknown) => error);
      // Assess
      expect(failed).toBeInstanceOf(FilingFailedError);
      expect((failed as FilingFailedError).errorName).toBe('FhirError');
      const stored = await notes.get(note.noteId);
      expect(stored?.steps.delivered).toMatchObject({ state: 'failed', error: 'FhirError' });
      expect(stored?.deliveryFailures).toBe(2);
      expect((await inbox.service.message(CLINICIAN, note.noteId))?.filing.state).toBe('keptForStaff');
      expect(await documentsOf(note.noteId)).toEqual([]);
    });

    it('refuses to file a message the pipeline did not keep for staff', async () => {
      // Prepare
      const { note } = await storedMessage();
      // Act + Assess
      await expect(inbox.service.fileKept(CLINICIAN, note.noteId, TODAY_CALL.id as string)).rejects.toBeInstanceOf(NotKeptForStaffError);
      await expect(inbox.service.encounters(CLINICIAN, note.noteId)).rejects.toBeInstanceOf(NotKeptForStaffError);
      expect(await documentsOf(note.noteId, eleanor.patientId)).toEqual([]);
    });
  });
});
