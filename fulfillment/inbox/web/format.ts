/** Formatters by time zone: building one is costly and the list formats fifty times a page. */
const receivedFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the clinic reads it, in its time zone, e.g. "Dec 4, 2026, 9:15 AM CST".
 *
 * @example
 * formatReceived('2026-12-04T15:15:00Z', 'America/Chicago'); // 'Dec 4, 2026, 9:15 AM CST'
 */
export function formatReceived(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'unknown time';
  let format = receivedFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    receivedFormats.set(timeZone, format);
  }
  return format.format(at);
}

const birthDateFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });

/**
 * A calendar date (FHIR `date`, `YYYY-MM-DD`) as words, with no time zone shift: "Mar 14, 1948".
 *
 * @example
 * formatDate('1948-03-14'); // 'Mar 14, 1948'
 */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return birthDateFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}
