/** Oldest caller age accepted; anything beyond is a mishearing. */
export const MAX_AGE_YEARS = 120;

/** Why a birth date answer was not usable. */
export type BirthDateProblem = 'unreadable' | 'future' | 'tooOld';

/** A birth date answer: `YYYY-MM-DD`, or why it cannot be one. */
export type BirthDateAnswer = { readonly ok: true; readonly isoDate: string } | { readonly ok: false; readonly problem: BirthDateProblem };

/**
 * Reads a birth date from what Lex resolved (`AMAZON.Date` gives `YYYY-MM-DD`) or from keypad input
 * (8 digits, month-day-year, as the prompt asks: Lex passes DTMF through as the raw digits). Only an
 * answer made of digits alone (keys, with spaces, `#` or `*`) is read as keyed; anything else, such as
 * a spoken "1947-03-14", is Lex's reading. The date must exist, not lie in the future and not be more
 * than 120 years ago.
 */
export function readBirthDate(interpreted: string | undefined, original: string | undefined, today: Date): BirthDateAnswer {
  const keyed = /^[\d\s#*]+$/.test(original ?? '') ? (original ?? '').replace(/[\s#*]/g, '') : '';
  let parts: [number, number, number] | undefined;
  if (/^\d{8}$/.test(keyed)) {
    parts = [Number(keyed.slice(4, 8)), Number(keyed.slice(0, 2)), Number(keyed.slice(2, 4))];
  } else if (interpreted && /^\d{4}-\d{2}-\d{2}$/.test(interpreted)) {
    const [year, month, day] = interpreted.split('-').map(Number) as [number, number, number];
    parts = [year, month, day];
  }
  if (!parts) return { ok: false, problem: 'unreadable' };
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, problem: 'unreadable' };
  }
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (date.getTime() > todayUtc) return { ok: false, problem: 'future' };
  if (year < today.getUTCFullYear() - MAX_AGE_YEARS) return { ok: false, problem: 'tooOld' };
  return { ok: true, isoDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
