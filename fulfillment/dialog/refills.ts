import type { LexV2Result } from 'aws-lambda';
import { CHOICE_KEYS, INTENTS, IVR_NEXT, REFILL_STEPS, SESSION_ATTRIBUTES } from '../../contract';
import { close, elicitIntent } from '../lex/response';
import type { Speech } from '../lex/speech';
import { refillKey, refillNoteId, RefillError } from '../refills';
import type { SessionClaims } from '../session';
import { openPager, readMedications, type KeptItem, type Pager } from './medicationPager';
import { pageLength } from './medications';
import { offerText } from './textOffer';
import { chooseMedication, type RefillChoice } from './refillChoice';
import { requireCaller } from './session';
import { answerIsNo, answerIsYes } from './yesNo';
import type { DialogStep, Turn } from './turn';

/** At most this many medications are offered by key (keys 1 to 9). */
export const MAX_REFILL_KEYS = CHOICE_KEYS.length;

/** Unclear answers to one refill question before the caller is offered a person. */
const MAX_TRIES = 2;

/** Intents whose answer to a refill question is an answer, not a new request. */
const ANSWER_INTENTS: ReadonlySet<string> = new Set([INTENTS.fallback, INTENTS.requestRefill]);

/**
 * `RequestRefill` ("I need a refill", "refill my atorvastatin", "refill the second one", key 4): the
 * medication is chosen from the list kept this call (read once from Epic when the caller has not
 * heard it yet), confirmed by name, then handed over to be filed off the call path.
 */
export async function requestRefill(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  clearQuestion(turn);
  let pager = await openPager(turn, caller.claims);
  // "The second one" counts in the page the caller heard; a list read now was not heard.
  const heard = pager?.items ? { start: pager.start, count: pageLength(turn.phrases, pager, pager.start) } : undefined;
  if (!pager?.items) {
    const read = await readMedications(turn, caller.claims);
    if ('error' in read) return toPerson(turn, turn.phrases.refillListUnavailable(), `refill.epic.${read.error.name}`);
    if (read.list.total === 0) return toPerson(turn, turn.phrases.refillNoMedications(), 'refill.noMedications');
    pager = { ...read.list, start: 0 };
  }
  const items = pager.items ?? [];
  const choice = chooseMedication(turn.event.inputTranscript, items, heard ? { heard, locale: turn.locale } : { locale: turn.locale });
  return follow(turn, pager, choice, 'refill');
}

/**
 * The caller's answer to the refill question waiting in the session (`refillStep`). Any other menu
 * request ("medications", "agent", "goodbye") drops the question and is served instead; silence and
 * unclear answers are asked once more, then a person is offered. Nothing is ever sent without a yes.
 */
export async function answerRefill(turn: Turn, dispatch: DialogStep): Promise<LexV2Result> {
  const step = turn.attributes[SESSION_ATTRIBUTES.refillStep];
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const pager = await openPager(turn, caller.claims);
  if (!pager?.items) {
    clearQuestion(turn);
    return dispatch(turn);
  }
  const intent = turn.event.sessionState.intent.name;
  if (step === REFILL_STEPS.confirm) {
    const index = Number(turn.attributes[SESSION_ATTRIBUTES.refillChoice]);
    const item = Number.isInteger(index) ? pager.items[index] : undefined;
    if (!item) {
      clearQuestion(turn);
      return dispatch(turn);
    }
    if (answerIsYes(turn.event.inputTranscript, turn.locale)) return send(turn, caller.claims, item);
    if (answerIsNo(turn.event.inputTranscript, turn.locale)) {
      clearQuestion(turn);
      turn.outcome = 'refill.declined';
      return elicitIntent(turn, [...turn.phrases.refillNotSent(), ...turn.phrases.menu()]);
    }
    // Another request, or a new refill ("refill my lisinopril instead"), is served as asked.
    if (!ANSWER_INTENTS.has(intent) || intent === INTENTS.requestRefill) return leaveQuestion(turn, dispatch);
    return retry(turn, turn.phrases.refillConfirmAgain(), 'refill.confirmAgain');
  }
  const options = (turn.attributes[SESSION_ATTRIBUTES.refillOptions] ?? '').split(',').filter(Boolean).map(Number);
  const choice = chooseMedication(turn.event.inputTranscript, pager.items, { options, locale: turn.locale });
  if (choice.kind === 'none' && !ANSWER_INTENTS.has(intent)) return leaveQuestion(turn, dispatch);
  // Still no single medication: the keys again (each such answer counts toward a person).
  if (choice.kind === 'none' || choice.kind === 'ambiguous') {
    const again = choice.kind === 'ambiguous' ? choice.indices : options.length > 0 ? options : allOptions(pager);
    return retry(turn, offerKeys(turn, pager, again), 'refill.pickAgain');
  }
  return follow(turn, pager, choice, 'refill.pick');
}

