import type { LexV2Result } from 'aws-lambda';
import * as z from 'zod';
import { ACTIVE_LISTS, IVR_NEXT, LOCALE_ID, SESSION_ATTRIBUTES, type LocaleId } from '../../contract';
import { CATALOGS } from '../../prompts';
import { EpicError, FhirTimeoutError, type Appointment } from '../epic';
import { close, elicitIntent } from '../lex/response';
import type { Speech } from '../lex/speech';
import type { SessionClaims } from '../session';
import { describeAppointment, englishInstructionsLine, patientInstructions, spokenWhen } from './appointmentSpeech';
import { servicesFallback } from './menu';
import { fittingPageLength, isItemIndex, listJsonRoom, openList, sealList, type Paged, type SealedListKind } from './sealedList';
import { requireCaller } from './session';
import { offerText } from './textOffer';
import type { Phrases } from './phrases';
import type { Turn } from './turn';

/** Appointments read per "more": three, as with medications. The first turn reads the next one only. */
export const APPOINTMENT_PAGE_SIZE = 3;

/** At most this many appointments are kept for paging and for "change the second one". */
export const MAX_KEPT_APPOINTMENTS = 20;

/** Longest sentence kept per appointment (patient instructions can be long). */
const MAX_SENTENCE_LENGTH = 400;

/**
 * Bytes of JSON the kept list may take before sealing (sealed, near 5 KB). With a medication list
 * already in the session it may get less (`listJsonRoom`): both at their bounds would not fit
 * Lex's session attributes together.
 */
export const MAX_APPOINTMENT_PAGER_JSON_BYTES = 3600;

const listSchema = z.object({
  patientId: z.string(),
  /** Epic ids, for the hand-off to scheduling. */
  ids: z.array(z.string()).max(MAX_KEPT_APPOINTMENTS),
  /** When each starts, in words, for the hand-off. */
  whens: z.array(z.string()).max(MAX_KEPT_APPOINTMENTS),
  sentences: z.array(z.string()).max(MAX_KEPT_APPOINTMENTS),
  /** When each starts (ISO 8601), for a text of its date and time; absent in a list sealed before texts. */
  starts: z.array(z.string()).max(MAX_KEPT_APPOINTMENTS).optional(),
  /** Each one's street address line for a text ('' for none or a video visit). */
  addresses: z.array(z.string()).max(MAX_KEPT_APPOINTMENTS).optional(),
  /**
   * In a call of another language than the chart's, each one's patient instructions as Epic wrote
   * them ('' for none), for a caller who chooses to hear them in English; absent in an English call.
   */
  englishInstructions: z.array(z.string()).max(MAX_KEPT_APPOINTMENTS).optional(),
  total: z.number().int().nonnegative(),
});

type KeptList = z.infer<typeof listSchema>;
type Pager = Paged<KeptList>;

const APPOINTMENT_LIST: SealedListKind<KeptList> = {
  schema: listSchema,
  purpose: 'appointment-pager',
  listAttribute: SESSION_ATTRIBUTES.appointmentPager,
  pageAttribute: SESSION_ATTRIBUTES.appointmentPage,
};

/** `GetAppointments`: one Epic lookup, then the count and the next appointment. */
export async function getAppointments(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const existing = await openList(turn, caller.claims, APPOINTMENT_LIST);
  if (existing) return speakPage(turn, caller.claims, { ...existing, start: 0 });
  const looked = await lookUp(turn, caller.claims);
  if ('response' in looked) return looked.response;
  return speakPage(turn, caller.claims, { ...looked.list, start: 0 });
}

/** `MoreItems` while the caller is in the appointment list: the next page, no Epic request. */
export async function moreAppointments(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const pager = await openList(turn, caller.claims, APPOINTMENT_LIST);
  const next = pager ? pager.start + pageLength(turn.phrases, pager, pager.start) : 0;
  if (!pager || next >= pager.sentences.length) {
    turn.outcome = 'more.nothing';
    return elicitIntent(turn, [...turn.phrases.noMoreItems(), ...turn.phrases.menu()]);
  }
  return speakPage(turn, caller.claims, { ...pager, start: next });
}

