import type { Attribute, Entity, ICD10CMAttribute, ICD10CMEntity, RxNormAttribute, RxNormEntity } from '@aws-sdk/client-comprehendmedical';
import type { EntityExtractor, Extraction } from './extraction';
import { isNegated } from './negation';
import { ATTRIBUTE_PATTERNS, CONDITIONS, MEDICATIONS, type AttributeKind, type AttributePattern } from './vocabulary';

/**
 * LOCAL STAND-IN for Amazon Comprehend Medical, for local runs, the sandbox demo and tests: finds the
 * conditions and medications of a small vocabulary (`vocabulary.ts`: real ICD-10-CM codes and RxNorm
 * ingredient RxCUIs), attributes by pattern (time, acuity, quality, site, direction, dose, frequency,
 * route, strength, form) related to the nearest entity of the same sentence, and negation NegEx-style.
 * Its output has exactly the shapes of DetectEntitiesV2, InferICD10CM and InferRxNorm, so everything
 * downstream runs unchanged. It is not a clinical NLP model: what it does not know, it does not find.
 *
 * @example
 * const extraction = await new LocalVocabularyExtractor().extract('Bad cough for three days, no fever.');
 */
export class LocalVocabularyExtractor implements EntityExtractor {
  public async extract(text: string): Promise<Extraction> {
    // Same length as the input, so every offset found in it is an offset of the input.
    const searchable = text.replace(/[’‘]/g, "'");
    const found = findEntities(searchable);
    const attributes = attachAttributes(searchable, found);
    let nextId = 0;
    const entities: Entity[] = [];
    const icd10: ICD10CMEntity[] = [];
    const rxnorm: RxNormEntity[] = [];
    for (const item of found) {
      const id = nextId++;
      const own = attributes.filter((attribute) => attribute.owner === item).map((attribute) => ({ ...attribute, id: nextId++ }));
      const negation = isNegated(searchable, item.begin, item.end);
      const base = { Id: id, Text: text.slice(item.begin, item.end), Score: item.score, BeginOffset: item.begin, EndOffset: item.end };
      if (item.kind === 'condition') {
        const traits = [{ Name: 'SYMPTOM' as const, Score: round(item.score - 0.05) }, ...(negation.negated ? [{ Name: 'NEGATION' as const, Score: negation.score }] : [])];
        entities.push({ ...base, Category: 'MEDICAL_CONDITION', Type: 'DX_NAME', Traits: traits, Attributes: own.map((a) => detectAttribute(text, a)) });
        icd10.push({
          ...base,
          Category: 'MEDICAL_CONDITION',
          Type: 'DX_NAME',
          Traits: traits,
          Attributes: own.flatMap((a) => icd10Attribute(text, a)),
          ICD10CMConcepts: [{ Code: item.condition.code, Description: item.condition.description, Score: item.conceptScore }],
        });
      } else {
        const type = item.brand ? 'BRAND_NAME' : 'GENERIC_NAME';
        const traits = negation.negated ? [{ Name: 'NEGATION' as const, Score: negation.score }] : [];
        entities.push({ ...base, Category: 'MEDICATION', Type: type, Traits: traits, Attributes: own.map((a) => detectAttribute(text, a)) });
        rxnorm.push({
          ...base,
          Category: 'MEDICATION',
          Type: type,
          Traits: traits,
          Attributes: own.map((a) => rxNormAttribute(text, a)),
          RxNormConcepts: [{ Code: item.medication.rxcui, Description: item.medication.ingredient, Score: item.conceptScore }],
        });
      }
    }
    return { entities, icd10, rxnorm };
  }
}

type Found =
  | { kind: 'condition'; begin: number; end: number; score: number; conceptScore: number; condition: (typeof CONDITIONS)[number] }
  | { kind: 'medication'; begin: number; end: number; score: number; conceptScore: number; brand: boolean; medication: (typeof MEDICATIONS)[number] };

interface FoundAttribute {
  kind: AttributeKind;
  begin: number;
  end: number;
  score: number;
  relationshipScore: number;
  owner: Found;
}

/** Upper bound on candidate matches, so a pathological transcript cannot make the search explode. */
const MAX_CANDIDATES = 5_000;

