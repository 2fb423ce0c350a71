/**
 * The note store: where symptom notes and the progress of each step live, as a port with a local
 * (in-memory) and a DynamoDB adapter.
 */
export {
  NOTE_STEPS,
  type ClaimResult,
  type NoteStep,
  type NoteStore,
  type NoteStoreOptions,
  type StepClaim,
  type StepOutcome,
  type StepResult,
  type StepStatus,
  type StoredNote,
} from './port';
export { MemoryNoteStore } from './memory';
export { DynamoNoteStore, noteKey, type DynamoNoteStoreOptions } from './dynamo';
