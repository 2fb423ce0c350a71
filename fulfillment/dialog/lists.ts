import type { LexV2Result } from 'aws-lambda';
import { ACTIVE_LISTS, SESSION_ATTRIBUTES } from '../../contract';
import { moreAppointments, repeatAppointments } from './appointments';
import { moreItems, repeatThat } from './medications';
import type { Turn } from './turn';

/**
 * "More" and "repeat" are about the list the caller heard last: the `activeList` session attribute,
 * set by each list as it is read. Without it (a call from before appointments existed, or no list
 * yet) they are the medication list's, as they always were.
 */
function inAppointments(turn: Turn): boolean {
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
