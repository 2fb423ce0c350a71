/**
 * The note store: where symptom notes, the progress of each step and the inbox's review state live,
 * as a port with a local (in-memory) and a DynamoDB adapter, and the rules of the inbox's list.
 */
export {
  KEPT_FOR_STAFF_REASONS,
  NOTE_STEPS,
  summaryOf,
  type ClaimResult,
  type KeptForStaff,
  type KeptForStaffReason,
  type NoteActor,
  type NoteListPage,
  type NoteListQuery,
  type NoteReview,
  type NoteStamp,
  type NoteStep,
  type NoteStore,
  type NoteStoreOptions,
  type NoteSummary,
  type StepClaim,
  type StepOutcome,
  type StepResult,
  type StepStatus,
  type StoredNote,
} from './port';
export {
  FILTER_BUCKETS,
  INBOX_BUCKETS,
  INBOX_INDEX,
  INBOX_INDEX_KEYS,
  INBOX_INDEX_PROJECTION,
  inboxBucket,
  inboxSortKey,
  MAX_LIST_LIMIT,
  NOTE_LIST_FILTERS,
  passesFilter,
  type InboxBucket,
  type NoteListFilter,
} from './listing';
export { MemoryNoteStore } from './memory';
export { DynamoNoteStore, noteKey, type DynamoNoteStoreOptions } from './dynamo';
