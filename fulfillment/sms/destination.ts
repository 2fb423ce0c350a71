import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js';
import { toE164, type E164 } from '../epic/phone';
import { recentResults } from '../runtime/recentResults';

/**
 * Regions a text may go to: the United States and its territories that share its numbering plan
 * (+1). Canada and the Caribbean nations share +1 too, but are other countries: not texted.
 */
export const TEXTABLE_REGIONS: ReadonlySet<CountryCode> = new Set<CountryCode>(['US', 'PR', 'VI', 'GU', 'AS', 'MP']);

/** Number types that reach a person's phone; premium-rate, toll-free, shared-cost and the like do not. */
const PERSONAL_TYPES: ReadonlySet<NumberType | undefined> = new Set<NumberType | undefined>([undefined, 'MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE', 'VOIP']);

/** Why a calling number is not texted: withheld or no number at all, or not a personal US number. */
export type NotTextable = 'withheld' | 'notUs';

/** The number a text may go to, or why none. */
export type Destination = { readonly ok: true; readonly to: E164 } | { readonly ok: false; readonly reason: NotTextable };

/**
 * Where a text to the caller may go: only the calling number (the flow's `callerNumber`), only when
 * it is a valid US number that reaches a person (no premium-rate, toll-free or short code: a short
 * code is no E.164 number at all). Withheld numbers (`anonymous`, empty) are never texted.
 *
 * @example
 * textDestination('+16085550142', 'US'); // { ok: true, to: '+16085550142' }
 * textDestination('anonymous', 'US'); // { ok: false, reason: 'withheld' }
 * textDestination('+442071234567', 'US'); // { ok: false, reason: 'notUs' }
 */
export function textDestination(callerNumber: string | undefined, region: CountryCode): Destination {
  const to = toE164(callerNumber, region);
  if (!to) return { ok: false, reason: 'withheld' };
  return reachesUsPerson(to) ? { ok: true, to } : { ok: false, reason: 'notUs' };
}

/**
 * Whether an E.164 number is a valid US number that reaches a person. Judged with the full metadata
 * (tens of microseconds), and every appointments turn asks it of the same calling number: recent
 * answers are kept.
 */
const reachesUsPerson = recentResults((to: string): boolean => {
  const parsed = parsePhoneNumberFromString(to);
  if (!parsed?.isValid() || parsed.countryCallingCode !== '1') return false;
  return parsed.country !== undefined && TEXTABLE_REGIONS.has(parsed.country) && PERSONAL_TYPES.has(parsed.getType());
}, 1000);

/**
 * The last four digits of a number, the only part of it that is ever said or printed.
 *
 * @example
 * lastFour('+16085550142' as E164); // '0142'
 */
export function lastFour(number: E164): string {
  return number.replace(/\D/g, '').slice(-4);
}
