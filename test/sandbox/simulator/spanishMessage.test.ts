/**
 * A message left in Spanish on a simulated call goes the whole way on this machine (issue 18): the
 * caller chooses Spanish at the greeting (2), the flow sets the contact's language ($.LanguageCode)
 * and passes it to the capture function, the worker runs the
 * local transcription stand-in, the local translator stand-in puts it in English for the local
 * extractor, the note keeps both texts, the DocumentReference in the Epic sandbox carries es-US, and
 * the inbox's message page shows both texts, labelled. The dialog runs in the bots' es_US locale.
 */
import type { DocumentReference } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { InboxMessage } from '../../../fulfillment/inbox/ports';
import { messagePage } from '../../../fulfillment/inbox/web/pages/message';
import { LOCAL_STAND_IN_LABEL } from '../../../fulfillment/translation';
import { DEMO_CALLER } from '../../../sandbox/data/scenarios';
import { localSymptomPipeline } from '../../../sandbox/localSymptoms';
import { playCall, type CallPrinter } from '../../../sandbox/simulator/flow';
import { CLINICIAN } from '../../support/inboxFixtures';
import { useLocalRuntime } from '../../support/localRuntime';
import { scriptOf } from '../../support/callRecorder';

const silent: CallPrinter = { ivr: () => undefined, caller: () => undefined, trace: () => undefined };
const SPANISH = 'Tengo fiebre y tos desde ayer, pero no tengo dolor de pecho.';

describe('a message in Spanish on a simulated call', () => {
  const runtime = useLocalRuntime();

  /** The lines of a call that leaves `message`: in Spanish (2 at the greeting), or in English as before. */
  const CALLS = {
    spanish: (message: string) => ['2', '14 de marzo de 1948', 'E L E A N O R', 'W H I T F I E L D', 'femenino', 'quiero dejar un mensaje para mi médico', message, 'adiós'],
    english: (message: string) => ['March 14, 1948', 'E L E A N O R', 'W H I T F I E L D', 'female', 'I want to leave a message for my doctor', message, 'goodbye'],
  };

  async function leave(message: string, language: keyof typeof CALLS = 'spanish') {
    const symptoms = localSymptomPipeline({ sessions: runtime.deps.sessions, chart: runtime.epic, clock: runtime.deps.clock });
    await playCall({
      handler: runtime.handler,
      callerNumber: DEMO_CALLER.callerNumber,
      lines: scriptOf(CALLS[language](message)),
      print: silent,
      searchStrategy: runtime.config.epic.patientSearch,
      functions: { SymptomCaptureFunctionArn: symptoms.captureFunction },
      hooks: { recording: symptoms.recording },
    });
    return symptoms.drain();
  }

  it('files a note with the Spanish words, the labelled stand-in translation and the findings from it, in es-US', async () => {
    // Act
    const [filed] = await leave(SPANISH);
    // Assess
    expect(filed?.outcome).toBe('filed');
    const note = filed?.stored?.note;
    expect(note).toMatchObject({ transcript: SPANISH, language: 'es-US', translation: { engine: 'local-stand-in', label: LOCAL_STAND_IN_LABEL }, urgent: false });
    expect(note?.chiefComplaint).toBe('fever');
    expect(note?.redFlags).toEqual([{ id: 'chest-pain', label: 'chest pain', negated: true }]);
    const document = await runtime.epic.fhir.read<DocumentReference>('DocumentReference', filed?.stored?.documentReferenceId as string);
    expect(document.content?.[0]?.attachment?.language).toBe('es-US');
    const body = Buffer.from(document.content?.[0]?.attachment?.data ?? '', 'base64').toString('utf8');
    expect(body).toContain(SPANISH);
    expect(body).toContain('local stand-in translation');
  });

  it('hears a red flag said in Spanish in the note: urgent', async () => {
    // Act
    const [filed] = await leave('Me estoy desmayando y me falta el aire.');
    // Assess
    expect(filed?.stored?.note?.urgent).toBe(true);
    expect(filed?.stored?.note?.redFlags.filter((flag) => !flag.negated).map((flag) => flag.id).sort()).toEqual(['breathing', 'unresponsive']);
  });

  it('shows both texts on the inbox message page, each labelled, the caller\'s in its language', async () => {
    // Prepare
    const [filed] = await leave(SPANISH);
    const note = filed?.stored?.note;
    if (!note) throw new Error('no note');
    const message: InboxMessage = { noteId: note.noteId, receivedAt: note.createdAt, note, patient: { id: DEMO_CALLER.patientId }, filing: { state: 'filed' }, timeline: [], hasAudio: false };
    // Act
    const page = String(await messagePage({ signedIn: { clinician: CLINICIAN, csrfToken: 'csrf' }, message, timeZone: 'America/Chicago' }));
    // Assess
    expect(page).toContain("<h3>Caller's words (Spanish)</h3>");
    expect(page).toContain(`<p class="transcript" lang="es-US">${SPANISH}</p>`);
    expect(page).toContain('<h3>English translation</h3>');
    expect(page).toContain(`${LOCAL_STAND_IN_LABEL}: may contain errors`);
    expect(page).toMatch(/<mark class="mark-symptom"[^>]*>fever/);
  });

  it('keeps an English call as before: no language, no translation', async () => {
    // Act
    const [filed] = await leave('I have had a dry cough for three days', 'english');
    // Assess
    expect(filed?.stored?.note?.language).toBeUndefined();
    expect(filed?.stored?.note?.translation).toBeUndefined();
  });
});
