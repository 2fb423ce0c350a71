/**
 * What entity extraction finds in a transcript, as the project's own plain types. Comprehend Medical's
 * answers are mapped to these at the edge (`comprehendMedical.ts`), and the local stand-in produces
 * them directly; everything from the note on works only with these. Offsets are JavaScript string
 * indexes of the FULL transcript: `transcript.slice(begin, end) === text`.
 */

/**
 * The context traits the note reads (the names Comprehend Medical uses, kept as the note's
 * vocabulary): how the caller relates to a mention. Other traits carry nothing the note uses.
 */
export const FINDING_TRAIT_NAMES = ['NEGATION', 'SYMPTOM', 'SIGN', 'DIAGNOSIS', 'PERTAINS_TO_FAMILY', 'HYPOTHETICAL', 'PAST_HISTORY', 'LOW_CONFIDENCE'] as const;

/** One of {@link FINDING_TRAIT_NAMES}. */
export type FindingTraitName = (typeof FINDING_TRAIT_NAMES)[number];

/** A trait of a mention, with the extractor's confidence in it. */
export interface FindingTrait {
  readonly name: FindingTraitName;
  readonly score: number;
}

/** A detail related to a mention: a time, acuity, site, dose, frequency … */
export interface FindingAttribute {
  /** Unique within one extraction. */
  readonly id: number;
  /** What the detail is: `TIME_TO_DX_NAME`, `ACUITY`, `QUALITY`, `SYSTEM_ORGAN_SITE`, `DOSAGE` … */
  readonly type: string;
  readonly text: string;
  readonly score: number;
  /** Confidence that the detail belongs to this mention. */
  readonly relationshipScore: number;
  readonly begin: number;
  readonly end: number;
}

/** What every mention has: where it is, how sure the extractor is, its traits and details. */
interface Mention {
  /** Unique within one extraction. */
  readonly id: number;
  readonly text: string;
  readonly score: number;
  readonly begin: number;
  readonly end: number;
  readonly traits: readonly FindingTrait[];
  readonly attributes: readonly FindingAttribute[];
}

/** A symptom, sign or condition named by the caller (present or denied: see the traits). */
export interface ConditionFinding extends Mention {
  readonly kind: 'condition';
}

/** A medication named by the caller. */
export interface MedicationFinding extends Mention {
  readonly kind: 'medication';
  /** Named by a brand ("Tylenol") rather than its generic name. */
  readonly brand: boolean;
}

/** A condition or medication the caller mentioned. */
export type Finding = ConditionFinding | MedicationFinding;

/** A code of a terminology (ICD-10-CM, RxNorm) a mention was linked to. */
export interface CodedConcept {
  /** Never empty. */
  readonly code: string;
  readonly description: string;
  readonly score: number;
}

/** A condition mention with the ICD-10-CM codes inferred for it. */
export interface Icd10Mention extends ConditionFinding {
  readonly concepts: readonly CodedConcept[];
}

/** A medication mention with the RxNorm concepts it was linked to. */
export interface RxNormMention extends MedicationFinding {
  readonly concepts: readonly CodedConcept[];
}

/** True when `mention` carries the trait `name`. */
export function hasTrait(mention: { readonly traits: readonly FindingTrait[] }, name: FindingTraitName): boolean {
  return mention.traits.some((trait) => trait.name === name);
}
