import type { Finding, Icd10Mention, RxNormMention } from './finding';

/**
 * What entity extraction found in a transcript: the conditions and medications mentioned, the
 * ICD-10-CM codes inferred for conditions, and the RxNorm concepts medications were linked to. A
 * medication may appear in `rxnorm` only (the linking found a name the detection missed).
 */
export interface Extraction {
  readonly findings: readonly Finding[];
  readonly icd10: readonly Icd10Mention[];
  readonly rxnorm: readonly RxNormMention[];
}

/**
 * Port: medical entity extraction. Adapters: `ComprehendMedicalExtractor` (AWS) and
 * `LocalVocabularyExtractor` (a small vocabulary, for local runs and tests).
 */
export interface EntityExtractor {
  /** Findings, ICD-10-CM and RxNorm links of `text`. */
  extract(text: string): Promise<Extraction>;
}
