import { CATALOGS, dateTimeFormat } from '../../prompts';
import type { LocaleId } from '../../contract';

/** What a text may say: one of a closed set, never clinical content. */
export type TextContent =
  /** An appointment: its date and time (said in the clinic's time zone) and the street address. */
  | { readonly kind: 'appointment'; readonly startsAt: string; readonly addressLine?: string }
  /** A request (a refill) reached the care team. */
  | { readonly kind: 'requestReceived' };

/** What the clinic's texts say about the clinic itself (config `CLINIC_*`). */
export interface ClinicDetails {
  /** IANA time zone appointments are said in (config `CLINIC_TIME_ZONE`). */
  readonly timeZone: string;
  /** Street address for appointment texts when the appointment gives none (config `CLINIC_STREET_ADDRESS`). */
  readonly streetAddress?: string;
  /** Who the text is from (config `CLINIC_NAME`). @default the catalog's "Your clinic" */
  readonly name?: string;
}

/** Longest street address put in a text: one line, so the whole text stays in few SMS parts. */
export const MAX_ADDRESS_LENGTH = 120;

/**
 * The words of a text, in the caller's locale (the call's: the locale the caller heard), from the
 * catalog's templates only: an appointment's date, time and street
 * address (never department, provider, specialty or reason: "Oncology" is clinical), or "your request
 * was received"; the sender's name first and the opt-out instruction last. `addressLine` comes from the
 * appointment when the caller heard one, else the clinic's configured address; none, and the text gives
 * date and time only.
 *
 * @throws RangeError when an appointment's `startsAt` is not a date
 * @example
 * textBody({ kind: 'requestReceived' }, { timeZone: 'America/Chicago', name: 'Lakeside Clinic' }, 'en_US');
 * // 'Lakeside Clinic: your request was received. Reply STOP to opt out.'
 */
export function textBody(content: TextContent, clinic: ClinicDetails, locale: LocaleId): string {
  const words = CATALOGS[locale].texts;
  const sender = oneLine(clinic.name ?? '') || words.defaultSender;
  if (content.kind === 'requestReceived') return `${words.requestReceived(sender)} ${words.optOut}`;
  const at = new Date(content.startsAt);
  if (Number.isNaN(at.getTime())) throw new RangeError('An appointment text needs a start time');
  const date = dateTimeFormat(locale, clinic.timeZone, 'textDate').format(at);
  const time = dateTimeFormat(locale, clinic.timeZone, 'textTime').format(at);
  const address = oneLine(content.addressLine ?? '') || oneLine(clinic.streetAddress ?? '');
  return `${words.appointment({ sender, date, time, address: address.slice(0, MAX_ADDRESS_LENGTH) || undefined })} ${words.optOut}`;
}

/** Text on one line: control characters and runs of white space become one space. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
}
