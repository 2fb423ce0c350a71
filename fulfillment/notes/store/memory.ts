import { systemClock, type Clock } from '../../runtime/clock';
import { NoteNotFoundError, NoteStoreError } from '../errors';
import type { SymptomNote } from '../note';
import { stepStatus, type ClaimResult, type NoteStep, type NoteStore, type NoteStoreOptions, type StepClaim, type StepOutcome, type StoredNote } from './port';

/**
 * Local-mode adapter: an in-process map (one process, lost on exit).
 *
 * @example
 * const store = new MemoryNoteStore({ clock });
 */
export class MemoryNoteStore implements NoteStore {
  readonly #clock: Clock;
  readonly #items = new Map<string, StoredNote>();
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
    const contactId = existing.contactId ?? outcome.contactId;
    this.#items.set(noteId, { ...existing, ...(contactId ? { contactId } : {}), steps: { ...existing.steps, [step]: stepStatus(this.#clock, outcome) } });
  }

  public async recordDocumentReference(noteId: string, documentReferenceId: string): Promise<string> {
    const existing = this.#items.get(noteId);
    if (!existing?.note) throw new NoteNotFoundError(noteId);
    if (existing.documentReferenceId) return existing.documentReferenceId;
    this.#items.set(noteId, { ...existing, documentReferenceId });
    return documentReferenceId;
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
}
