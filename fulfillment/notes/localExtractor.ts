import type { EntityExtractor, Extraction } from './extraction';
import type { Finding, FindingAttribute, FindingTrait, Icd10Mention, RxNormMention } from './finding';
import { isNegated } from './negation';
import { ATTRIBUTE_PATTERNS, CONDITIONS, MEDICATIONS, type AttributeKind, type AttributePattern } from './vocabulary';

/**
 * LOCAL STAND-IN for Amazon Comprehend Medical, for local runs, the sandbox demo and tests: finds the
 * conditions and medications of a small vocabulary (`vocabulary.ts`: real ICD-10-CM codes and RxNorm
 * ingredient RxCUIs), attributes by pattern (time, acuity, quality, site, direction, dose, frequency,
 * route, strength, form) related to the nearest entity of the same sentence, and negation NegEx-style.
 * It answers with the same findings the Comprehend Medical adapter parses (attribute types and traits
 * as Comprehend names them, ICD-10-CM attributes limited as InferICD10CM limits them), so everything
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
    const findings: Finding[] = [];
    const icd10: Icd10Mention[] = [];
    const rxnorm: RxNormMention[] = [];
    for (const item of found) {
      const id = nextId++;
      const own = attributes.filter((attribute) => attribute.owner === item).map((attribute) => ({ ...attribute, id: nextId++ }));
      const negation = isNegated(searchable, item.begin, item.end);
      const base = { id, text: text.slice(item.begin, item.end), score: item.score, begin: item.begin, end: item.end };
      if (item.kind === 'condition') {
        const traits: FindingTrait[] = [{ name: 'SYMPTOM', score: round(item.score - 0.05) }, ...(negation.negated ? [{ name: 'NEGATION' as const, score: negation.score }] : [])];
        findings.push({ ...base, kind: 'condition', traits, attributes: own.map((a) => toAttribute(text, a, detectType(a.kind))) });
        icd10.push({
          ...base,
          kind: 'condition',
          traits,
          attributes: own.filter((a) => ICD10_TYPES.has(a.kind)).map((a) => toAttribute(text, a, a.kind)),
          concepts: [{ code: item.condition.code, description: item.condition.description, score: item.conceptScore }],
        });
      } else {
        const traits: FindingTrait[] = negation.negated ? [{ name: 'NEGATION', score: negation.score }] : [];
        findings.push({ ...base, kind: 'medication', brand: item.brand, traits, attributes: own.map((a) => toAttribute(text, a, detectType(a.kind))) });
        rxnorm.push({
          ...base,
          kind: 'medication',
          brand: item.brand,
          traits,
          attributes: own.map((a) => toAttribute(text, a, a.kind)),
          concepts: [{ code: item.medication.rxcui, description: item.medication.ingredient, score: item.conceptScore }],
        });
      }
    }
    return { findings, icd10, rxnorm };
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

/** DetectEntitiesV2 calls a time related to a condition TIME_TO_DX_NAME; every other type keeps its name. */
function detectType(kind: AttributeKind): string {
  return kind === 'TIME_EXPRESSION' ? 'TIME_TO_DX_NAME' : kind;
}

/** InferICD10CM reports only some attribute types; the others (dose, frequency …) never come with a condition. */
const ICD10_TYPES: ReadonlySet<AttributeKind> = new Set(['TIME_EXPRESSION', 'QUALITY', 'SYSTEM_ORGAN_SITE', 'ACUITY', 'DIRECTION']);

function toAttribute(text: string, attribute: FoundAttribute & { id: number }, type: string): FindingAttribute {
  return {
    id: attribute.id,
    type,
    text: text.slice(attribute.begin, attribute.end),
    score: attribute.score,
    relationshipScore: attribute.relationshipScore,
    begin: attribute.begin,
    end: attribute.end,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
