import type * as z from 'zod';
import type { SESSION_ATTRIBUTES } from '../../contract';
import { ownedAttributesBytes } from '../lex/attributes';
import { toMessages } from '../lex/messages';
import { MAX_MESSAGES, MAX_SESSION_ATTRIBUTES_BYTES } from '../lex/response';
import type { Speech } from '../lex/speech';
import type { SessionClaims } from '../session';
import type { Turn } from './turn';

type SessionAttribute = (typeof SESSION_ATTRIBUTES)[keyof typeof SESSION_ATTRIBUTES];

/** What every list read to a caller keeps: whose it is and the sentences read. */
export interface ReadList {
  readonly patientId: string;
  readonly sentences: readonly string[];
}

/**
 * Where a list read to the caller is kept between turns: sealed (encrypted and bound to the session
 * and a purpose) in one session attribute, and where the last page began in another, plain one
 * (moving through the list needs no encryption).
 */
export interface SealedListKind<L extends ReadList> {
  readonly schema: z.ZodType<L>;
  /** Sealing purpose: a list sealed for one kind never opens as another. */
  readonly purpose: string;
  readonly listAttribute: SessionAttribute;
  readonly pageAttribute: SessionAttribute;
}

/** A kept list and where its last page began. */
export type Paged<L extends ReadList> = L & { readonly start: number };

/** Whether `index` (read back from an unsealed attribute) is one of the list's items. */
export function isItemIndex(list: ReadList, index: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < list.sentences.length;
}

/**
 * What sealing adds to a list's JSON beyond base64url's 4 characters for every 3 bytes: the envelope
 * (header, IV, tag, dots), about 270 characters, with a margin.
 */
export const SEALED_OVERHEAD = 320;

/**
 * Room kept for what a turn sets after sealing its list: a text offer (sealed, with a 200-character
 * address line of accented letters, about 1,100 characters) and the page markers (`activeList`, the
 * page, `englishChoice`).
 */
export const LATER_ATTRIBUTES_BYTES = 1_600;

/** Never less room than this for a list's JSON: its first item always fits (an item is far smaller). */
const MIN_LIST_JSON_BYTES = 1_000;

/**
 * Bytes of JSON a list of `kind` may take when sealed this turn: its own bound (`maxJsonBytes`), or
 * less when the handler's other attributes (the other list, the session token) leave less of the
 * session-attribute limit Lex accepts, so both lists, the token and a text offer always fit together.
 * A list kept shorter says so as any long list does ("the first N I can read on the phone").
 */
export function listJsonRoom<L extends ReadList>(turn: Turn, kind: SealedListKind<L>, maxJsonBytes: number): number {
  const others = ownedAttributesBytes(turn.attributes, [kind.listAttribute, kind.pageAttribute]);
  const sealedRoom = MAX_SESSION_ATTRIBUTES_BYTES - others - LATER_ATTRIBUTES_BYTES - (kind.listAttribute.length + 6);
  const jsonRoom = Math.floor(((sealedRoom - SEALED_OVERHEAD) * 3) / 4);
  return Math.max(MIN_LIST_JSON_BYTES, Math.min(maxJsonBytes, jsonRoom));
}

/** Seals `list` into the session for later turns of this call. */
export async function sealList<L extends ReadList>(turn: Turn, claims: SessionClaims, kind: SealedListKind<L>, list: L): Promise<void> {
  turn.attributes[kind.listAttribute] = await turn.deps.sessions.sealJson(list, { sessionId: claims.sessionId }, kind.purpose);
}

/** The caller's list of this kind kept this call, or `undefined` (none, stale, foreign, or another patient's). */
export async function openList<L extends ReadList>(turn: Turn, claims: SessionClaims, kind: SealedListKind<L>): Promise<Paged<L> | undefined> {
  const sealed = turn.attributes[kind.listAttribute];
  if (!sealed) return undefined;
  try {
    const parsed = kind.schema.safeParse(await turn.deps.sessions.openJson(sealed, { sessionId: claims.sessionId }, kind.purpose));
    // Bound to the patient too: a list left from another verified caller in this session is ignored.
    if (!parsed.success || parsed.data.patientId !== claims.patientId) return undefined;
    const page = Number(turn.attributes[kind.pageAttribute] ?? '0');
    // The page index is not sealed, so it is only a hint: any item of this caller's own list (pages
    // are not all the same length, so any index can begin one), else the first.
    const start = isItemIndex(parsed.data, page) ? page : 0;
    return { ...parsed.data, start };
  } catch {
    // A stale or foreign list is simply dropped: it is looked up again.
    delete turn.attributes[kind.listAttribute];
    delete turn.attributes[kind.pageAttribute];
    return undefined;
  }
}

/**
 * How many items a page reads: `pageSize` (or what is left), fewer when their messages would pass
 * {@link MAX_MESSAGES} (chart text full of `&` and `'` escapes to several times its length), never
 * fewer than one. `speech(count)` must be the longest the page can be (as SSML), so the answer depends
 * only on the kept list and "more" and "repeat" find the same pages on any later turn.
 */
export function fittingPageLength(pageSize: number, remaining: number, speech: (count: number) => Speech[]): number {
  let count = Math.max(1, Math.min(pageSize, remaining));
  while (count > 1 && toMessages(true, speech(count)).length > MAX_MESSAGES) count -= 1;
  return count;
}
