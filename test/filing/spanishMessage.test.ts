import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../fulfillment/runtime/logger';
import { LocalVocabularyExtractor, MemoryNoteStore, renderNoteText, type EntityExtractor } from '../../fulfillment/notes';
import { MemoryNotifier, processTranscript, toDocumentReference, type PipelineDeps } from '../../fulfillment/filing';
import { MemoryTaskCreator } from '../../fulfillment/tasks';
import { LocalGlossaryTranslator, type Translator } from '../../fulfillment/translation';
import { startLocalRuntime, type LocalRuntime } from '../../sandbox/localRuntime';
import { captureOutput } from '../support/captureOutput';

const PATIENT = 'pat-harold-halvorsen';
const SPANISH = 'Tengo fiebre y tos desde ayer, pero no tengo dolor de pecho.';

let runtime: LocalRuntime;
let counter = 0;

beforeAll(async () => {
  runtime = await startLocalRuntime();
});
afterAll(async () => {
  logger.setLogLevel('INFO');
  await runtime.close();
});

const nextId = () => `spanish-${Date.now()}-${(counter += 1)}`;

/** The pipeline on memory adapters and the Epic sandbox; `seen` records what the extractor was given. */
function depsWith(overrides: Partial<PipelineDeps> = {}) {
  const seen: string[] = [];
  const local = new LocalVocabularyExtractor();
  const extractor: EntityExtractor = { extract: async (text) => (seen.push(text), local.extract(text)) };
  const deps: PipelineDeps = {
    extractor,
    translator: new LocalGlossaryTranslator(),
    store: new MemoryNoteStore(),
    chart: runtime.epic,
    notifier: new MemoryNotifier(),
    tasks: new MemoryTaskCreator(),
    organizationDisplay: 'Clinic phone line (automated)',
    ...overrides,
  };
  return { deps, seen };
}

describe('a message in Spanish through the pipeline', () => {
  it('keeps the Spanish words as the caller\'s, extracts from the English translation and labels it', async () => {
    // Prepare
    const { deps, seen } = depsWith();
    const noteId = nextId();
    // Act
    await processTranscript({ noteId, contactId: 'c-es-1', patientId: PATIENT, transcript: SPANISH, language: 'es-US' }, deps);
    // Assess
    const note = (await deps.store.get(noteId))?.note;
    expect(note).toMatchObject({ transcript: SPANISH, language: 'es-US', translation: { engine: 'local-stand-in' } });
    expect(seen).toEqual([note?.translation?.text]);
    expect(note?.findings.filter((finding) => !finding.negated).map((finding) => finding.text.toLowerCase())).toEqual(['fever', 'cough']);
    expect(note?.urgent).toBe(false);
    expect(note?.redFlags).toEqual([{ id: 'chest-pain', label: 'chest pain', negated: true }]);
  });

  it('is urgent when either text affirms a red flag, even when the translation misses it', async () => {
    // Prepare: a translator that loses the red flag ("I am fainting" is no English red-flag phrase).
    const lossy: Translator = { translate: async () => ({ text: 'I am fainting.', engine: 'amazon-translate', label: 'machine translation (Amazon Translate)' }) };
    const { deps } = depsWith({ translator: lossy });
    const noteId = nextId();
    // Act
    const result = await processTranscript({ noteId, contactId: 'c-es-2', patientId: PATIENT, transcript: 'Me estoy desmayando.', language: 'es-US' }, deps);
    // Assess
    expect(result.urgent).toBe(true);
    expect((await deps.store.get(noteId))?.note?.redFlags).toEqual([{ id: 'unresponsive', label: 'unconscious or unresponsive', negated: false }]);
  });

  it('files the note with both texts, each labelled, and the attachment in es-US', async () => {
    // Prepare
    const { deps } = depsWith();
    const noteId = nextId();
    await processTranscript({ noteId, contactId: 'c-es-3', patientId: PATIENT, transcript: SPANISH, language: 'es-US' }, deps);
    const note = (await deps.store.get(noteId))?.note;
    if (!note) throw new Error('no note');
    // Act
    const text = renderNoteText(note);
    const document: DocumentReference = toDocumentReference(note, { organizationDisplay: 'Clinic phone line (automated)' });
    // Assess
    expect(text).toContain('Language of the message: Spanish (es-US).');
    expect(text).toContain(`Caller's words (Spanish, es-US; transcript):\n${SPANISH}`);
    expect(text).toContain('English translation (local stand-in translation (word glossary; NOT Amazon Translate); may contain errors');
    expect(document.content).toHaveLength(1);
    expect(document.content?.[0]?.attachment?.language).toBe('es-US');
    expect(Buffer.from(document.content?.[0]?.attachment?.data ?? '', 'base64').toString('utf8')).toBe(text);
  });

  it('keeps an English message as before: no translation, no language recorded, en-US attachment', async () => {
    // Prepare
    const { deps, seen } = depsWith();
    const noteId = nextId();
    // Act
    await processTranscript({ noteId, contactId: 'c-en-1', patientId: PATIENT, transcript: 'I have a fever and a cough.' }, deps);
    // Assess
    const note = (await deps.store.get(noteId))?.note;
    expect(note?.translation).toBeUndefined();
    expect(note?.language).toBeUndefined();
    expect(seen).toEqual(['I have a fever and a cough.']);
    expect(toDocumentReference(note as NonNullable<typeof note>, { organizationDisplay: 'x' }).content?.[0]?.attachment?.language).toBe('en-US');
  });

  it('records a failed extraction, with the error name only, when no translator is configured or it fails', async () => {
    // Prepare
    const { deps } = depsWith({ translator: undefined });
    const noteId = nextId();
    // Act
    let failure: unknown;
    const output = await captureOutput(async () => {
      try {
        await processTranscript({ noteId, contactId: 'c-es-4', patientId: PATIENT, transcript: SPANISH, language: 'es-US' }, deps);
      } catch (error) {
        failure = error;
      }
    });
    // Assess
    expect((failure as Error).name).toBe('TranslationError');
    expect((await deps.store.get(noteId))?.steps.extracted).toMatchObject({ state: 'failed', error: 'TranslationError' });
    expect(output).toContain(noteId);
    expect(output).not.toContain('fiebre');
  });
});
