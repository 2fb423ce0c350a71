/**
 * The inbox's list and message page, through the service: the memory note store, a recordings folder,
 * the audit memory adapter and the real sandbox as Epic.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TASK_ATTEMPTS } from '../../fulfillment/filing';
import { InvalidListRequestError } from '../../fulfillment/inbox/errors';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { useEpicHarness } from '../support/epicHarness';
import { CLINICIAN, inboxSandboxResources, inboxUnderTest, messageOf, shortWav } from '../support/inboxFixtures';

const { eleanor, augustin, cornelius, harold } = SCENARIOS;

describe('inbox list', () => {
  const harness = useEpicHarness({ resources: inboxSandboxResources() });
  let inbox: ReturnType<typeof inboxUnderTest>;
  afterEach(() => inbox?.close());

  /** Routine Eleanor (filed), urgent Augustin, routine Cornelius (kept for staff), routine Harold (newest). */
  async function fourMessages() {
    inbox = inboxUnderTest(harness.gateway());
    const routine = await messageOf(eleanor.patientId, 'I have had a dry cough for three days and a mild headache, but no fever.', 30);
    const urgent = await messageOf(augustin.patientId, 'I have crushing chest pain and I feel short of breath.', 20);
    const kept = await messageOf(cornelius.patientId, 'My knee has been swollen since Monday.', 10);
    const newest = await messageOf(harold.patientId, 'I have a sore throat.', 1);
    for (const note of [routine, urgent, kept, newest]) await inbox.notes.putIfAbsent(note, ['transcribed', 'extracted', 'stored']);
    await inbox.notes.recordDocumentReference(routine.noteId, 'doc-routine');
    await inbox.notes.markStep(kept.noteId, 'delivered', { error: 'EncounterRequiredError' });
    await inbox.notes.markKeptForStaff(kept.noteId, 'encounterRequired');
    return { routine, urgent, kept, newest };
  }

  it('lists urgent first, then newest, with names and birth dates from ONE Epic request', async () => {
    // Prepare
    const { routine, urgent, kept, newest } = await fourMessages();
    harness.sandbox.resetStats();
    // Act
    const page = await inbox.service.list(CLINICIAN, { filter: 'all' });
    // Assess
    expect(page.items.map((item) => item.noteId)).toEqual([urgent.noteId, newest.noteId, kept.noteId, routine.noteId]);
    expect(harness.sandbox.stats.fhirRequestsByType['Patient']).toBe(1);
    expect(page.patientsUnavailable).toBe(false);
    expect(page.nextCursor).toBeUndefined();
    expect(page.items[0]).toEqual({
      noteId: urgent.noteId,
      receivedAt: urgent.createdAt,
      urgent: true,
      chiefComplaint: urgent.chiefComplaint,
      filing: 'pending',
      patient: { id: augustin.patientId, name: expect.stringContaining('Pemberton'), birthDate: augustin.birthDate },
    });
    expect(page.items.map((item) => item.filing)).toEqual(['pending', 'pending', 'keptForStaff', 'filed']);
    expect(JSON.stringify(page)).not.toContain('mrn');
  });

  it('still shows the rows when Epic fails, and says the names are missing', async () => {
    // Prepare
    const { urgent } = await fourMessages();
    harness.sandbox.setFaults({ errorRate: 1, errorStatus: 500 });
    // Act
    const page = await inbox.service.list(CLINICIAN, { filter: 'urgent' });
    // Assess
    expect(page.patientsUnavailable).toBe(true);
    expect(page.items).toEqual([expect.objectContaining({ noteId: urgent.noteId, patient: { id: augustin.patientId } })]);
  });

  it('pages with an opaque cursor, one Epic request per page', async () => {
    // Prepare
    const { routine, urgent, kept, newest } = await fourMessages();
    harness.sandbox.resetStats();
    // Act
    const first = await inbox.service.list(CLINICIAN, { filter: 'needsReview', limit: 3 });
    const second = await inbox.service.list(CLINICIAN, { filter: 'needsReview', limit: 3, cursor: first.nextCursor as string });
    // Assess
    expect([...first.items, ...second.items].map((item) => item.noteId)).toEqual([urgent.noteId, newest.noteId, kept.noteId, routine.noteId]);
    expect(second.nextCursor).toBeUndefined();
    expect(harness.sandbox.stats.fhirRequestsByType['Patient']).toBe(2);
  });

  it('asks Epic nothing for an empty page', async () => {
    // Prepare
    inbox = inboxUnderTest(harness.gateway());
    // Act
    const page = await inbox.service.list(CLINICIAN, { filter: 'reviewed' });
    // Assess
    expect(page).toEqual({ items: [], patientsUnavailable: false });
    expect(harness.sandbox.stats.fhirRequests).toBe(0);
  });

  it('refuses an unknown filter, a page over 50 rows and a cursor it did not make', async () => {
    // Prepare
    await fourMessages();
    const { nextCursor } = await inbox.service.list(CLINICIAN, { filter: 'all', limit: 1 });
    // Act + Assess
    await expect(inbox.service.list(CLINICIAN, { filter: 'everything' as 'all' })).rejects.toBeInstanceOf(InvalidListRequestError);
    await expect(inbox.service.list(CLINICIAN, { filter: 'all', limit: 51 })).rejects.toBeInstanceOf(InvalidListRequestError);
    await expect(inbox.service.list(CLINICIAN, { filter: 'urgent', cursor: nextCursor as string })).rejects.toBeInstanceOf(InvalidListRequestError);
    await expect(inbox.service.list(CLINICIAN, { filter: 'all', cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidListRequestError);
  });
});

