import { describe, expect, it } from 'vitest';
import { buildSymptomNote, CONDITIONS, hasTrait, isNegated, LocalVocabularyExtractor, MEDICATIONS, type Extraction, type Finding, type FindingAttribute } from '../../fulfillment/notes';

const extractor = new LocalVocabularyExtractor();

function byText(extraction: Extraction, text: string): Finding {
  const finding = extraction.findings.find((candidate) => candidate.text.toLowerCase() === text);
  if (!finding) throw new Error(`no finding "${text}" in ${extraction.findings.map((f) => f.text).join(', ')}`);
  return finding;
}

const negated = (finding: Finding): boolean => hasTrait(finding, 'NEGATION');
const attribute = (finding: Finding, type: string): FindingAttribute | undefined => finding.attributes.find((candidate) => candidate.type === type);

describe('local vocabulary extractor (stand-in for Comprehend Medical)', () => {
  it('knows at least 30 conditions with ICD-10-CM codes and 20 medications with RxNorm ingredient codes', () => {
    // Assess
    expect(CONDITIONS.length).toBeGreaterThanOrEqual(30);
    expect(MEDICATIONS.length).toBeGreaterThanOrEqual(20);
    for (const condition of CONDITIONS) expect(condition.code).toMatch(/^[A-TV-Z]\d{2}(\.[0-9A-Z]{1,4})?$/);
    for (const medication of MEDICATIONS) expect(medication.rxcui).toMatch(/^\d+$/);
    expect(MEDICATIONS.find((medication) => medication.ingredient === 'acetaminophen')?.rxcui).toBe('161');
    expect(CONDITIONS.find((condition) => condition.code === 'R05.9')?.description).toBe('Cough, unspecified');
  });

  it('marks denied symptoms with a NEGATION trait and leaves the others alone', async () => {
    // Prepare
    const text = 'No fever, but I have a headache. She denies chest pain and is without nausea. I have not had any vomiting.';
    // Act
    const extraction = await extractor.extract(text);
    // Assess
    expect(negated(byText(extraction, 'fever'))).toBe(true);
    expect(negated(byText(extraction, 'headache'))).toBe(false);
    expect(negated(byText(extraction, 'chest pain'))).toBe(true);
    expect(negated(byText(extraction, 'nausea'))).toBe(true);
    expect(negated(byText(extraction, 'vomiting'))).toBe(true);
  });

  it('negates only what follows "but no"', async () => {
    const extraction = await extractor.extract('I have a cough but no fever');
    expect(negated(byText(extraction, 'cough'))).toBe(false);
    expect(negated(byText(extraction, 'fever'))).toBe(true);
  });

  it('ends a negation at "but" and at a new statement, and ignores "no better"', () => {
    expect(isNegated('no fever but a cough', 15, 20).negated).toBe(false);
    expect(isNegated('No fever, I have a cough', 19, 24).negated).toBe(false);
    expect(isNegated('my cough is no better', 3, 8).negated).toBe(false);
    expect(isNegated('Tylenol does not help my headache', 25, 33).negated).toBe(false);
    expect(isNegated('the headache went away', 4, 12).negated).toBe(true);
    expect(isNegated('the headache has not stopped', 4, 12).negated).toBe(false);
  });

  it('relates time, acuity, quality, site and direction to the nearest condition', async () => {
    // Prepare
    const text = 'I have had a severe throbbing pain in my left knee for two weeks. Also a dry cough since yesterday.';
    // Act
    const extraction = await extractor.extract(text);
    // Assess
    const pain = byText(extraction, 'pain');
    expect(attribute(pain, 'ACUITY')?.text).toBe('severe');
    expect(attribute(pain, 'QUALITY')?.text).toBe('throbbing');
    expect(attribute(pain, 'SYSTEM_ORGAN_SITE')).toMatchObject({ text: 'knee', type: 'SYSTEM_ORGAN_SITE' });
    expect(attribute(pain, 'DIRECTION')?.text).toBe('left');
    // A time related to a condition is named as DetectEntitiesV2 names it.
    expect(attribute(pain, 'TIME_TO_DX_NAME')).toMatchObject({ text: 'for two weeks', type: 'TIME_TO_DX_NAME' });
    const cough = byText(extraction, 'cough');
    expect(attribute(cough, 'QUALITY')?.text).toBe('dry');
    expect(attribute(cough, 'TIME_TO_DX_NAME')?.text).toBe('since yesterday');
    expect(attribute(cough, 'ACUITY')).toBeUndefined();
  });

  it('reads dose, frequency and route of a medication and links it to RxNorm', async () => {
    // Prepare
    const text = 'I took two tablets of Tylenol by mouth every 6 hours, and ibuprofen 400 mg twice a day.';
    // Act
    const extraction = await extractor.extract(text);
    // Assess
    const tylenol = byText(extraction, 'tylenol');
    expect(tylenol).toMatchObject({ kind: 'medication', brand: true });
    expect(attribute(tylenol, 'DOSAGE')?.text).toBe('two tablets');
    expect(attribute(tylenol, 'ROUTE_OR_MODE')?.text).toBe('by mouth');
    expect(attribute(tylenol, 'FREQUENCY')?.text).toBe('every 6 hours');
    const ibuprofen = byText(extraction, 'ibuprofen');
    expect(ibuprofen).toMatchObject({ kind: 'medication', brand: false });
    expect(attribute(ibuprofen, 'STRENGTH')?.text).toBe('400 mg');
    expect(attribute(ibuprofen, 'FREQUENCY')?.text).toBe('twice a day');
    expect(extraction.rxnorm.map((mention) => mention.concepts[0]?.code)).toEqual(['161', '5640']);
    expect(extraction.rxnorm[1]?.attributes.map((a) => a.type)).toEqual(['STRENGTH', 'FREQUENCY']);
  });

  it('gives offsets that point at the entity and attribute words in the transcript', async () => {
    // Prepare
    const text = 'Hello, it’s about my son. He’s had a fever since last night and a sore throat for two days; no rash.';
    // Act
    const extraction = await extractor.extract(text);
    // Assess
    const spans = [...extraction.findings, ...extraction.icd10, ...extraction.rxnorm].flatMap((finding) => [finding, ...finding.attributes]);
    expect(spans.length).toBeGreaterThan(4);
    for (const span of spans) expect(text.slice(span.begin, span.end)).toBe(span.text);
    expect(extraction.icd10.map((mention) => mention.concepts[0]?.code)).toEqual(['R50.9', 'R07.0', 'R21']);
  });

  it('answers with the findings DetectEntitiesV2, InferICD10CM and InferRxNorm parse to, every score in (0, 1]', async () => {
    // Act
    const extraction = await extractor.extract('Sharp chest pain since this morning. I take metformin 500 mg daily.');
    // Assess
    const [condition] = extraction.icd10;
    expect(condition).toMatchObject({ kind: 'condition', concepts: [{ code: 'R07.9', description: 'Chest pain, unspecified' }] });
    // InferICD10CM names a time TIME_EXPRESSION (DetectEntitiesV2: TIME_TO_DX_NAME) and reports no dose or frequency.
    expect(condition?.attributes.map((a) => a.type)).toEqual(['QUALITY', 'TIME_EXPRESSION']);
    expect(extraction.rxnorm[0]).toMatchObject({ kind: 'medication', brand: false, concepts: [{ code: '6809', description: 'metformin' }] });
    const scores = [...extraction.findings, ...extraction.icd10].flatMap((finding) => [finding.score, ...finding.traits.map((t) => t.score), ...finding.attributes.flatMap((a) => [a.score, a.relationshipScore])]);
    for (const score of scores) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    const ids = extraction.findings.flatMap((finding) => [finding.id, ...finding.attributes.map((a) => a.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('turns two different descriptions into two different notes', async () => {
    // Prepare
    const first = 'I have a bad cough and a fever for three days.';
    const second = 'My lower back pain is severe since Monday and I feel dizzy. I take naproxen.';
    const build = async (transcript: string) =>
      buildSymptomNote({ noteId: 'n-1', contactId: 'c-1', patientId: 'p-1', transcript, extraction: await extractor.extract(transcript), createdAt: '2025-01-01T00:00:00.000Z', minIcd10Score: 0.5 });
    // Act
    const [a, b] = [await build(first), await build(second)];
    // Assess
    expect(a.chiefComplaint).toBe('cough');
    expect(b.chiefComplaint).toBe('lower back pain');
    expect(a.icd10Candidates.map((c) => c.code).sort()).toEqual(['R05.9', 'R50.9']);
    expect(b.icd10Candidates.map((c) => c.code).sort()).toEqual(['M54.50', 'R42']);
    expect(b.medications.map((m) => m.rxnorm[0]?.code)).toEqual(['7258']);
    expect(a.findings.find((f) => f.text === 'fever')?.duration?.text).toBe('for three days');
  });

  it('finds nothing in words it does not know, rather than guessing', async () => {
    const extraction = await extractor.extract('Please call me back about my appointment on Tuesday.');
    expect(extraction).toEqual({ findings: [], icd10: [], rxnorm: [] });
  });
});
