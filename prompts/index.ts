/**
 * Every word a caller hears, one catalog per locale. `bots/` reads the prompts Lex plays itself;
 * the dialog (`fulfillment/dialog/phrases.ts`) reads what the code hook says, in the turn's locale.
 * A new locale is one more file exporting a {@link PromptCatalog}, one more row of {@link CATALOGS}
 * and one more id in `LOCALE_IDS` (`contract/bots.ts`).
 */

import { isLocaleId, LOCALE_ID, type LocaleId } from '../contract';
import { EN_US } from './en_US';
import { ES_US } from './es_US';
import type { PromptCatalog } from './types';

export type * from './types';
export { isKeyed, key, keyed, plainText } from './keyed';
export { EN_US } from './en_US';
export { ES_US } from './es_US';

/**
 * The catalog of each locale the bots are built in, by Lex locale id.
 *
 * @example
 * CATALOGS[LOCALE_ID].menu.goodbye; // 'Thank you for calling. Take care. Goodbye.'
 */
export const CATALOGS: Readonly<Record<LocaleId, PromptCatalog>> = {
  en_US: EN_US,
  es_US: ES_US,
};

/**
 * The catalog of a Lex locale id; an id with no catalog gets the default locale's
 * (`LOCALE_ID`), so a caller always hears words rather than nothing.
 *
 * @example
 * catalogFor('en_US') === EN_US; // true
 * catalogFor('fr_CA') === EN_US; // true: no French catalog, the default's
 */
export function catalogFor(localeId: string): PromptCatalog {
  return isLocaleId(localeId) ? CATALOGS[localeId] : CATALOGS[LOCALE_ID];
}

/**
 * The BCP 47 tag of a locale, for `Intl` date and time formatting (`en_US` → `en-US`, `es_US` → `es-US`).
 *
 * @example
 * intlLocale('en_US'); // 'en-US'
 */
export function intlLocale(localeId: LocaleId): string {
  return localeId.replace('_', '-');
}

/** The date and time styles the bot speaks and texts. */
const DATE_TIME_STYLES = {
  /** "Tuesday, March 10" */
  spokenDate: { weekday: 'long', month: 'long', day: 'numeric' },
  /** "2:30 PM" */
  spokenTime: { hour: 'numeric', minute: '2-digit' },
  /** "Tuesday, March 10, 2026" */
  textDate: { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' },
  /** "2:30 PM CDT" */
  textTime: { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** A style `dateTimeFormat` builds: spoken date and time, texted date and time. */
export type DateTimeStyle = keyof typeof DATE_TIME_STYLES;

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter of one style in a locale and time zone, built on first use and kept: building one
 * costs about 0.4 ms (several on a container's first), using it a few microseconds, and a container
 * serves one clinic's zone in a few locales.
 *
 * @throws {RangeError} when `timeZone` is not an IANA time zone
 * @example
 * dateTimeFormat('es_US', 'America/Chicago', 'spokenDate').format(new Date('2026-03-10T19:30:00Z')); // 'martes, 10 de marzo'
 */
export function dateTimeFormat(localeId: LocaleId, timeZone: string, style: DateTimeStyle): Intl.DateTimeFormat {
  const key = `${localeId} ${timeZone} ${style}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(localeId), { timeZone, ...DATE_TIME_STYLES[style] });
    dateTimeFormats.set(key, format);
  }
  return format;
}