describe('inbox message page', () => {
  const harness = useEpicHarness({ resources: inboxSandboxResources() });
  let inbox: ReturnType<typeof inboxUnderTest>;
  afterEach(() => inbox?.close());

  it('opens a message with the note, the patient and MRN, filing, timeline, stamps and audio, audited as a view', async () => {
    // Prepare
    inbox = inboxUnderTest(harness.gateway());
    const note = await messageOf(eleanor.patientId, 'I have had a dry cough for three days and a mild headache, but no fever.');
    await inbox.recordings.put(note.contactId, shortWav());
    await inbox.notes.markStep(note.noteId, 'recorded', { contactId: note.contactId });
    await inbox.notes.putIfAbsent(note, ['transcribed', 'extracted', 'stored']);
    await inbox.notes.recordDocumentReference(note.noteId, 'doc-eleanor-1');
    await inbox.notes.markStep(note.noteId, 'delivered', {});
    await inbox.notes.markCalledBack(note.noteId, { by: { id: 'clinician-sub-lee', displayName: 'Dr. Sam Lee' }, at: '2026-02-10T16:00:00.000Z' });
    // Act
    const message = await inbox.service.message(CLINICIAN, note.noteId);
    // Assess
    expect(message).toMatchObject({
      noteId: note.noteId,
      receivedAt: note.createdAt,
      note,
      patient: { id: eleanor.patientId, name: expect.stringContaining('Whitfield'), birthDate: eleanor.birthDate, mrn: '203714' },
      filing: { state: 'filed', documentReferenceId: 'doc-eleanor-1' },
      task: { state: 'pending' },
      calledBack: { by: { id: 'clinician-sub-lee', displayName: 'Dr. Sam Lee' }, at: '2026-02-10T16:00:00.000Z' },
      hasAudio: true,
    });
    expect(message?.reviewed).toBeUndefined();
    expect(message?.timeline.map((entry) => entry.step)).toEqual(['recorded', 'transcribed', 'extracted', 'stored', 'delivered']);
    expect(message?.note.findings.find((finding) => finding.text === 'fever')?.negated).toBe(true);
    expect(inbox.audit.events).toEqual([
      {
        sessionId: CLINICIAN.sessionId,
        patientId: eleanor.patientId,
        contactId: note.contactId,
        action: 'view',
        actor: CLINICIAN.id,
        resourceTypes: ['SymptomNote', 'Patient'],
        outcome: 'success',
        at: expect.any(String),
      },
    ]);
  });

  it('shows the message\'s Amazon Connect task: its contact id once created, "no task" with why after the last failed attempt', async () => {
    // Prepare
    inbox = inboxUnderTest(harness.gateway());
    const tasked = await messageOf(eleanor.patientId, 'I have had a dry cough for three days.');
    const untasked = await messageOf(augustin.patientId, 'I have crushing chest pain and I feel short of breath.');
    for (const note of [tasked, untasked]) await inbox.notes.putIfAbsent(note, ['transcribed', 'extracted', 'stored']);
    await inbox.notes.recordTaskContact(tasked.noteId, 'task-contact-7');
    await inbox.notes.markStep(tasked.noteId, 'tasked', {});
    for (let attempt = 0; attempt < TASK_ATTEMPTS; attempt += 1) await inbox.notes.markStep(untasked.noteId, 'tasked', { error: 'TaskThrottledError:ThrottlingException' });
    // Act
    const [withTask, withoutTask] = [await inbox.service.message(CLINICIAN, tasked.noteId), await inbox.service.message(CLINICIAN, untasked.noteId)];
    // Assess
    expect(withTask?.task).toEqual({ state: 'created', contactId: 'task-contact-7' });
    expect(withTask?.timeline.map((entry) => entry.step)).toEqual(['transcribed', 'extracted', 'stored', 'tasked']);
    expect(withoutTask?.task).toEqual({ state: 'none', reason: expect.stringContaining(`failed ${TASK_ATTEMPTS} times (last: TaskThrottledError:ThrottlingException)`) });
  });

  it('says why a kept message waits for staff, and that there is no audio when none is stored', async () => {
    // Prepare
    inbox = inboxUnderTest(harness.gateway());
    const note = await messageOf(cornelius.patientId, 'My knee has been swollen since Monday.');
    await inbox.notes.putIfAbsent(note);
    await inbox.notes.markStep(note.noteId, 'delivered', { error: 'EncounterRequiredError' });
    await inbox.notes.markKeptForStaff(note.noteId, 'encounterRequired');
    // Act
    const message = await inbox.service.message(CLINICIAN, note.noteId);
    // Assess
    expect(message?.filing).toEqual({ state: 'keptForStaff', reason: expect.stringContaining('requires an encounter') });
    expect(message?.hasAudio).toBe(false);
  });

  it('shows the message without the patient’s name when Epic fails, and still audits the view', async () => {
    // Prepare
    inbox = inboxUnderTest(harness.gateway());
    const note = await messageOf(eleanor.patientId, 'I have a sore throat.');
    await inbox.notes.putIfAbsent(note);
    harness.sandbox.setFaults({ errorRate: 1, errorStatus: 500 });
    // Act
    const message = await inbox.service.message(CLINICIAN, note.noteId);
    // Assess
    expect(message?.patient).toEqual({ id: eleanor.patientId });
    expect(inbox.audit.events.map((event) => event.action)).toEqual(['view']);
  });

  it('answers nothing for an unknown or malformed id, reads no store entry for a malformed one, and audits nothing', async () => {
    // Prepare
    inbox = inboxUnderTest(harness.gateway());
    // Act
    const answers = await Promise.all(['inbox-unknown', '../etc/passwd', 'a b', '', 'x'.repeat(65)].map((id) => inbox.service.message(CLINICIAN, id)));
    // Assess
    expect(answers).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(inbox.audit.events).toEqual([]);
    expect(harness.sandbox.stats.fhirRequests).toBe(0);
  });

  it('shows nothing when the view cannot be audited', async () => {
    // Prepare
    inbox = inboxUnderTest(harness.gateway(), { audit: { record: async () => Promise.reject(new Error('audit table unreachable')) } });
    const note = await messageOf(eleanor.patientId, 'I have a sore throat.');
    await inbox.notes.putIfAbsent(note);
    // Act + Assess
    await expect(inbox.service.message(CLINICIAN, note.noteId)).rejects.toThrow('audit table unreachable');
  });
});
