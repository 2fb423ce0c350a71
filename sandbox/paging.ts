import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import { HttpError } from './http';

/** Largest page a client may ask for with `_count`. */
export const MAX_PAGE_SIZE = 50;

/**
 * Query parameter carrying the page cursor in `next` links. Like Epic's, the cursor is opaque: a
 * client must follow the link as given, never build one.
 */
export const PAGE_PARAM = '_getpages';

/** Parameters that steer paging or formatting rather than select resources. */
export const CONTROL_PARAMS = new Set(['_count', PAGE_PARAM, '_format']);

/** One page of one search: the selecting parameters, where the page starts and its size. */
export interface PageRequest {
  readonly query: URLSearchParams;
  readonly offset: number;
  readonly count: number;
}

interface Cursor {
  t: string;
  q: string;
  o: number;
  c: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(type: string, token: string): PageRequest {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
    const { t, q, o, c } = cursor;
    if (t === type && typeof q === 'string' && Number.isInteger(o) && Number.isInteger(c) && (o as number) >= 0 && (c as number) > 0) {
      return { query: new URLSearchParams(q), offset: o as number, count: Math.min(c as number, MAX_PAGE_SIZE) };
    }
  } catch {
    // fall through to the 400 below
  }
  throw new HttpError(400, 'invalid', `${PAGE_PARAM} is not a valid page cursor for ${type}`);
}

/** The page a search request asks for: a cursor from a `next` link, or the first page of a fresh query. */
export function resolvePage(type: string, params: URLSearchParams, defaultCount: number): PageRequest {
  const cursor = params.get(PAGE_PARAM);
  if (cursor !== null) return decodeCursor(type, cursor);
  const query = new URLSearchParams();
  for (const [name, value] of params) if (!CONTROL_PARAMS.has(name)) query.append(name, value);
  const rawCount = params.get('_count');
  let count = defaultCount;
  if (rawCount !== null) {
    if (!/^\d+$/.test(rawCount.trim())) throw new HttpError(400, 'invalid', '_count must be a non-negative integer');
    count = Number(rawCount);
  }
  return { query, offset: 0, count: Math.min(count, MAX_PAGE_SIZE) };
}

/** Everything {@link buildSearchset} needs. */
export interface SearchsetInput {
  /** FHIR base URL of the release being served. */
  readonly base: string;
  readonly type: string;
  /** The absolute URL of the request, for the `self` link. */
  readonly selfUrl: string;
  readonly page: PageRequest;
  readonly matches: readonly Resource[];
  /** Resources `_include` adds for the matches of this page (deduplicated here). */
  readonly includes?: (pageMatches: readonly Resource[]) => readonly Resource[];
}

/** A searchset Bundle for one page: `total` counts matches only; includes ride with their page. */
export function buildSearchset(input: SearchsetInput): Bundle {
  const { base, type, page, matches } = input;
  const pageMatches = page.count === 0 ? [] : matches.slice(page.offset, page.offset + page.count);
  const entry = (resource: Resource, mode: 'match' | 'include'): BundleEntry => ({
    fullUrl: `${base}/${resource.resourceType}/${resource.id ?? ''}`,
    resource,
    search: { mode },
  });
  const entries = pageMatches.map((resource) => entry(resource, 'match'));
  const seen = new Set<string>();
  for (const included of input.includes?.(pageMatches) ?? []) {
    const key = `${included.resourceType}/${included.id ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry(included, 'include'));
  }
  const link: BundleLink[] = [{ relation: 'self', url: input.selfUrl }];
  const nextOffset = page.offset + page.count;
  if (page.count > 0 && nextOffset < matches.length) {
    const cursor = encodeCursor({ t: type, q: page.query.toString(), o: nextOffset, c: page.count });
    link.push({ relation: 'next', url: `${base}/${type}?${PAGE_PARAM}=${cursor}` });
  }
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    type: 'searchset',
    total: matches.length,
    link,
    ...(entries.length > 0 ? { entry: entries } : {}),
  };
}
