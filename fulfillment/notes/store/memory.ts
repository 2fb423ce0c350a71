import { systemClock, type Clock } from '../../runtime/clock';
import { NoteNotFoundError, NoteStoreError } from '../errors';
import type { SymptomNote } from '../note';
import { checkListLimit, decodeListCursor, encodeListCursor, inboxSortKey, passesFilter } from './listing';
import {
  stepStatus,
  summaryOf,
  type ClaimResult,
  type KeptForStaffReason,
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
  type StoredNote,
} from './port';

/**
 * Local-mode adapter: an in-process map (one process, lost on exit).
 *
 * @example
 * const store = new MemoryNoteStore({ clock });
 */
export class MemoryNoteStore implements NoteStore {
  readonly #clock: Clock;
  readonly #items = new Map<string, StoredNote>();
  /** Inbox sort keys by note id, made when a note is stored (a note never changes after). */
  readonly #sortKeys = new Map<string, string>();
  /** Leases by `<noteId>#<step>`. */
  readonly #leases = new Map<string, { readonly owner: string; readonly expiresAt: number }>();

  public constructor(options: NoteStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  public async putIfAbsent(note: SymptomNote, doneSteps: readonly NoteStep[] = ['stored']) {
    const existing = this.#items.get(note.noteId);
    if (existing?.note) return { created: false, stored: structuredClone(existing) };
    const at = new Date(this.#clock.now()).toISOString();
    const steps = { ...existing?.steps, ...Object.fromEntries(doneSteps.map((step) => [step, { state: 'done', at }])) };
    const stored: StoredNote = { ...existing, noteId: note.noteId, note: structuredClone(note), steps, contactId: existing?.contactId ?? note.contactId };
    this.#items.set(note.noteId, stored);
    this.#sortKeys.set(note.noteId, inboxSortKey(note));
    return { created: true, stored: structuredClone(stored) };
  }

  public async get(noteId: string): Promise<StoredNote | undefined> {
    const stored = this.#items.get(noteId);
    return stored ? structuredClone(stored) : undefined;
  }

  public async markStep(noteId: string, step: NoteStep, outcome: StepOutcome): Promise<void> {
    const existing: StoredNote = this.#items.get(noteId) ?? { noteId, steps: {} };
    if (step === 'delivered' && !outcome.error && !existing.documentReferenceId) {
      throw new NoteStoreError(`Note ${noteId} cannot be marked delivered before its DocumentReference id is recorded`);
    }
    if (step === 'tasked' && !outcome.error && !existing.taskContactId) {
      throw new NoteStoreError(`Note ${noteId} cannot be marked tasked before its task contact id is recorded`);
    }
    const contactId = existing.contactId ?? outcome.contactId;
    const deliveryFailures = step === 'delivered' && outcome.error ? (existing.deliveryFailures ?? 0) + 1 : existing.deliveryFailures;
    const taskFailures = step === 'tasked' && outcome.error ? (existing.taskFailures ?? 0) + 1 : existing.taskFailures;
    this.#items.set(noteId, {
      ...existing,
      ...(contactId ? { contactId } : {}),
      ...(deliveryFailures ? { deliveryFailures } : {}),
      ...(taskFailures ? { taskFailures } : {}),
      steps: { ...existing.steps, [step]: stepStatus(this.#clock, outcome) },
    });
  }

  public async recordDocumentReference(noteId: string, documentReferenceId: string): Promise<string> {
    const existing = this.#items.get(noteId);
    if (!existing?.note) throw new NoteNotFoundError(noteId);
    if (existing.documentReferenceId) return existing.documentReferenceId;
    this.#items.set(noteId, { ...existing, documentReferenceId });
    return documentReferenceId;
  }

  public async recordTaskContact(noteId: string, taskContactId: string): Promise<string> {
    const existing = this.#noted(noteId);
    if (existing.taskContactId) return existing.taskContactId;
    this.#items.set(noteId, { ...existing, taskContactId });
    return taskContactId;
  }

  public async claimStep(noteId: string, step: NoteStep, claim: StepClaim): Promise<ClaimResult> {
    const existing = this.#items.get(noteId);
    if (!existing?.note) throw new NoteNotFoundError(noteId);
    const key = `${noteId}#${step}`;
    const now = this.#clock.now();
    const lease = this.#leases.get(key);
    if (lease && lease.owner !== claim.owner && lease.expiresAt > now) return { claimed: false, stored: structuredClone(existing) };
    this.#leases.set(key, { owner: claim.owner, expiresAt: now + claim.leaseMs });
    return { claimed: true, stored: structuredClone(existing) };
  }

  public async releaseStep(noteId: string, step: NoteStep, owner: string): Promise<void> {
    const key = `${noteId}#${step}`;
    if (this.#leases.get(key)?.owner === owner) this.#leases.delete(key);
  }

  public async markKeptForStaff(noteId: string, reason: KeptForStaffReason): Promise<void> {
    const existing = this.#noted(noteId);
    if (existing.keptForStaff) return;
    this.#items.set(noteId, { ...existing, keptForStaff: { reason, at: new Date(this.#clock.now()).toISOString() } });
  }

  public async markReviewed(noteId: string, review: NoteReview): Promise<NoteReview> {
    const existing = this.#noted(noteId);
    if (existing.reviewed) return structuredClone(existing.reviewed);
    this.#items.set(noteId, { ...existing, reviewed: structuredClone(review) });
    return structuredClone(review);
  }

  public async markCalledBack(noteId: string, stamp: NoteStamp): Promise<NoteStamp> {
    const existing = this.#noted(noteId);
    if (existing.calledBack) return structuredClone(existing.calledBack);
    this.#items.set(noteId, { ...existing, calledBack: structuredClone(stamp) });
    return structuredClone(stamp);
  }

  /**
   * Filters and sorts every note held (each note's sort key is made once, when it is stored): fine for
   * one process's notes; the DynamoDB adapter reads its index instead.
   */
  public async list(query: NoteListQuery): Promise<NoteListPage> {
    const limit = checkListLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeListCursor(query.cursor, query.filter);
    const rows: { readonly key: string; readonly stored: StoredNote }[] = [];
    for (const stored of this.#items.values()) {
      const { note } = stored;
      if (!note || !passesFilter({ urgent: note.urgent, reviewed: stored.reviewed !== undefined, filed: stored.documentReferenceId !== undefined }, query.filter)) continue;
      const key = this.#sortKeys.get(stored.noteId) ?? inboxSortKey(note);
      if (after === undefined || key < after) rows.push({ key, stored });
    }
    rows.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => structuredClone(summaryOf(row.stored) as NoteSummary)),
      ...(rows.length > limit && last ? { nextCursor: encodeListCursor(query.filter, last.key) } : {}),
    };
  }

  /** The stored record of a note that exists. @throws NoteNotFoundError */
  #noted(noteId: string): StoredNote {
    const existing = this.#items.get(noteId);
    if (!existing?.note) throw new NoteNotFoundError(noteId);
    return existing;
  }
}