/** What a choice leads to: the yes/no question, the keys, or a person. */
function follow(turn: Turn, pager: Pager, choice: RefillChoice, outcome: string): LexV2Result {
  const items = pager.items ?? [];
  if (choice.kind === 'unknownName') return toPerson(turn, turn.phrases.refillNotOnList(), `${outcome}.notOnList`);
  if (choice.kind === 'ambiguous') {
    turn.outcome = `${outcome}.ambiguous`;
    return elicitIntent(turn, offerKeys(turn, pager, choice.indices));
  }
  if (choice.kind === 'none') {
    turn.outcome = `${outcome}.which`;
    return elicitIntent(turn, offerKeys(turn, pager, allOptions(pager)));
  }
  const item = items[choice.index];
  // A medication Epic gave no order id for cannot be named in a request: a person takes it.
  if (!item?.i) return toPerson(turn, turn.phrases.refillNotOnList(), `${outcome}.noOrderId`);
  if (alreadySent(turn, refillNoteId(turn.event.sessionId, item.i))) {
    clearQuestion(turn);
    turn.outcome = 'refill.alreadySent';
    return elicitIntent(turn, [...turn.phrases.refillAlreadySent(item.n), ...turn.phrases.menu()]);
  }
  turn.attributes[SESSION_ATTRIBUTES.refillStep] = REFILL_STEPS.confirm;
  turn.attributes[SESSION_ATTRIBUTES.refillChoice] = String(choice.index);
  delete turn.attributes[SESSION_ATTRIBUTES.refillOptions];
  delete turn.attributes[SESSION_ATTRIBUTES.refillTries];
  const left = refillsLeft(item, turn.deps.clock.now());
  turn.outcome = left ? 'refill.refillsLeft' : 'refill.confirm';
  return elicitIntent(turn, left ? turn.phrases.refillsLeft(item.n) : turn.phrases.refillConfirm(item.n));
}

/**
 * Whether the order still states refills: `numberOfRepeatsAllowed` above 0 and a validity period
 * that has not ended (or states no end). Where the order states nothing, nothing is said.
 */
export function refillsLeft(item: KeptItem, now: number): boolean {
  if (item.r === undefined || item.r <= 0) return false;
  if (item.e === undefined) return true;
  // A date without a time ends at the end of that day (UTC, so no caller is told too early).
  const end = /^\d{4}-\d{2}-\d{2}$/.test(item.e) ? Date.parse(`${item.e}T23:59:59.999Z`) : Date.parse(item.e);
  return Number.isNaN(end) || end > now;
}

