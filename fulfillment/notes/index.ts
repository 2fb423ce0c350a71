/**
 * Symptom notes, from transcript to a structured note: entity extraction (Comprehend Medical, or a
 * local vocabulary stand-in), negation, red flags, the note model and its text, and the note store.
 */
export * from './errors';
export {
  ComprehendMedicalExtractor,
  DETECT_ENTITIES_MAX_BYTES,
  extractionFromComprehendMedical,
  INFER_MAX_BYTES,
  type ComprehendMedicalAnswers,
  type ComprehendMedicalExtractorOptions,
} from './comprehendMedical';
export type { EntityExtractor, Extraction } from './extraction';
export {
  FINDING_TRAIT_NAMES,
  hasTrait,
  type CodedConcept,
  type ConditionFinding,
  type Finding,
  type FindingAttribute,
  type FindingTrait,
  type FindingTraitName,
  type Icd10Mention,
  type MedicationFinding,
  type RxNormMention,
} from './finding';
export { codePointToIndex, splitText, type TextChunk } from './textChunks';
export { LocalVocabularyExtractor } from './localExtractor';
export { isNegated, NEGATION_WINDOW_WORDS, type NegationVerdict } from './negation';
export {
  assertNoteId,
  buildSymptomNote,
  NO_COMPLAINT,
  NOTE_ID_PATTERN,
  renderNoteText,
  type Icd10Candidate,
  type LivePage,
  type NoteAttribute,
  type NoteFinding,
  type NoteMedication,
  type NoteTranslation,
  type RedFlagFinding,
  type RxNormCandidate,
  type SymptomNote,
  type SymptomNoteInput,
  type TranscriptSource,
} from './note';
export * from './store';
export { CONDITIONS, MEDICATIONS, type ConditionTerm, type MedicationTerm } from './vocabulary';
export { findRedFlags, normalizeSpeech, RED_FLAG_RULES, RED_FLAG_RULES_VERSION, type NormalizedSpeech, type RedFlagId, type RedFlagMatch, type RedFlagRule } from './redFlags';
export { judgeRedFlags, mentionStatus, type JudgedMention, type MentionStatus, type RedFlagVerdict } from './triage';