function findEntities(text: string): Found[] {
  const candidates: Found[] = [];
  const collect = (source: string, make: (begin: number, end: number) => Found): void => {
    for (const match of text.matchAll(new RegExp(String.raw`\b(?:${source})\b`, 'gi'))) {
      if (candidates.length >= MAX_CANDIDATES) return;
      candidates.push(make(match.index, match.index + match[0].length));
    }
  };
  for (const condition of CONDITIONS) {
    const confidence = condition.confidence ?? 0.85;
    condition.phrases.forEach((phrase, index) => {
      const canonical = index === 0;
      collect(phrase, (begin, end) => ({
        kind: 'condition',
        begin,
        end,
        condition,
        score: canonical ? 0.97 : 0.91,
        conceptScore: round(canonical ? confidence : confidence - 0.07),
      }));
    });
  }
  for (const medication of MEDICATIONS) {
    for (const [names, brand] of [[medication.generic, false], [medication.brands, true]] as const) {
      for (const name of names) {
        collect(name, (begin, end) => ({ kind: 'medication', begin, end, medication, brand, score: brand ? 0.95 : 0.99, conceptScore: brand ? 0.88 : 0.93 }));
      }
    }
  }
  return keepLongest(candidates).sort((a, b) => a.begin - b.begin);
}

/** Non-overlapping spans, longest first (so "chest pain" beats "pain"), then earliest. */
function keepLongest<T extends { begin: number; end: number }>(candidates: readonly T[]): T[] {
  const kept: T[] = [];
  const ordered = [...candidates].sort((a, b) => b.end - b.begin - (a.end - a.begin) || a.begin - b.begin);
  for (const candidate of ordered) {
    if (!kept.some((other) => candidate.begin < other.end && other.begin < candidate.end)) kept.push(candidate);
  }
  return kept;
}

/** Attributes further than this from every entity of their kind are left out (Comprehend drops them too). */
const MAX_ATTRIBUTE_DISTANCE = 80;
/** Between an attribute and an entity, a comma, semicolon or conjunction counts as this many characters. */
const SEPARATOR_PENALTY = 40;
const CLAUSE_SEPARATOR = /[,;]|\b(?:and|or|then|also|plus)\b/i;

function attachAttributes(text: string, entities: readonly Found[]): FoundAttribute[] {
  const spans: { pattern: AttributePattern; begin: number; end: number; rank: number }[] = [];
  ATTRIBUTE_PATTERNS.forEach((pattern, rank) => {
    for (const match of text.matchAll(new RegExp(String.raw`\b${pattern.source}\b`, 'gid'))) {
      if (spans.length >= MAX_CANDIDATES) break;
      const [begin, end] = match.indices?.[1] ?? [match.index, match.index + match[0].length];
      if (entities.some((entity) => begin < entity.end && entity.begin < end)) continue;
      spans.push({ pattern, begin, end, rank });
    }
  });
  // Earlier patterns own their span: "twice a day" is a frequency, not the time expression "a day".
  const kept: typeof spans = [];
  for (const span of [...spans].sort((a, b) => a.rank - b.rank || b.end - b.begin - (a.end - a.begin))) {
    if (!kept.some((other) => span.begin < other.end && other.begin < span.end)) kept.push(span);
  }
  const attached: FoundAttribute[] = [];
  for (const span of kept) {
    const kind = span.pattern.of;
    let best: { owner: Found; distance: number } | undefined;
    for (const entity of entities) {
      if (entity.kind !== kind || !sameSentence(text, span, entity)) continue;
      const gap = span.end <= entity.begin ? text.slice(span.end, entity.begin) : text.slice(entity.end, span.begin);
      // Crossing ", and …" usually means the words belong to the next item of a list.
      const distance = gap.length + (CLAUSE_SEPARATOR.test(gap) ? SEPARATOR_PENALTY : 0);
      if (gap.length <= MAX_ATTRIBUTE_DISTANCE && (!best || distance < best.distance)) best = { owner: entity, distance };
    }
    if (!best) continue;
    attached.push({
      kind: span.pattern.kind,
      begin: span.begin,
      end: span.end,
      score: span.pattern.score,
      relationshipScore: round(Math.max(0.5, 0.99 - best.distance / 200)),
      owner: best.owner,
    });
  }
  return attached.sort((a, b) => a.begin - b.begin);
}

