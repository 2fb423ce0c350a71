import { UnsatisfiableRangeError } from '../errors';
import type { RecordingRange } from './types';

/**
 * The inclusive `[start, end]` of `range` in a recording of `totalBytes` (the whole recording without
 * a range; an end past the last byte is cut to it), as HTTP byte ranges are served (RFC 9110 14.1.2).
 *
 * @example
 * byteSpan(1000, { start: 900, end: 5000 }); // { start: 900, end: 999 }
 * @throws RangeError for a range that is not whole non-negative numbers with end >= start.
 * @throws UnsatisfiableRangeError when the range starts at or past the end (or the recording is empty).
 */
export function byteSpan(totalBytes: number, range: RecordingRange | undefined): { readonly start: number; readonly end: number } {
  checkRange(range);
  const start = range?.start ?? 0;
  if (start >= totalBytes) throw new UnsatisfiableRangeError(totalBytes);
  return { start, end: Math.min(range?.end ?? totalBytes - 1, totalBytes - 1) };
}

/**
 * Checks a range's numbers before anything is read.
 *
 * @throws RangeError for a range that is not whole non-negative numbers with end >= start.
 */
export function checkRange(range: RecordingRange | undefined): void {
  if (range === undefined) return;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && (!Number.isSafeInteger(end) || end < start))) {
    throw new RangeError('A byte range must be whole numbers, start >= 0 and end >= start');
  }
}
