import { InvalidReviewCommentError } from './errors';
import { MAX_REVIEW_COMMENT } from './ports';

/** Control characters a comment may not keep: C0 and C1 except tab and line feed, and DEL. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * A review comment as stored: plain text (never markup: the page escapes it), line breaks as `\n`,
 * control characters dropped, trimmed; `undefined` when nothing is left.
 *
 * @example
 * reviewComment('  Called back.\r\nAll fine.  '); // 'Called back.\nAll fine.'
 * @throws InvalidReviewCommentError when longer than {@link MAX_REVIEW_COMMENT} characters after trimming.
 */
export function reviewComment(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
  if (text.length === 0) return undefined;
  if ([...text].length > MAX_REVIEW_COMMENT) throw new InvalidReviewCommentError(`A review comment holds at most ${MAX_REVIEW_COMMENT} characters`);
  return text;
}
