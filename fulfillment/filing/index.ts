/**
 * Filing a symptom note: the care team's task in Amazon Connect, the encounter it belongs to, the FHIR
 * DocumentReference, write-back to Epic without duplicates, care-team notification, and the pipeline
 * that runs them idempotently.
 */
export { deliverNote, DELIVERY_ATTEMPTS, DELIVERY_LEASE_MS, STEP_IN_PROGRESS, type DeliveryDeps, type DeliveryResult } from './delivery';
export {
  DEFAULT_NOTE_LOINC,
  LOINC_NOTE_DISPLAYS,
  NOTE_CATEGORY,
  NOTE_CONTENT_TYPE,
  NOTE_DOCUMENT_TYPE,
  NOTE_IDENTIFIER_SYSTEM,
  noteDocumentType,
  noteIdentifier,
  toDocumentReference,
  type DocumentReferenceOptions,
} from './documentReference';
export { chooseEncounter, ENCOUNTER_STRATEGIES, EncounterRequiredError, isFileableEncounterStatus, SAME_DAY_WINDOW_MS, type EncounterStrategy } from './encounter';
export * from './errors';
export {
  inboxMessageUrl,
  MemoryNotifier,
  notificationEmail,
  notificationMessage,
  SnsNotifier,
  type NoteNotification,
  type NotificationMessage,
  type NotificationOptions,
  type Notifier,
  type SnsNotifierOptions,
} from './notifier';
export { createNoteTask, noteTask, TASK_ATTEMPTS, TASK_LEASE_MS, taskGivenUp, type NoteTaskDeps, type NoteTaskResult } from './noteTask';
export { fileStoredNote, pipelineDone, processTranscript, type PipelineDeps, type PipelineResult, type StoredNoteDeps, type TranscriptInput } from './pipeline';
