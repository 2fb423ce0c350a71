import { readFileSync } from 'node:fs';
import type { DetectEntitiesV2Response, InferICD10CMResponse, InferRxNormResponse } from '@aws-sdk/client-comprehendmedical';
import { describe, expect, it } from 'vitest';
import { soundsLikeEmergency } from '../../fulfillment/dialog/emergency';
import { findRedFlags } from '../../fulfillment/notes/redFlags';
import { buildSymptomNote, extractionFromComprehendMedical, LocalVocabularyExtractor, NO_COMPLAINT, renderNoteText, type Extraction, type SymptomNote } from '../../fulfillment/notes';

const extractor = new LocalVocabularyExtractor();

async function noteOf(transcript: string, minIcd10Score = 0.5): Promise<SymptomNote> {
  const extraction = await extractor.extract(transcript);
  return buildSymptomNote({ noteId: 'note-1', contactId: 'contact-1', patientId: 'pat-1', transcript, extraction, createdAt: '2025-03-04T15:20:00.000Z', minIcd10Score });
}

function fixture<T>(name: string): { text: string; response: T } {
  return JSON.parse(readFileSync(new URL(`../fixtures/symptoms/${name}.json`, import.meta.url), 'utf8')) as { text: string; response: T };
}

describe('symptom note', () => {
  it('is urgent when the caller says "I have chest pain", with the banner first', async () => {
    // Act
    const note = await noteOf('I have chest pain since this morning.');
    // Assess
    expect(note.urgent).toBe(true);
    expect(note.redFlags).toEqual([{ id: 'chest-pain', label: 'chest pain', negated: false }]);
    expect(renderNoteText(note).split('\n')[0]).toMatch(/^\*\*\* URGENT: the caller mentioned chest pain\./);
  });

  it('is not urgent when the caller says "no chest pain", and lists it as denied', async () => {
    // Act
    const note = await noteOf('I have a headache but no chest pain and no shortness of breath.');
    // Assess
    expect(note.urgent).toBe(false);
    expect(note.redFlags.map((flag) => [flag.id, flag.negated])).toEqual([
      ['chest-pain', true],
      ['breathing', true],
    ]);
    const text = renderNoteText(note);
    expect(text).not.toMatch(/URGENT/);
    expect(text).toMatch(/Denied:\n- chest pain\n- shortness of breath/);
    expect(text).toMatch(/Red flags denied by the caller: chest pain and trouble breathing\./);
  });

  it('stays urgent when a denied red flag is mentioned again without denial', async () => {
    const note = await noteOf('Yesterday there was no chest pain. Today the chest pain is back and it is crushing.');
    expect(note.urgent).toBe(true);
  });

  it('stays urgent when a red flag is denied twice over, as the live dialog judges it', async () => {
    // Act
    const note = await noteOf("I never said I don't have chest pain. It is still there.");
    // Assess
    expect(note.urgent).toBe(true);
    expect(note.redFlags).toEqual([{ id: 'chest-pain', label: 'chest pain', negated: false }]);
  });

  it('flags red flags the vocabulary has no entity for, judged by the negation window', async () => {
    // Act
    const urgent = await noteOf('My husband says my face is drooping and I think it could be a stroke.');
    const calm = await noteOf('I never had a seizure, I just have a cough.');
    // Assess
    expect(urgent.redFlags.map((flag) => flag.id)).toEqual(['stroke']);
    expect(urgent.urgent).toBe(true);
    expect(calm.redFlags).toEqual([{ id: 'seizure', label: 'seizure', negated: true }]);
    expect(calm.urgent).toBe(false);
  });

  it('takes the first symptom the caller has as the chief complaint, skipping denied ones', async () => {
    expect((await noteOf('No fever. I have a sore throat and a cough.')).chiefComplaint).toBe('sore throat');
    expect((await noteOf('I have no fever and no cough.')).chiefComplaint).toBe(NO_COMPLAINT);
  });

  it('keeps ICD-10-CM candidates above the threshold, once per code, best first, none for denied conditions', () => {
    // Prepare: Comprehend Medical's answers for the fixture text.
    const icd10 = fixture<InferICD10CMResponse>('comprehend-infer-icd10cm');
    const extraction: Extraction = extractionFromComprehendMedical({
      entities: fixture<DetectEntitiesV2Response>('comprehend-detect-entities-v2').response.Entities ?? [],
      icd10: [...(icd10.response.Entities ?? []), ...(icd10.response.Entities ?? []).slice(0, 1)],
      rxnorm: fixture<InferRxNormResponse>('comprehend-infer-rxnorm').response.Entities ?? [],
    });
    const build = (minIcd10Score: number) =>
      buildSymptomNote({ noteId: 'n', contactId: 'c', patientId: 'p', transcript: icd10.text, extraction, createdAt: '2025-03-04T15:20:00.000Z', minIcd10Score });
    // Act
    const [loose, strict] = [build(0.3), build(0.5)];
    // Assess: "fever" is negated, so R50.9 never appears; R05.9 appears once although inferred twice.
    expect(loose.icd10Candidates.map((c) => [c.code, c.score])).toEqual([
      ['R05.9', 0.8117],
      ['R05.3', 0.4204],
      ['R05.1', 0.3311],
    ]);
    expect(strict.icd10Candidates.map((c) => c.code)).toEqual(['R05.9']);
  });

  it('reads the symptoms, denials and medications of a Comprehend Medical answer, every score kept', () => {
    // Prepare
    const detect = fixture<DetectEntitiesV2Response>('comprehend-detect-entities-v2');
    const extraction: Extraction = extractionFromComprehendMedical({
      entities: detect.response.Entities ?? [],
      icd10: fixture<InferICD10CMResponse>('comprehend-infer-icd10cm').response.Entities ?? [],
      rxnorm: fixture<InferRxNormResponse>('comprehend-infer-rxnorm').response.Entities ?? [],
    });
    // Act
    const note = buildSymptomNote({ noteId: 'n', contactId: 'c', patientId: 'p', transcript: detect.text, extraction, createdAt: '2025-03-04T15:20:00.000Z', minIcd10Score: 0.5 });
    // Assess
    expect(note.chiefComplaint).toBe('cough');
    expect(note.findings).toMatchObject([
      { text: 'cough', kind: 'symptom', negated: false, score: 0.9962, quality: { text: 'dry', score: 0.8872 }, duration: { text: 'for three days', relationshipScore: 0.9421 } },
      { text: 'fever', negated: true },
    ]);
    expect(note.medications).toMatchObject([
      { text: 'ibuprofen', negated: false, dose: { text: '200 mg' }, frequency: { text: 'twice a day' }, rxnorm: [{ code: '310965', score: 0.8347 }, { code: '5640' }] },
    ]);
    expect(renderNoteText(note)).toContain('- ibuprofen (ibuprofen 200 MG Oral Tablet, RxNorm 310965): dose 200 mg; frequency twice a day');
  });

  it('has an empty form for a silent or near-silent recording', async () => {
    // Act
    const silent = await noteOf('');
    const mumble = await noteOf('Um. Hello? Uh.');
    const short = await noteOf('Chest pain.');
    // Assess
    expect(silent).toMatchObject({ form: 'empty', urgent: false, chiefComplaint: NO_COMPLAINT, findings: [] });
    expect(mumble.form).toBe('empty');
    expect(renderNoteText(mumble)).toMatch(/recording was empty or nearly silent/);
    expect(short).toMatchObject({ form: 'complete', urgent: true });
  });

  it('renders what was reported with its details, and the whole transcript', async () => {
    // Prepare
    const transcript = 'I have a severe throbbing headache for two days. I took ibuprofen 400 mg twice a day.';
    // Act
    const text = renderNoteText(await noteOf(transcript));
    // Assess
    expect(text).toContain('Chief complaint: headache');
    expect(text).toContain('- headache: severity severe; quality throbbing; duration for two days');
    expect(text).toContain('- ibuprofen (ibuprofen, RxNorm 5640): dose 400 mg; frequency twice a day');
    expect(text).toContain('- R51.9 Headache, unspecified (score 0.85)');
    expect(text).toContain(transcript);
    expect(text).toContain('NOT reviewed or signed by a clinician');
  });

  it('refuses a note id that is not safe in identifiers and keys', async () => {
    const extraction = await extractor.extract('cough');
    const build = () => buildSymptomNote({ noteId: 'a|b', contactId: 'c', patientId: 'p', transcript: 'cough', extraction, createdAt: '2025-03-04T15:20:00.000Z', minIcd10Score: 0.5 });
    expect(build).toThrow(RangeError);
  });
});

describe('red flags shared with the live dialog', () => {
  it('still hears emergencies in the dialog exactly as before', () => {
    expect(soundsLikeEmergency("I can't breathe")).toBe(true);
    expect(soundsLikeEmergency('my chest-pain is back')).toBe(true);
    expect(soundsLikeEmergency('refill my medication')).toBe(false);
  });

  it('locates each red flag in the original words, punctuation and case included', () => {
    const transcript = 'Well… my CHEST, PAIN? No. My chest-pain and I’m short of breath!';
    const spans = findRedFlags(transcript).map((match) => transcript.slice(match.begin, match.end));
    expect(spans).toEqual(['chest-pain', 'short of breath']);
  });
});