/** `RepeatThat` while the caller is in the appointment list: the page just read, again. */
export async function repeatAppointments(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const pager = await openList(turn, caller.claims, APPOINTMENT_LIST);
  if (!pager) {
    turn.outcome = 'repeat.menu';
    return elicitIntent(turn, turn.phrases.menu());
  }
  return speakPage(turn, caller.claims, pager);
}

/**
 * `ChangeAppointment` ("cancel my appointment", "reschedule the second one"): the flow hands the
 * caller to the scheduling queue with the appointment's id. The one meant is the position the
 * caller said in the list they heard; with no position, the only one, or the one just read when the
 * caller heard only the next one, or the next one when they heard no list (its date and time are
 * said, so the caller knows which); a position in a list never heard reads the list first; otherwise
 * the caller is asked which. Booking itself is the scheduling team's.
 */
export async function changeAppointment(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  let list: KeptList | undefined = await openList(turn, caller.claims, APPOINTMENT_LIST);
  // Heard: a page of this list was read on this call (only a read page sets `appointmentPage`).
  const pageRead = turn.attributes[SESSION_ATTRIBUTES.appointmentPage];
  const heard = list !== undefined && pageRead !== undefined;
  // "The blue one" with no appointment heard is not a change: Lex matched it on "one" alone.
  if (!heard && !listeningFor(turn.locale).change.test(turn.event.inputTranscript)) return servicesFallback(turn);
  if (!list) {
    const looked = await lookUp(turn, caller.claims);
    if ('response' in looked) return looked.response;
    list = looked.list;
  }
  const position = spokenPosition(turn.event.inputTranscript, turn.locale);
  let chosen: number;
  if (!heard && position !== undefined && position > 0 && list.ids.length > 1) {
    // "The second one" of a list never heard: read it first rather than guess which is meant.
    const result = await speakPage(turn, caller.claims, { ...list, start: 0 });
    turn.outcome = 'appointments.change.listFirst';
    return result;
  } else if (heard && position !== undefined) {
    if (position >= list.ids.length) {
      turn.outcome = 'appointments.change.noSuchOne';
      return elicitIntent(turn, turn.phrases.noSuchAppointment(list.ids.length));
    }
    chosen = position;
  } else if (list.ids.length === 1 || !heard || pageRead === '0') {
    chosen = 0;
  } else {
    turn.outcome = 'appointments.change.whichOne';
    return elicitIntent(turn, turn.phrases.whichAppointment());
  }
  turn.attributes[SESSION_ATTRIBUTES.appointmentId] = list.ids[chosen] ?? '';
  turn.attributes[SESSION_ATTRIBUTES.ivrNext] = IVR_NEXT.scheduling;
  turn.outcome = 'appointments.change';
  return close(turn, 'Fulfilled', turn.phrases.toScheduling(list.whens[chosen] ?? ''));
}

/** Reads Epic once, audits the read and seals the list; or the answer to speak instead. */
async function lookUp(turn: Turn, claims: SessionClaims): Promise<{ list: KeptList } | { response: LexV2Result }> {
  let appointments: Appointment[];
  try {
    appointments = await turn.deps.epic.upcomingAppointments(claims.patientId, { signal: turn.signal });
  } catch (error) {
    if (!(error instanceof EpicError)) throw error;
    turn.outcome = `epic.${error.name}`;
    return { response: elicitIntent(turn, error instanceof FhirTimeoutError ? turn.phrases.epicSlow() : turn.phrases.epicUnavailable()) };
  }
  await turn.deps.audit.record({
    sessionId: turn.event.sessionId,
    patientId: claims.patientId,
    action: 'read',
    resourceTypes: ['Appointment', 'Practitioner', 'Location'],
    outcome: 'success',
    at: new Date(turn.deps.clock.now()).toISOString(),
  });
  if (appointments.length === 0) {
    turn.outcome = 'appointments.none';
    return { response: elicitIntent(turn, [...turn.phrases.noAppointments(), ...turn.phrases.menu()]) };
  }
  const list = keptList(claims.patientId, appointments, turn.deps.clinic.timeZone, turn.locale, listJsonRoom(turn, APPOINTMENT_LIST, MAX_APPOINTMENT_PAGER_JSON_BYTES));
  await sealList(turn, claims, APPOINTMENT_LIST, list);
  return { list };
}

