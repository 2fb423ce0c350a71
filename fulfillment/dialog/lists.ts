import type { LexV2Result } from 'aws-lambda';
import { ACTIVE_LISTS, SESSION_ATTRIBUTES } from '../../contract';
import type { SessionClaims } from '../session';
import { appointmentsInEnglish, moreAppointments, repeatAppointments } from './appointments';
import { medicationsInEnglish, moreItems, repeatThat } from './medications';
import type { Turn } from './turn';

/**
 * "More" and "repeat" are about the list the caller heard last: the `activeList` session attribute,
 * set by each list as it is read. Without it (a call from before appointments existed, or no list
 * yet) they are the medication list's, as they always were.
 */
export function inAppointments(turn: Turn): boolean {
  return turn.attributes[SESSION_ATTRIBUTES.activeList] === ACTIVE_LISTS.appointments;
}

/** `MoreItems`: the next page of the list the caller is in. */
export function moreOfActiveList(turn: Turn): Promise<LexV2Result> {
  return inAppointments(turn) ? moreAppointments(turn) : moreItems(turn);
}

/** `RepeatThat`: the page just read of the list the caller is in. */
export function repeatActiveList(turn: Turn): Promise<LexV2Result> {
  return inAppointments(turn) ? repeatAppointments(turn) : repeatThat(turn);
}

/**
 * The caller chose English after a page that asked (`englishChoice`, the page's first item): that
 * page of the list the caller is in, in English; undefined when it has nothing in English.
 */
export function englishOfActiveList(turn: Turn, claims: SessionClaims, start: number): Promise<LexV2Result | undefined> {
  return inAppointments(turn) ? appointmentsInEnglish(turn, claims, start) : medicationsInEnglish(turn, claims, start);
}
