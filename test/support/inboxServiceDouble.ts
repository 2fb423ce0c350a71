import {
  INBOX_PAGE_SIZE,
  type Clinician,
  type EncounterChoice,
  type InboxListItem,
  type InboxListPage,
  type InboxListRequest,
  type InboxMessage,
  type InboxService,
  type Review,
  type Stamp,
  type AudioPart,
} from '../../fulfillment/inbox/ports';

/**
 * Rows of the list the double serves: fictional patients of the sandbox, and one whose name and
 * complaint are markup, to show the page prints them as text.
 */
export const DOUBLE_ITEMS: readonly InboxListItem[] = [
  {
    noteId: 'note-urgent-1',
    receivedAt: '2026-12-04T15:15:00.000Z',
    urgent: true,
    chiefComplaint: 'chest pain since this morning',
    filing: 'filed',
    patient: { id: 'pat-eleanor-whitfield', name: 'Eleanor Whitfield', birthDate: '1948-03-14' },
  },
  {
    noteId: 'note-routine-2',
    receivedAt: '2026-12-04T16:40:00.000Z',
    urgent: false,
    chiefComplaint: 'refill question',
    filing: 'keptForStaff',
    patient: { id: 'pat-harold-halvorsen', name: 'Harold Halvorsen', birthDate: '1952-07-02' },
  },
  {
    noteId: 'note-markup-3',
    receivedAt: '2026-12-04T14:05:00.000Z',
    urgent: false,
    chiefComplaint: '"><img src=x onerror=alert(1)> javascript:alert(2)',
    filing: 'pending',
    patient: { id: 'pat-markup', name: '<script>alert(3)</script>', birthDate: '1990-01-01' },
  },
];

/** Strings of {@link DOUBLE_ITEMS} that are patient data: none may appear where no one is signed in. */
export const DOUBLE_PHI = ['Eleanor Whitfield', 'Harold Halvorsen', 'chest pain since this morning', '1948', 'Mar 14'];

/**
 * A small in-test `InboxService`: the list is {@link DOUBLE_ITEMS}, urgent first then newest, filtered;
 * reviews and call-backs are kept in memory; there are no message pages, audio or encounters (the
 * web app's skeleton does not show them yet). Records who asked for what, so tests can check a
 * refused request never reached the service.
 */
export class InboxServiceDouble implements InboxService {
  /** Every call, as `method viewerId`. */
  public readonly calls: string[] = [];
  /** When set, `list` fails with it (for the error page). */
  public failWith: Error | undefined;
  readonly #reviews = new Map<string, Review>();

  public constructor(private readonly items: readonly InboxListItem[] = DOUBLE_ITEMS) {}

  public async list(viewer: Clinician, request: InboxListRequest): Promise<InboxListPage> {
    this.calls.push(`list ${viewer.id}`);
    if (this.failWith) throw this.failWith;
    const rows = this.items
      .map((item) => ({ ...item, ...(this.#reviews.has(item.noteId) ? { reviewed: this.#reviews.get(item.noteId) } : {}) }))
      .filter((item) => {
        switch (request.filter) {
          case 'urgent':
            return item.urgent;
          case 'needsReview':
            return !item.reviewed;
          case 'reviewed':
            return Boolean(item.reviewed);
          case 'notFiled':
            return item.filing !== 'filed';
          default:
            return true;
        }
      })
      .sort((a, b) => Number(b.urgent) - Number(a.urgent) || b.receivedAt.localeCompare(a.receivedAt));
    return { items: rows.slice(0, request.limit ?? INBOX_PAGE_SIZE), patientsUnavailable: false };
  }

  public async message(viewer: Clinician, _noteId: string): Promise<InboxMessage | undefined> {
    this.calls.push(`message ${viewer.id}`);
    return undefined;
  }

  public async audio(viewer: Clinician, _noteId: string): Promise<AudioPart | undefined> {
    this.calls.push(`audio ${viewer.id}`);
    return undefined;
  }

  public async markReviewed(viewer: Clinician, noteId: string, comment?: string): Promise<Review> {
    this.calls.push(`markReviewed ${viewer.id}`);
    const review = this.#reviews.get(noteId) ?? { by: viewer, at: new Date().toISOString(), ...(comment ? { comment } : {}) };
    this.#reviews.set(noteId, review);
    return review;
  }

  public async markCalledBack(viewer: Clinician, _noteId: string): Promise<Stamp> {
    this.calls.push(`markCalledBack ${viewer.id}`);
    return { by: viewer, at: new Date().toISOString() };
  }

  public async encounters(viewer: Clinician, _noteId: string): Promise<readonly EncounterChoice[]> {
    this.calls.push(`encounters ${viewer.id}`);
    return [];
  }

  public async fileKept(viewer: Clinician, noteId: string): Promise<{ readonly documentReferenceId: string }> {
    this.calls.push(`fileKept ${viewer.id}`);
    throw new RangeError(`the double keeps no message ${noteId} for staff`);
  }
}