/**
 * Reads the page from `pager.start`. A page of one appointment (always the first: "your next
 * appointment is …") ends with the offer to text its date, time and address (`offerText`). A page
 * with instructions only in English (a call in another language) asks instead whether to hear them
 * in English or talk with a person, and the next answer may be that choice (`englishChoice`); its
 * text offer is then kept but said only after the English, so two questions are never asked at once.
 */
async function speakPage(turn: Turn, claims: SessionClaims, pager: Pager): Promise<LexV2Result> {
  turn.attributes[SESSION_ATTRIBUTES.appointmentPage] = String(pager.start);
  turn.attributes[SESSION_ATTRIBUTES.activeList] = ACTIVE_LISTS.appointments;
  turn.outcome = pager.start === 0 ? 'appointments.next' : `appointments.from${pager.start + 1}`;
  const count = pageLength(turn.phrases, pager, pager.start);
  const asksEnglish = instructionsOnPage(pager, pager.start, count);
  if (asksEnglish) turn.attributes[SESSION_ATTRIBUTES.englishChoice] = String(pager.start);
  // Sealed either way, so "text me" works on any later turn; said now only when no question is asked.
  const offer = await pageOffer(turn, claims, pager, pager.start, count);
  return elicitIntent(turn, [...pageSpeech(turn.phrases, pager, pager.start, count), ...(asksEnglish ? [] : offer)]);
}

/**
 * The caller chose to hear the page from `start` in English (after {@link speakPage} asked): "here
 * they are in English", then, for each of its appointments with instructions, when it starts and
 * its instructions in English, what follows the page, and the text offer a page of one carries.
 * Undefined when the list or that page has nothing in English (a stale answer), for the caller's
 * words to be served as asked.
 */
export async function appointmentsInEnglish(turn: Turn, claims: SessionClaims, start: number): Promise<LexV2Result | undefined> {
  const pager = await openList(turn, claims, APPOINTMENT_LIST);
  if (!pager || !isItemIndex(pager, start)) return undefined;
  const count = pageLength(turn.phrases, pager, start);
  const english = (pager.englishInstructions ?? []).slice(start, start + count).flatMap((instructions, offset) =>
    instructions ? [englishInstructionsLine(instructions, pager.starts?.[start + offset], turn.deps.clinic.timeZone)] : [],
  );
  if (english.length === 0) return undefined;
  turn.outcome = 'appointments.english';
  const offer = await pageOffer(turn, claims, pager, start, count);
  return elicitIntent(turn, [...turn.phrases.englishInstructions(english), ...afterPage(turn.phrases, pager, start, count), ...offer]);
}

/** The text offer of a page of one appointment (its date, time and address); none for a longer page. */
async function pageOffer(turn: Turn, claims: SessionClaims, pager: KeptList, start: number, count: number): Promise<Speech[]> {
  const startsAt = pager.starts?.[start];
  if (count !== 1 || !startsAt) return [];
  const address = pager.addresses?.[start];
  return offerText(turn, claims, { kind: 'appointment', startsAt, ...(address ? { addressLine: address } : {}) });
}

/**
 * The page of `count` appointments from `start`; the first page has the count and "your next
 * appointment is"; a page with instructions only in English asks whether to hear them in English.
 */
function pageSpeech(phrases: Phrases, pager: KeptList, start: number, count: number): Speech[] {
  const parts: Speech[] = start === 0 ? [...phrases.appointmentsCount(pager.total), ...phrases.appointmentsNext()] : [];
  for (const sentence of pager.sentences.slice(start, start + count)) parts.push(...phrases.appointmentItem(sentence));
  if (instructionsOnPage(pager, start, count)) parts.push(...phrases.hearInEnglishOrPerson());
  parts.push(...afterPage(phrases, pager, start, count));
  return parts;
}

/** What follows a page: "say more", or the end of the list (the part of it the phone keeps). */
function afterPage(phrases: Phrases, pager: KeptList, start: number, count: number): Speech[] {
  const more = start + count < pager.sentences.length;
  const partial = pager.sentences.length < pager.total;
  return more ? phrases.appointmentsMore() : partial ? phrases.appointmentsEndPartial(pager.sentences.length) : phrases.appointmentsEnd();
}

