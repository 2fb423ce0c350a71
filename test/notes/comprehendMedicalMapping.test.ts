/**
 * Comprehend Medical's answers become the project's findings at the edge: what is kept, what is
 * dropped, and what a missing field reads as. Fixtures are the API's Response Syntax, as files.
 */
import { readFileSync } from 'node:fs';
import type { DetectEntitiesV2Response, Entity, InferICD10CMResponse, InferRxNormResponse } from '@aws-sdk/client-comprehendmedical';
import { describe, expect, it } from 'vitest';
import { extractionFromComprehendMedical, type Extraction } from '../../fulfillment/notes';

function response<T>(name: string): T {
  return (JSON.parse(readFileSync(new URL(`../fixtures/symptoms/${name}.json`, import.meta.url), 'utf8')) as { response: T }).response;
}

function fixtureExtraction(): Extraction {
  return extractionFromComprehendMedical({
    entities: response<DetectEntitiesV2Response>('comprehend-detect-entities-v2').Entities ?? [],
    icd10: response<InferICD10CMResponse>('comprehend-infer-icd10cm').Entities ?? [],
    rxnorm: response<InferRxNormResponse>('comprehend-infer-rxnorm').Entities ?? [],
  });
}

describe('Comprehend Medical answers as findings', () => {
  it('turns DetectEntitiesV2 conditions and medications into findings with their traits and details', () => {
    // Act
    const { findings } = fixtureExtraction();
    // Assess
    expect(findings).toEqual([
      {
        kind: 'condition',
        id: 0,
        text: 'cough',
        score: 0.9962,
        begin: 17,
        end: 22,
        traits: [{ name: 'SYMPTOM', score: 0.8611 }],
        attributes: [
          { id: 1, type: 'QUALITY', text: 'dry', score: 0.8872, relationshipScore: 0.9987, begin: 13, end: 16 },
          { id: 2, type: 'TIME_TO_DX_NAME', text: 'for three days', score: 0.8156, relationshipScore: 0.9421, begin: 23, end: 37 },
        ],
      },
      {
        kind: 'condition',
        id: 3,
        text: 'fever',
        score: 0.9978,
        begin: 45,
        end: 50,
        traits: [
          { name: 'NEGATION', score: 0.9731 },
          { name: 'SYMPTOM', score: 0.7012 },
        ],
        attributes: [],
      },
      {
        kind: 'medication',
        brand: false,
        id: 4,
        text: 'ibuprofen',
        score: 0.9981,
        begin: 59,
        end: 68,
        traits: [],
        attributes: [
          { id: 5, type: 'DOSAGE', text: '200 mg', score: 0.8213, relationshipScore: 0.9903, begin: 69, end: 75 },
          { id: 6, type: 'FREQUENCY', text: 'twice a day', score: 0.9436, relationshipScore: 0.9977, begin: 76, end: 87 },
        ],
      },
    ]);
  });

  it('keeps the ICD-10-CM and RxNorm concepts of each mention, in the order the service gave them', () => {
    // Act
    const { icd10, rxnorm } = fixtureExtraction();
    // Assess
    expect(icd10.map((mention) => [mention.kind, mention.text, mention.traits.map((trait) => trait.name), mention.concepts.map((concept) => concept.code)])).toEqual([
      ['condition', 'cough', ['SYMPTOM'], ['R05.9', 'R05.3', 'R05.1']],
      ['condition', 'fever', ['NEGATION', 'SYMPTOM'], ['R50.9', 'R50.81']],
    ]);
    expect(icd10[0]?.concepts[0]).toEqual({ code: 'R05.9', description: 'Cough, unspecified', score: 0.8117 });
    expect(icd10[0]?.attributes.map((attribute) => attribute.type)).toEqual(['QUALITY', 'TIME_EXPRESSION']);
    expect(rxnorm).toEqual([
      {
        kind: 'medication',
        brand: false,
        id: 0,
        text: 'ibuprofen',
        score: 0.9979,
        begin: 59,
        end: 68,
        traits: [],
        attributes: [
          { id: 1, type: 'DOSAGE', text: '200 mg', score: 0.8089, relationshipScore: 0.9884, begin: 69, end: 75 },
          { id: 2, type: 'FREQUENCY', text: 'twice a day', score: 0.9366, relationshipScore: 0.9969, begin: 76, end: 87 },
        ],
        concepts: [
          { code: '310965', description: 'ibuprofen 200 MG Oral Tablet', score: 0.8347 },
          { code: '5640', description: 'ibuprofen', score: 0.6712 },
        ],
      },
    ]);
  });

  it('drops what the note never reads: other categories, unknown traits, concepts without a code', () => {
    // Prepare
    const anatomy: Entity = { Id: 0, Text: 'knee', Category: 'ANATOMY', Type: 'SYSTEM_ORGAN_SITE', Score: 0.9, BeginOffset: 0, EndOffset: 4 };
    const brand: Entity = { Id: 1, Text: 'Tylenol', Category: 'MEDICATION', Type: 'BRAND_NAME', Score: 0.9, BeginOffset: 5, EndOffset: 12, Traits: [{ Name: 'FUTURE', Score: 0.8 }] };
    // Act
    const extraction = extractionFromComprehendMedical({
      entities: [anatomy, brand],
      icd10: [{ Id: 2, Text: 'pain', Category: 'MEDICAL_CONDITION', Type: 'DX_NAME', ICD10CMConcepts: [{ Description: 'no code', Score: 0.9 }, { Code: 'R52', Score: 0.7 }] }],
      rxnorm: [],
    });
    // Assess
    expect(extraction.findings).toEqual([{ kind: 'medication', brand: true, id: 1, text: 'Tylenol', score: 0.9, begin: 5, end: 12, traits: [], attributes: [] }]);
    // Missing numbers read as 0, missing text as ''.
    expect(extraction.icd10).toEqual([{ kind: 'condition', id: 2, text: 'pain', score: 0, begin: 0, end: 0, traits: [], attributes: [], concepts: [{ code: 'R52', description: '', score: 0.7 }] }]);
  });
});
