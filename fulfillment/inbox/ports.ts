import type { NoteStep, StepStatus } from '../notes/store/port';
import type { SymptomNote } from '../notes/note';

/**
 * The care-team inbox as the web app sees it: what a clinician may list, open, hear and do. The web
 * layer (`inbox/web/`) speaks only to {@link InboxService}; the service reads the note store, the
 * recordings and Epic through their ports and writes every view and action to the audit trail.
 */

/** The list's filters. `all` is every message; the others as named. */
export const INBOX_FILTERS = ['needsReview', 'urgent', 'notFiled', 'reviewed', 'all'] as const;

/** One of {@link INBOX_FILTERS}. */
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** Messages on one page of the list. @default 50 */
export const INBOX_PAGE_SIZE = 50;

/** The signed-in clinician, from a verified token: never from a header or a form the browser sends. */
export interface Clinician {
  /** The token's `sub`: what audit events name. */
  readonly id: string;
  /** For the page header and the review stamp ("Reviewed by …"). */
  readonly displayName: string;
  /**
   * What the audit trail groups this clinician's events by (`sessionId`): the sign-in session (e.g.
   * the token's `origin_jti`) or the request's id. The service uses a fresh id per call when absent.
   */
  readonly sessionId?: string;
}

/**
 * Where a message stands with Epic: `filed` (a DocumentReference exists), `pending` (the pipeline
 * is still on it or will retry), `keptForStaff` (Epic needs an encounter none fits: a clinician
 * files it from the inbox), `failed` (retries are spent; staff must look).
 */
export type FilingState = 'filed' | 'pending' | 'keptForStaff' | 'failed';

/**
 * The care team's work item for a message in Amazon Connect: `created` (its task contact id),
 * `pending` (the pipeline is on it or will retry), `none` (every attempt failed: the message is only
 * here and in the care-team e-mail; an alarm fired).
 */
export type TaskStatus =
  | { readonly state: 'created'; readonly contactId: string }
  | { readonly state: 'pending' | 'none'; readonly reason?: string };

/** A clinician's stamp on a message. */
export interface Stamp {
  readonly by: Clinician;
  /** ISO 8601 instant. */
  readonly at: string;
}

/** "Reviewed", with an optional comment (plain text, at most {@link MAX_REVIEW_COMMENT} characters). */
export interface Review extends Stamp {
  readonly comment?: string;
}

/** Longest review comment kept. */
export const MAX_REVIEW_COMMENT = 2000;

/** The patient as Epic gives them; `undefined` fields when Epic could not be asked (the page says so). */
export interface PatientSummary {
  readonly id: string;
  /** Display name, e.g. "Eleanor Whitfield". */
  readonly name?: string;
  /** ISO date. */
  readonly birthDate?: string;
  /** The MRN as Epic lists it (identifier type MR), message page only. */
  readonly mrn?: string;
}

/** One row of the list. */
export interface InboxListItem {
  readonly noteId: string;
  /** ISO 8601 instant the message was received (the note's `createdAt`). */
  readonly receivedAt: string;
  readonly urgent: boolean;
  readonly chiefComplaint: string;
  readonly filing: FilingState;
  readonly reviewed?: Review;
  readonly calledBack?: Stamp;
  readonly patient: PatientSummary;
}

/** One page of the list: urgent first, then newest; `nextCursor` opaque, absent on the last page. */
export interface InboxListPage {
  readonly items: readonly InboxListItem[];
  readonly nextCursor?: string;
  /** True when Epic could not be asked for the patients' names (the rows still show). */
  readonly patientsUnavailable: boolean;
}

/** What the list asks for. */
export interface InboxListRequest {
  readonly filter: InboxFilter;
  readonly cursor?: string;
  /** @default INBOX_PAGE_SIZE */
  readonly limit?: number;
}

/** One step of the pipeline on the message page's timeline. */
export interface TimelineStep {
  readonly step: NoteStep;
  readonly status: StepStatus;
}

/** The message page. */
export interface InboxMessage {
  readonly noteId: string;
  readonly receivedAt: string;
  readonly note: SymptomNote;
  readonly patient: PatientSummary;
  readonly filing: {
    readonly state: FilingState;
    readonly documentReferenceId?: string;
    /** Why it is kept for staff or failed, in plain words (no patient data). */
    readonly reason?: string;
  };
  /** The message's task in Amazon Connect. Absent when the service does not know. */
  readonly task?: TaskStatus;
  /** Steps done or failed, in pipeline order. */
  readonly timeline: readonly TimelineStep[];
  readonly reviewed?: Review;
  readonly calledBack?: Stamp;
  /** True when the caller's audio is stored and can be played. */
  readonly hasAudio: boolean;
}

/** An encounter a kept message may be filed under. */
export interface EncounterChoice {
  readonly id: string;
  /** Plain label, e.g. "Telephone encounter, Dec 4, 2026". */
  readonly label: string;
  /** ISO 8601 start. */
  readonly start?: string;
}

/** A byte range of the audio, as asked by an HTTP `Range: bytes=start-end` header (end inclusive). */
export interface ByteRange {
  readonly start: number;
  readonly end?: number;
}

/** The caller's audio, or the part of it asked for. */
export interface AudioPart {
  readonly contentType: 'audio/wav';
  /** Size of the whole recording. */
  readonly totalBytes: number;
  /** The bytes served, `[start, end]` inclusive. */
  readonly start: number;
  readonly end: number;
  readonly body: AsyncIterable<Uint8Array> | Uint8Array;
}

/** The inbox's operations. Every method audits (who, which patient, what); none trusts a patient id from the browser. */
export interface InboxService {
  /** One page of the list, with patient names from one Epic request. */
  list(viewer: Clinician, request: InboxListRequest): Promise<InboxListPage>;
  /** The message page, or `undefined` for an unknown id. Audited as a view. */
  message(viewer: Clinician, noteId: string): Promise<InboxMessage | undefined>;
  /**
   * The caller's audio (the recording of the note's own call, never a key from the browser), or
   * `undefined` when there is none. Audited as a play. @throws RangeError on an unsatisfiable range
   */
  audio(viewer: Clinician, noteId: string, range?: ByteRange): Promise<AudioPart | undefined>;
  /** Marks the message reviewed (the first review stays; a second returns it). */
  markReviewed(viewer: Clinician, noteId: string, comment?: string): Promise<Review>;
  /** Marks the patient called back. */
  markCalledBack(viewer: Clinician, noteId: string): Promise<Stamp>;
  /** The patient's recent encounters, for filing a kept message. */
  encounters(viewer: Clinician, noteId: string): Promise<readonly EncounterChoice[]>;
  /**
   * Files a kept message in Epic under `encounterId` (one of {@link encounters}), through the
   * ChartWriter port and idempotent like the pipeline's own filing: twice gives one DocumentReference.
   */
  fileKept(viewer: Clinician, noteId: string, encounterId: string): Promise<{ readonly documentReferenceId: string }>;
}