/** Whether an appointment of the page has instructions kept for a caller of another language to hear in English. */
function instructionsOnPage(pager: KeptList, start: number, count: number): boolean {
  return (pager.englishInstructions ?? []).slice(start, start + count).some((instructions) => instructions !== '');
}

/**
 * How many appointments the page from `start` reads: the next one alone first, then
 * {@link APPOINTMENT_PAGE_SIZE}, or fewer when their messages would pass Lex's message limit;
 * depends only on the kept list, so "more" and "repeat" find the same pages on any later turn.
 */
function pageLength(phrases: Phrases, pager: KeptList, start: number): number {
  if (start === 0) return 1;
  // Measured with the text offer, so a page of one that carries it fits too.
  return fittingPageLength(APPOINTMENT_PAGE_SIZE, pager.sentences.length - start, (count) => [...pageSpeech(phrases, pager, start, count), ...phrases.textOffer()]);
}

/** The first appointments as sentences, as many as fit the count and `maxJsonBytes`, with the real total. */
function keptList(patientId: string, appointments: readonly Appointment[], timeZone: string, locale: LocaleId, maxJsonBytes: number): KeptList {
  // Instructions are kept apart only for a call in another language than the chart's (English).
  const english: string[] | undefined = locale === LOCALE_ID ? undefined : [];
  const list = {
    patientId,
    ids: [] as string[],
    whens: [] as string[],
    sentences: [] as string[],
    starts: [] as string[],
    addresses: [] as string[],
    ...(english ? { englishInstructions: english } : {}),
    total: appointments.length,
  };
  let bytes = Buffer.byteLength(JSON.stringify(list));
  for (const appointment of appointments.slice(0, MAX_KEPT_APPOINTMENTS)) {
    const when = spokenWhen(appointment.start, timeZone, locale);
    const sentence = describeAppointment(appointment, timeZone, locale, when).slice(0, MAX_SENTENCE_LENGTH);
    // A video visit is texted without an address: there is nowhere to go.
    const address = appointment.video ? '' : (appointment.addressLine ?? '');
    const instructions = english ? patientInstructions(appointment).slice(0, MAX_SENTENCE_LENGTH) : undefined;
    const kept = [appointment.id, when, sentence, appointment.start, address, ...(instructions === undefined ? [] : [instructions])];
    const added = kept.reduce((sum, value) => sum + Buffer.byteLength(JSON.stringify(value)) + 1, 0);
    if (bytes + added > maxJsonBytes) break;
    list.ids.push(appointment.id);
    list.whens.push(when);
    list.sentences.push(sentence);
    list.starts.push(appointment.start);
    list.addresses.push(address);
    if (english) english.push(instructions ?? '');
    bytes += added;
  }
  return list;
}

/** What the dialog listens for in a locale's transcripts: the catalog's words, each as a whole word. */
interface Listening {
  /** Position words ("second", "2nd", "two"), one pattern per list position. */
  readonly positions: readonly RegExp[];
  /** Words that say the caller wants to change an appointment. */
  readonly change: RegExp;
}

/** Patterns already built, per locale: built once per container. */
const listening = new Map<LocaleId, Listening>();

function listeningFor(locale: LocaleId): Listening {
  let found = listening.get(locale);
  if (!found) {
    const words = CATALOGS[locale].appointments;
    found = { positions: words.positions.map(wholeWords), change: wholeWords(words.changeWords) };
    listening.set(locale, found);
  }
  return found;
}

/** One case-insensitive pattern matching any of `words` as whole words. */
function wholeWords(words: readonly string[]): RegExp {
  return new RegExp(`\\b(${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i');
}

/**
 * The list position (0-based) the caller named in the locale's words, e.g. 1 for "change the
 * second one"; a later position wins over "one".
 */
export function spokenPosition(transcript: string, locale: LocaleId): number | undefined {
  const { positions } = listeningFor(locale);
  // "the second one": "one" is also the first position's word, so a more specific match wins.
  for (let index = positions.length - 1; index >= 1; index -= 1) if (positions[index]?.test(transcript)) return index;
  return positions[0]?.test(transcript) ? 0 : undefined;
}