/** Hands the confirmed request over; the caller hears it was sent, or is offered a person. */
async function send(turn: Turn, claims: SessionClaims, item: KeptItem): Promise<LexV2Result> {
  clearQuestion(turn);
  const medicationRequestId = item.i as string;
  const noteId = refillNoteId(turn.event.sessionId, medicationRequestId);
  try {
    await turn.deps.refills.send({ noteId, contactId: turn.event.sessionId, patientId: claims.patientId, medicationRequestId, medication: item.n });
  } catch (error) {
    if (!(error instanceof RefillError)) throw error;
    return toPerson(turn, turn.phrases.refillSendFailed(), `refill.sendFailed.${error.name}`);
  }
  const filed = (turn.attributes[SESSION_ATTRIBUTES.refillsFiled] ?? '').split(',').filter(Boolean);
  turn.attributes[SESSION_ATTRIBUTES.refillsFiled] = [...new Set([...filed, refillKey(noteId)])].join(',');
  turn.outcome = 'refill.sent';
  // "Your request was received" may be texted: no medication name, nothing clinical.
  const offer = await offerText(turn, claims, { kind: 'requestReceived' });
  return elicitIntent(turn, [...turn.phrases.refillSent(item.n), ...offer, ...turn.phrases.menu()]);
}

function alreadySent(turn: Turn, noteId: string): boolean {
  return (turn.attributes[SESSION_ATTRIBUTES.refillsFiled] ?? '').split(',').includes(refillKey(noteId));
}

/** The first {@link MAX_REFILL_KEYS} medications of the kept list. */
function allOptions(pager: Pager): number[] {
  return Array.from({ length: Math.min(MAX_REFILL_KEYS, pager.items?.length ?? 0) }, (_, index) => index);
}

/** "For albuterol, press 1. …" over `indices`, remembered so the next answer's key finds its medication. */
function offerKeys(turn: Turn, pager: Pager, indices: readonly number[]): Speech[] {
  const offered = indices.slice(0, MAX_REFILL_KEYS);
  turn.attributes[SESSION_ATTRIBUTES.refillStep] = REFILL_STEPS.pick;
  turn.attributes[SESSION_ATTRIBUTES.refillOptions] = offered.join(',');
  delete turn.attributes[SESSION_ATTRIBUTES.refillChoice];
  const names = offered.map((index) => pager.items?.[index]?.n ?? '');
  return turn.phrases.refillWhichOne(names, names.map((_, position) => CHOICE_KEYS[position] ?? ''));
}

function tries(turn: Turn): number {
  const count = Number(turn.attributes[SESSION_ATTRIBUTES.refillTries] ?? '0');
  return Number.isInteger(count) && count >= 0 ? count : MAX_TRIES;
}

/** The question again, or, once {@link MAX_TRIES} answers were unclear, a person. */
function retry(turn: Turn, again: Speech[], outcome: string): LexV2Result {
  const count = tries(turn) + 1;
  if (count >= MAX_TRIES) return toPerson(turn, turn.phrases.refillStillUnclear(), 'refill.unclear');
  turn.attributes[SESSION_ATTRIBUTES.refillTries] = String(count);
  turn.outcome = outcome;
  return elicitIntent(turn, again);
}

/** The caller asked for something else: the question is dropped and that is served. */
async function leaveQuestion(turn: Turn, dispatch: DialogStep): Promise<LexV2Result> {
  clearQuestion(turn);
  const result = await dispatch(turn);
  turn.outcome = `refill.left.${turn.outcome}`;
  return result;
}

/** Never a guess: the caller is told why and put through to a person. */
function toPerson(turn: Turn, why: Speech[], outcome: string): LexV2Result {
  clearQuestion(turn);
  turn.attributes[SESSION_ATTRIBUTES.ivrNext] = IVR_NEXT.transfer;
  turn.outcome = outcome;
  return close(turn, 'Fulfilled', [...why, ...turn.phrases.transfer()]);
}

/** Forgets the waiting refill question (not the requests already sent). */
export function clearQuestion(turn: Pick<Turn, 'attributes'>): void {
  delete turn.attributes[SESSION_ATTRIBUTES.refillStep];
  delete turn.attributes[SESSION_ATTRIBUTES.refillChoice];
  delete turn.attributes[SESSION_ATTRIBUTES.refillOptions];
  delete turn.attributes[SESSION_ATTRIBUTES.refillTries];
}
