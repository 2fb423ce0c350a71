import type { LexV2Result } from 'aws-lambda';
import * as z from 'zod';
import { ACTIVE_LISTS, SESSION_ATTRIBUTES } from '../../contract';
import { EpicError, FhirTimeoutError, type MedicationList } from '../epic';
import { toMessages } from '../lex/messages';
import { elicitIntent, MAX_MESSAGES } from '../lex/response';
import type { Speech } from '../lex/speech';
import type { SessionClaims } from '../session';
import { describeMedication } from './medicationSpeech';
import { PHRASES } from './phrases';
import { requireCaller } from './session';
import type { Turn } from './turn';

/** Medications read per turn: three is what a caller can hold in mind. */
export const PAGE_SIZE = 3;

/** At most this many medications are kept for paging, so the sealed state stays well under Lex's limits. */
export const MAX_KEPT_MEDICATIONS = 30;

/** Longest sentence kept per medication. */
const MAX_SENTENCE_LENGTH = 240;

/**
 * Bytes of JSON the kept list may take before sealing. Sealing adds a third (base64url) and a small
 * header, so this keeps the sealed attribute under the session service's 8 KB bound
 * (`DEFAULT_MAX_SEALED_LENGTH`) whatever the sentences are: 30 sentences of 240 characters would not.
 */
export const MAX_PAGER_JSON_BYTES = 5600;

const PAGER_PURPOSE = 'medication-pager';

const listSchema = z.object({
  patientId: z.string(),
  sentences: z.array(z.string()).max(MAX_KEPT_MEDICATIONS),
  total: z.number().int().nonnegative(),
  /** Epic had more than its pages that were read: `total` is then a lower bound. */
  incomplete: z.boolean().optional(),
});

/**
 * The caller's medication list as spoken sentences (sealed once, when it is read from Epic) and where
 * the last page began (a plain attribute: moving through the list needs no encryption).
 */
type Pager = z.infer<typeof listSchema> & { readonly start: number };

/** `GetMedications`: one Epic lookup, then the count and the first page. */
export async function getMedications(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const existing = await openPager(turn, caller.claims);
  if (existing) return speakPage(turn, { ...existing, start: 0 }, true);

  let medications;
  try {
    medications = await turn.deps.epic.activeMedications(caller.claims.patientId, { signal: turn.signal });
  } catch (error) {
    if (!(error instanceof EpicError)) throw error;
    turn.outcome = `epic.${error.name}`;
    return elicitIntent(turn, error instanceof FhirTimeoutError ? PHRASES.epicSlow() : PHRASES.epicUnavailable());
  }
  await turn.deps.audit.record({
    sessionId: turn.event.sessionId,
    patientId: caller.claims.patientId,
    action: 'read',
    resourceTypes: ['MedicationRequest', 'Medication'],
    outcome: 'success',
    at: new Date(turn.deps.clock.now()).toISOString(),
  });
  if (medications.length === 0) {
    turn.outcome = 'medications.none';
    return elicitIntent(turn, [...PHRASES.noMedications(), ...PHRASES.menu()]);
  }
  const list = keptList(caller.claims.patientId, medications);
  if (list.sentences.length < list.total || list.incomplete) turn.outcome = 'medications.partial';
  turn.attributes[SESSION_ATTRIBUTES.medicationPager] = await turn.deps.sessions.sealJson(list, { sessionId: caller.claims.sessionId }, PAGER_PURPOSE);
  return speakPage(turn, { ...list, start: 0 }, true);
}

/** `MoreItems`: the next page of the list kept for this call; no Epic request. */
export async function moreItems(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const pager = await openPager(turn, caller.claims);
  const next = pager ? pager.start + pageLength(pager, pager.start) : 0;
  if (!pager || next >= pager.sentences.length) {
    turn.outcome = 'more.nothing';
    return elicitIntent(turn, [...PHRASES.noMoreItems(), ...PHRASES.menu()]);
  }
  return speakPage(turn, { ...pager, start: next }, false);
}

/** `RepeatThat`: the page just read, again; the menu when nothing was read yet. */
export async function repeatThat(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const pager = await openPager(turn, caller.claims);
  if (!pager) {
    turn.outcome = 'repeat.menu';
    return elicitIntent(turn, PHRASES.menu());
  }
  return speakPage(turn, pager, pager.start === 0);
}

