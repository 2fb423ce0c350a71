import * as z from 'zod';
import { InvalidCursorError } from '../errors';

/**
 * How the inbox lists notes, as rules both store adapters follow: the filters, the order, the cursor,
 * and the one DynamoDB secondary index that answers them.
 *
 * ## The index (DynamoDB)
 *
 * One global secondary index, {@link INBOX_INDEX}: partition key `inboxBucket`, sort key `inboxSort`.
 * - `inboxBucket` is `<review>#<filing>`, one of the four {@link INBOX_BUCKETS} (`needsReview#notFiled`,
 *   `needsReview#filed`, `reviewed#notFiled`, `reviewed#filed`); only notes carry it, so capture jobs
 *   and failure-only records stay out of the index (it is sparse).
 * - `inboxSort` is `<1|0>#<createdAt>#<noteId>` ({@link inboxSortKey}): read backwards it gives urgent
 *   first, then newest, and it is unique, so "after this row" is a key condition (`inboxSort < :after`).
 *
 * Every filter is a union of whole buckets (urgent: a `1#` prefix of each bucket): `needsReview`,
 * `reviewed` and `notFiled` read two buckets, `urgent` and `all` four, with one Query per bucket sent
 * in parallel, each asking for a page plus one, merged by `inboxSort`. Nothing is scanned and nothing
 * read is thrown away by a filter expression, so a page costs the same whatever the table holds.
 *
 * Why one index and not one sparse index per filter: CloudFormation creates or deletes at most one
 * global secondary index of an existing table per stack update ("Cannot perform more than one GSI
 * creation or deletion in a single update"), and the notes table is deployed already; one index
 * deploys in one update. Each bucket is a single partition value: a clinic's phone messages are
 * orders of magnitude below a partition's throughput (about 1,000 writes and 3,000 reads a second).
 */

/** What the inbox lists. Same names as the inbox's `INBOX_FILTERS`. */
export const NOTE_LIST_FILTERS = ['needsReview', 'urgent', 'notFiled', 'reviewed', 'all'] as const;

/** One of {@link NOTE_LIST_FILTERS}. */
export type NoteListFilter = (typeof NOTE_LIST_FILTERS)[number];

/** Name of the notes table's inbox index (for the CDK stack and IAM: `table/<name>/index/inbox`). */
export const INBOX_INDEX = 'inbox';

/** Attribute names of the inbox index: its partition and sort keys. */
export const INBOX_INDEX_KEYS = { partition: 'inboxBucket', sort: 'inboxSort' } as const;

/**
 * Attributes the index copies besides its keys and the table's `pk`: what a list row shows and what its
 * filing state is derived from. Never the note itself (its transcript stays in the table only).
 */
export const INBOX_INDEX_PROJECTION = [
  'noteId',
  'patientId',
  'contactId',
  'receivedAt',
  'urgent',
  'chiefComplaint',
  'documentReferenceId',
  'step_delivered',
  'deliveryFailures',
  'keptForStaff',
  'reviewed',
  'calledBack',
] as const;

/** Review half of a bucket. */
export type ReviewBucket = 'needsReview' | 'reviewed';
/** Filing half of a bucket: `filed` once a DocumentReference id is recorded. */
export type FilingBucket = 'notFiled' | 'filed';
/** A value of `inboxBucket`. */
export type InboxBucket = `${ReviewBucket}#${FilingBucket}`;

/** The four buckets. */
export const INBOX_BUCKETS: readonly InboxBucket[] = ['needsReview#notFiled', 'needsReview#filed', 'reviewed#notFiled', 'reviewed#filed'];

/**
 * The bucket of a note.
 *
 * @example
 * inboxBucket({ reviewed: false, filed: true }); // 'needsReview#filed'
 */
export function inboxBucket(state: { readonly reviewed: boolean; readonly filed: boolean }): InboxBucket {
  return `${state.reviewed ? 'reviewed' : 'needsReview'}#${state.filed ? 'filed' : 'notFiled'}`;
}

/** Which buckets a filter reads, and whether only their urgent rows. */
export interface FilterBuckets {
  readonly buckets: readonly InboxBucket[];
  readonly urgentOnly: boolean;
}

/** The buckets of each filter: every bucket whose notes all pass it. */
export const FILTER_BUCKETS: Readonly<Record<NoteListFilter, FilterBuckets>> = {
  needsReview: { buckets: ['needsReview#notFiled', 'needsReview#filed'], urgentOnly: false },
  reviewed: { buckets: ['reviewed#notFiled', 'reviewed#filed'], urgentOnly: false },
  notFiled: { buckets: ['needsReview#notFiled', 'reviewed#notFiled'], urgentOnly: false },
  urgent: { buckets: INBOX_BUCKETS, urgentOnly: true },
  all: { buckets: INBOX_BUCKETS, urgentOnly: false },
};

/** What a note must be to pass a filter (the memory adapter's test, the index's meaning). */
export function passesFilter(note: { readonly urgent: boolean; readonly reviewed: boolean; readonly filed: boolean }, filter: NoteListFilter): boolean {
  switch (filter) {
    case 'needsReview':
      return !note.reviewed;
    case 'reviewed':
      return note.reviewed;
    case 'notFiled':
      return !note.filed;
    case 'urgent':
      return note.urgent;
    case 'all':
      return true;
  }
}

/** Prefix of the sort keys of urgent notes. */
export const URGENT_SORT_PREFIX = '1#';

/**
 * The inbox order of a note as one string: urgent rank, the instant it was received (normalized to
 * `toISOString()`, so strings sort as instants) and its id (unique, so no two rows tie). Descending
 * order is the inbox's: urgent first, then newest.
 *
 * @example
 * inboxSortKey({ urgent: true, createdAt: '2025-03-04T15:20:00.000Z', noteId: 'n-1' }); // '1#2025-03-04T15:20:00.000Z#n-1'
 */
export function inboxSortKey(note: { readonly urgent: boolean; readonly createdAt: string; readonly noteId: string }): string {
  return `${note.urgent ? '1' : '0'}#${new Date(note.createdAt).toISOString()}#${note.noteId}`;
}

/** Most rows a page may ask for. */
export const MAX_LIST_LIMIT = 100;

const SORT_KEY_PATTERN = /^[01]#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[A-Za-z0-9._-]{1,64}$/;
const cursorSchema = z.strictObject({ f: z.enum(NOTE_LIST_FILTERS), a: z.string().regex(SORT_KEY_PATTERN) });

/**
 * The cursor of the page after the row whose sort key is `after`: base64url JSON, opaque to the
 * browser. It holds a note id and an instant, no patient data.
 */
export function encodeListCursor(filter: NoteListFilter, after: string): string {
  return Buffer.from(JSON.stringify({ f: filter, a: after }), 'utf8').toString('base64url');
}

/**
 * The sort key a cursor continues after. A cursor is input from the browser: anything but one this
 * store made for the same filter is refused.
 *
 * @throws InvalidCursorError for a malformed cursor, or one of another filter.
 */
export function decodeListCursor(cursor: string, filter: NoteListFilter): string {
  let parsed: unknown;
  try {
    if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw error instanceof InvalidCursorError ? error : new InvalidCursorError({ cause: error });
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.f !== filter) throw new InvalidCursorError();
  return result.data.a;
}

/**
 * Checks a page size: a whole number from 1 to {@link MAX_LIST_LIMIT}.
 *
 * @throws RangeError otherwise.
 */
export function checkListLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) throw new RangeError(`limit must be an integer from 1 to ${MAX_LIST_LIMIT}`);
  return limit;
}
