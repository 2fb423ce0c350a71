import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { recentResults } from '../runtime/recentResults';
import { InvalidPhoneNumberError } from './errors';

/** A phone number in E.164 form, e.g. `+16085550142`. */
export type E164 = string & { readonly __brand: 'E164' };

/**
 * Normalizes a written or presented phone number to E.164, or `undefined` when it cannot be one
 * (withheld numbers arrive as `anonymous`, empty, or too short). National numbers take `defaultRegion`.
 * Extensions are dropped: a caller's line never has one, and a chart's `ext. 3` is the same line.
 */
export function toE164(text: string | undefined, defaultRegion: CountryCode): E164 | undefined {
  if (!text) return undefined;
  return normalizedIn(defaultRegion)(text) ?? undefined;
}

// Every turn of a call normalizes the same calling number (the lockout key, the text offer), and
// parsing with the full metadata costs tens of microseconds a time: recent results are kept, per region.
const normalizers = new Map<CountryCode, (text: string) => E164 | null>();
const RECENT_NUMBERS = 1000;

function normalizedIn(region: CountryCode): (text: string) => E164 | null {
  let normalize = normalizers.get(region);
  if (!normalize) {
    normalize = recentResults((text) => {
      const parsed = parsePhoneNumberFromString(text, region);
      return parsed?.isPossible() ? (parsed.number as E164) : null;
    }, RECENT_NUMBERS);
    normalizers.set(region, normalize);
  }
  return normalize;
}

/** Like {@link toE164} but throws {@link InvalidPhoneNumberError} (without the number) when it fails. */
export function requireE164(text: string | undefined, defaultRegion: CountryCode): E164 {
  const number = toE164(text, defaultRegion);
  if (!number) throw new InvalidPhoneNumberError('the calling number is missing, withheld or not a phone number');
  return number;
}

/** The national significant number (`6085550142` for `+16085550142`), the form Epic's phone search takes. */
export function nationalDigits(number: E164): string {
  return parsePhoneNumberFromString(number)?.nationalNumber ?? number.replace(/\D/g, '');
}