function speakPage(turn: Turn, pager: Pager, withCount: boolean): LexV2Result {
  const parts = pageSpeech(pager, pager.start, pageLength(pager, pager.start), withCount);
  turn.attributes[SESSION_ATTRIBUTES.medicationPage] = String(pager.start);
  turn.attributes[SESSION_ATTRIBUTES.activeList] = ACTIVE_LISTS.medications;
  turn.outcome = `medications.page${Math.floor(pager.start / PAGE_SIZE) + 1}`;
  return elicitIntent(turn, parts);
}

/** The page of `count` medications from `start`: the count first when asked, then what comes next. */
function pageSpeech(pager: Omit<Pager, 'start'>, start: number, count: number, withCount: boolean): Speech[] {
  const parts: Speech[] = withCount ? PHRASES.medicationsCount(pager.total, pager.incomplete === true) : [];
  for (const sentence of pager.sentences.slice(start, start + count)) parts.push(...PHRASES.medicationItem(sentence));
  const more = start + count < pager.sentences.length;
  const partial = pager.sentences.length < pager.total || pager.incomplete === true;
  parts.push(...(more ? PHRASES.medicationsMore() : partial ? PHRASES.medicationsEndPartial(pager.sentences.length) : PHRASES.medicationsEnd()));
  return parts;
}

/**
 * How many medications the page from `start` reads: {@link PAGE_SIZE}, or fewer when their messages
 * would pass {@link MAX_MESSAGES} (chart text full of `&` and `'` escapes to several times its length),
 * never fewer than one. Measured as SSML with the count, the longest a page can be, so the answer
 * depends only on the kept list: "more" and "repeat" find the same pages on any later turn.
 */
function pageLength(pager: Omit<Pager, 'start'>, start: number): number {
  let count = Math.max(1, Math.min(PAGE_SIZE, pager.sentences.length - start));
  while (count > 1 && toMessages(true, pageSpeech(pager, start, count, true)).length > MAX_MESSAGES) count -= 1;
  return count;
}

/**
 * What is kept for paging: the first medications as sentences, as many as fit both
 * {@link MAX_KEPT_MEDICATIONS} and {@link MAX_PAGER_JSON_BYTES}, with the real total, so the caller
 * is told when the phone cannot read them all rather than hearing a shorter list as the whole.
 */
function keptList(patientId: string, medications: MedicationList): z.infer<typeof listSchema> {
  const list = {
    patientId,
    sentences: [] as string[],
    total: medications.length,
    ...(medications.incomplete ? { incomplete: true } : {}),
  };
  let bytes = Buffer.byteLength(JSON.stringify(list));
  for (const medication of medications.slice(0, MAX_KEPT_MEDICATIONS)) {
    const sentence = describeMedication(medication).slice(0, MAX_SENTENCE_LENGTH);
    // The sentence as a JSON string, plus the comma before it.
    const added = Buffer.byteLength(JSON.stringify(sentence)) + 1;
    if (bytes + added > MAX_PAGER_JSON_BYTES) break;
    list.sentences.push(sentence);
    bytes += added;
  }
  return list;
}

async function openPager(turn: Turn, claims: SessionClaims): Promise<Pager | undefined> {
  const sealed = turn.attributes[SESSION_ATTRIBUTES.medicationPager];
  if (!sealed) return undefined;
  try {
    const parsed = listSchema.safeParse(await turn.deps.sessions.openJson(sealed, { sessionId: claims.sessionId }, PAGER_PURPOSE));
    // Bound to the patient too: a list left from another verified caller in this session is ignored.
    if (!parsed.success || parsed.data.patientId !== claims.patientId) return undefined;
    const page = Number(turn.attributes[SESSION_ATTRIBUTES.medicationPage] ?? '0');
    // The page index is not sealed, so it is only a hint: any medication of this caller's own list
    // (pages are not all PAGE_SIZE long, so any index can begin one), else the first.
    const start = Number.isInteger(page) && page >= 0 && page < parsed.data.sentences.length ? page : 0;
    return { ...parsed.data, start };
  } catch {
    // A stale or foreign pager is simply dropped: the list is looked up again.
    delete turn.attributes[SESSION_ATTRIBUTES.medicationPager];
    delete turn.attributes[SESSION_ATTRIBUTES.medicationPage];
    return undefined;
  }
}
