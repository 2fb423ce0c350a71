/**
 * Symptom messages, from transcript to a note filed in Epic: entity extraction (Comprehend Medical, or
 * a local vocabulary stand-in), the structured note and its text, the FHIR DocumentReference, the note
 * store, write-back with care-team notification, and the pipeline that runs them idempotently.
 */
export { captureRecording, FileRecordingStore, KinesisVideoMediaSource, readWavInfo, recordingKey, S3RecordingStore, type CaptureDeps, type CaptureLimits, type KinesisVideoMediaSourceOptions, type MediaSource, type RecordingRequest, type RecordingResult, type RecordingStore, type S3RecordingStoreOptions, type StoredRecording } from './audio';
export { chooseEncounter, ENCOUNTER_STRATEGIES, EncounterRequiredError, SAME_DAY_WINDOW_MS, type EncounterStrategy } from './encounter';
export { deliverNote, DELIVERY_LEASE_MS, STEP_IN_PROGRESS, type DeliveryDeps, type DeliveryResult, type SymptomsLogger } from './delivery';
export { NOTE_CATEGORY, NOTE_CONTENT_TYPE, NOTE_DOCUMENT_TYPE, NOTE_IDENTIFIER_SYSTEM, noteIfNoneExist, toDocumentReference, type DocumentReferenceOptions } from './documentReference';
export * from './errors';
export {
  codePointToIndex,
  ComprehendMedicalExtractor,
  DETECT_ENTITIES_MAX_BYTES,
  INFER_MAX_BYTES,
  splitText,
  type ComprehendMedicalExtractorOptions,
  type EntityExtractor,
  type Extraction,
  type TextChunk,
} from './extraction';
export { LocalVocabularyExtractor } from './localExtractor';
export { isNegated, NEGATION_WINDOW_WORDS, type NegationVerdict } from './negation';
export {
  assertNoteId,
  buildSymptomNote,
  NO_COMPLAINT,
  NOTE_ID_PATTERN,
  renderNoteText,
  type Icd10Candidate,
  type NoteAttribute,
  type NoteFinding,
  type NoteMedication,
  type RedFlagFinding,
  type RxNormCandidate,
  type SymptomNote,
  type SymptomNoteInput,
} from './note';
export {
  DynamoNoteStore,
  MemoryNoteStore,
  NOTE_STEPS,
  noteKey,
  type ClaimResult,
  type DynamoNoteStoreOptions,
  type NoteStep,
  type NoteStore,
  type NoteStoreOptions,
  type StepClaim,
  type StepOutcome,
  type StepResult,
  type StepStatus,
  type StoredNote,
} from './noteStore';
export { MemoryNotifier, notificationMessage, SnsNotifier, type NoteNotification, type NotificationMessage, type Notifier, type SnsNotifierOptions } from './notifier';
export { processTranscript, type PipelineDeps, type PipelineResult, type TranscriptInput } from './pipeline';
export {
  PassThroughTranscriber,
  readTranscript,
  TranscribeMedicalTranscriber,
  transcriptionJobName,
  type TranscribeMedicalOptions,
  type Transcriber,
  type TranscriptionStart,
} from './transcription';
export { CONDITIONS, MEDICATIONS, type ConditionTerm, type MedicationTerm } from './vocabulary';
