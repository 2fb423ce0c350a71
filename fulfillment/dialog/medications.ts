import type { LexV2Result } from 'aws-lambda';
import { ACTIVE_LISTS, SESSION_ATTRIBUTES } from '../../contract';
import { FhirTimeoutError } from '../epic';
import { elicitIntent } from '../lex/response';
import type { Speech } from '../lex/speech';
import type { SessionClaims } from '../session';
import { openPager, readMedications, type Pager } from './medicationPager';
import { fittingPageLength, isItemIndex } from './sealedList';
import { requireCaller } from './session';
import type { Phrases } from './phrases';
import type { Turn } from './turn';

/** Medications read per turn: three is what a caller can hold in mind. */
export const PAGE_SIZE = 3;

export { MAX_KEPT_MEDICATIONS, MAX_PAGER_JSON_BYTES } from './medicationPager';

/** `GetMedications`: one Epic lookup, then the count and the first page. */
export async function getMedications(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const existing = await openPager(turn, caller.claims);
  if (existing) return speakPage(turn, { ...existing, start: 0 }, true);

  const read = await readMedications(turn, caller.claims);
  if ('error' in read) {
    turn.outcome = `epic.${read.error.name}`;
    return elicitIntent(turn, read.error instanceof FhirTimeoutError ? turn.phrases.epicSlow() : turn.phrases.epicUnavailable());
  }
  const { list } = read;
  if (list.total === 0) {
    turn.outcome = 'medications.none';
    return elicitIntent(turn, [...turn.phrases.noMedications(), ...turn.phrases.menu()]);
  }
  if (list.sentences.length < list.total || list.incomplete) turn.outcome = 'medications.partial';
  return speakPage(turn, { ...list, start: 0 }, true);
}

/** `MoreItems`: the next page of the list kept for this call; no Epic request. */
export async function moreItems(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const pager = await openPager(turn, caller.claims);
  const next = pager ? pager.start + pageLength(turn.phrases, pager, pager.start) : 0;
  if (!pager || next >= pager.sentences.length) {
    turn.outcome = 'more.nothing';
    return elicitIntent(turn, [...turn.phrases.noMoreItems(), ...turn.phrases.menu()]);
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
    return elicitIntent(turn, turn.phrases.menu());
  }
  return speakPage(turn, pager, pager.start === 0);
}

/**
 * The caller chose to hear the page from `start` in English (`englishChoice`): "here they are in
 * English", the English sentence of each of its medications with instructions only in English, then
 * what follows the page. Undefined when the list or that page has nothing in English (a stale answer).
 */
export async function medicationsInEnglish(turn: Turn, claims: SessionClaims, start: number): Promise<LexV2Result | undefined> {
  const pager = await openPager(turn, claims);
  if (!pager || !isItemIndex(pager, start)) return undefined;
  const count = pageLength(turn.phrases, pager, start);
  const english = englishOnlyOnPage(pager, start, count);
  if (english.length === 0) return undefined;
  turn.outcome = 'medications.english';
  return elicitIntent(turn, [...turn.phrases.englishInstructions(english), ...afterPage(turn.phrases, pager, start, count)]);
}

function speakPage(turn: Turn, pager: Pager, withCount: boolean): LexV2Result {
  const count = pageLength(turn.phrases, pager, pager.start);
  const parts = pageSpeech(turn.phrases, pager, pager.start, count, withCount);
  // Instructions only in English on this page: the next answer may be the choice (English, or a person).
  if (englishOnlyOnPage(pager, pager.start, count).length > 0) turn.attributes[SESSION_ATTRIBUTES.englishChoice] = String(pager.start);
  else delete turn.attributes[SESSION_ATTRIBUTES.englishChoice];
  turn.attributes[SESSION_ATTRIBUTES.medicationPage] = String(pager.start);
  turn.attributes[SESSION_ATTRIBUTES.activeList] = ACTIVE_LISTS.medications;
  turn.outcome = `medications.page${Math.floor(pager.start / PAGE_SIZE) + 1}`;
  return elicitIntent(turn, parts);
}

/** The page of `count` medications from `start`: the count first when asked, then what comes next. */
function pageSpeech(phrases: Phrases, pager: Omit<Pager, 'start'>, start: number, count: number, withCount: boolean): Speech[] {
  const parts: Speech[] = withCount ? phrases.medicationsCount(pager.total, pager.incomplete === true) : [];
  for (const sentence of pager.sentences.slice(start, start + count)) parts.push(...phrases.medicationItem(sentence));
  if (englishOnlyOnPage(pager, start, count).length > 0) parts.push(...phrases.hearInEnglishOrPerson());
  parts.push(...afterPage(phrases, pager, start, count));
  return parts;
}

/** What follows a page: "say more", or the end of the list (the part of it the phone can read). */
function afterPage(phrases: Phrases, pager: Omit<Pager, 'start'>, start: number, count: number): Speech[] {
  const more = start + count < pager.sentences.length;
  const partial = pager.sentences.length < pager.total || pager.incomplete === true;
  return more ? phrases.medicationsMore() : partial ? phrases.medicationsEndPartial(pager.sentences.length) : phrases.medicationsEnd();
}

/**
 * The English sentences of the page's medications whose instructions exist only in English (kept in
 * the list for a caller of another language), in page order; none in an English call.
 */
function englishOnlyOnPage(pager: Omit<Pager, 'start'>, start: number, count: number): string[] {
  return (pager.items ?? []).slice(start, start + count).flatMap((item) => (item.en ? [item.en] : []));
}

/** How many medications the page from `start` reads: {@link PAGE_SIZE}, or fewer when their messages are too long. */
export function pageLength(phrases: Phrases, pager: Omit<Pager, 'start'>, start: number): number {
  return fittingPageLength(PAGE_SIZE, pager.sentences.length - start, (count) => pageSpeech(phrases, pager, start, count, true));
}
