/**
 * Session attributes within what Lex accepts back. Lex replaces the session's attributes with the map
 * a code hook returns, so the handler returns the whole map, including what the flow or another bot
 * put there; an oversized value from elsewhere must not make Lex refuse the handler's answer.
 */
import { SESSION_ATTRIBUTES } from '../../contract';
import { logger } from '../runtime/logger';

/**
 * Bytes of session attributes a code hook response may carry: "The maximum output size [of a Lambda
 * function] is 25 KB, of which 12 KB can be session attributes" (Amazon Lex developer guide, Quotas,
 * https://docs.aws.amazon.com/lex/latest/dg/gl-limits.html). That figure is from the Lex V1 guide;
 * Lex V2 carries the same session state in a 12 KB-bounded header, and the project uses it for V2
 * too (see `fulfillment/session/sessionToken.ts`, "Size budget").
 */
export const MAX_SESSION_ATTRIBUTES_BYTES = 12 * 1024;

/** Bytes of a whole code hook response (same source as {@link MAX_SESSION_ATTRIBUTES_BYTES}). */
export const MAX_RESPONSE_BYTES = 25 * 1024;

/** The attributes the handler owns (contract/session.ts): never dropped, whatever their size. */
const OWNED: ReadonlySet<string> = new Set(Object.values(SESSION_ATTRIBUTES));

/** Bytes one attribute takes in the response's JSON: name, value, quotes, colon and comma. */
function entryBytes(name: string, value: string): number {
  return Buffer.byteLength(JSON.stringify(name)) + Buffer.byteLength(JSON.stringify(value)) + 2;
}

/**
 * Bytes the handler's own attributes take in a response's JSON, leaving out those named in `except`:
 * what a value about to be set must share {@link MAX_SESSION_ATTRIBUTES_BYTES} with (attributes the
 * handler does not own would be dropped first).
 */
export function ownedAttributesBytes(attributes: Record<string, string>, except: readonly string[]): number {
  let total = 2;
  for (const [name, value] of Object.entries(attributes)) if (OWNED.has(name) && !except.includes(name)) total += entryBytes(name, value);
  return total;
}

/**
 * `attributes` within {@link MAX_SESSION_ATTRIBUTES_BYTES} and within what the rest of the response
 * (`restBytes`, its JSON without attributes) leaves of {@link MAX_RESPONSE_BYTES}: attributes the
 * handler does not own are dropped, largest first, until the rest fits, and the drop is logged by
 * attribute name (values can hold anything, so they are never logged).
 */
export function withinLexLimits(attributes: Record<string, string>, restBytes: number, sessionId?: string): Record<string, string> {
  const budget = Math.min(MAX_SESSION_ATTRIBUTES_BYTES, MAX_RESPONSE_BYTES - restBytes);
  const sizes = Object.entries(attributes).map(([name, value]) => [name, entryBytes(name, value)] as const);
  let total = sizes.reduce((sum, [, bytes]) => sum + bytes, 2);
  if (total <= budget) return attributes;
  const kept = { ...attributes };
  const dropped: string[] = [];
  for (const [name, bytes] of sizes.filter(([name]) => !OWNED.has(name)).sort((a, b) => b[1] - a[1])) {
    if (total <= budget) break;
    delete kept[name];
    dropped.push(name);
    total -= bytes;
  }
  logger.warn('session attributes over what Lex accepts: dropped', { event: 'lex.attributesDropped', ...(sessionId ? { sessionId } : {}), dropped, bytes: total, budget });
  return kept;
}