function sameSentence(text: string, a: { begin: number; end: number }, b: { begin: number; end: number }): boolean {
  const from = Math.min(a.end, b.end);
  const to = Math.max(a.begin, b.begin);
  return from >= to || !/[.!?]\s/.test(text.slice(from, to));
}

/** Category and relationship of a DetectEntitiesV2 attribute, as the service reports them. */
const DETECT_SHAPE: Record<AttributeKind, Pick<Attribute, 'Category' | 'Type' | 'RelationshipType'>> = {
  TIME_EXPRESSION: { Category: 'TIME_EXPRESSION', Type: 'TIME_TO_DX_NAME', RelationshipType: 'OVERLAP' },
  ACUITY: { Category: 'MEDICAL_CONDITION', Type: 'ACUITY', RelationshipType: 'ACUITY' },
  QUALITY: { Category: 'MEDICAL_CONDITION', Type: 'QUALITY', RelationshipType: 'QUALITY' },
  SYSTEM_ORGAN_SITE: { Category: 'ANATOMY', Type: 'SYSTEM_ORGAN_SITE', RelationshipType: 'SYSTEM_ORGAN_SITE' },
  DIRECTION: { Category: 'ANATOMY', Type: 'DIRECTION', RelationshipType: 'DIRECTION' },
  DOSAGE: { Category: 'MEDICATION', Type: 'DOSAGE', RelationshipType: 'DOSAGE' },
  STRENGTH: { Category: 'MEDICATION', Type: 'STRENGTH', RelationshipType: 'STRENGTH' },
  FREQUENCY: { Category: 'MEDICATION', Type: 'FREQUENCY', RelationshipType: 'FREQUENCY' },
  ROUTE_OR_MODE: { Category: 'MEDICATION', Type: 'ROUTE_OR_MODE', RelationshipType: 'ROUTE_OR_MODE' },
  FORM: { Category: 'MEDICATION', Type: 'FORM', RelationshipType: 'FORM' },
};

type Numbered = FoundAttribute & { id: number };

function common(text: string, attribute: Numbered) {
  return {
    Id: attribute.id,
    Text: text.slice(attribute.begin, attribute.end),
    Score: attribute.score,
    RelationshipScore: attribute.relationshipScore,
    BeginOffset: attribute.begin,
    EndOffset: attribute.end,
  };
}

function detectAttribute(text: string, attribute: Numbered): Attribute {
  return { ...common(text, attribute), ...DETECT_SHAPE[attribute.kind], Traits: [] };
}

/**
 * InferICD10CM reports only some attribute types, and relates them with its own, smaller vocabulary
 * (`ICD10CMRelationshipType`: OVERLAP, QUALITY, SYSTEM_ORGAN_SITE); ACUITY and DIRECTION come unrelated.
 */
const ICD10_SHAPE: Partial<Record<AttributeKind, Pick<ICD10CMAttribute, 'Type' | 'Category' | 'RelationshipType'>>> = {
  TIME_EXPRESSION: { Type: 'TIME_EXPRESSION', Category: 'TIME_EXPRESSION', RelationshipType: 'OVERLAP' },
  QUALITY: { Type: 'QUALITY', Category: 'DX_NAME', RelationshipType: 'QUALITY' },
  SYSTEM_ORGAN_SITE: { Type: 'SYSTEM_ORGAN_SITE', Category: 'DX_NAME', RelationshipType: 'SYSTEM_ORGAN_SITE' },
  ACUITY: { Type: 'ACUITY', Category: 'DX_NAME' },
  DIRECTION: { Type: 'DIRECTION', Category: 'DX_NAME' },
};

function icd10Attribute(text: string, attribute: Numbered): ICD10CMAttribute[] {
  const shape = ICD10_SHAPE[attribute.kind];
  return shape ? [{ ...common(text, attribute), ...shape, Traits: [] }] : [];
}

function rxNormAttribute(text: string, attribute: Numbered): RxNormAttribute {
  return { ...common(text, attribute), Type: attribute.kind as RxNormAttribute['Type'], Traits: [] };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
