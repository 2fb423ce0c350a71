import { describe, expect, it } from 'vitest';
import { messagePath, safeNext } from '../../../fulfillment/inbox/web/paths';

describe('where a sign-in may return to', () => {
  it('keeps a path of the inbox, with its query', () => {
    // Act / Assess
    expect(safeNext('/messages/note-1?x=1')).toBe('/messages/note-1?x=1');
    expect(safeNext('/')).toBe('/');
  });

  it('goes home instead of to another site, however the address is disguised', () => {
    // Act
    const attempts = ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', '', undefined, `/${'a'.repeat(600)}`, '/a\u0000b', '/a\\b'];
    // Assess
    expect(attempts.map(safeNext)).toEqual(attempts.map(() => '/'));
    // Percent-encoded line breaks stay encoded in the Location header: no header can be injected.
    expect(safeNext('/%0d%0aSet-Cookie:x')).toBe('/%0d%0aSet-Cookie:x');
  });

  it('escapes a note id in a message path', () => {
    // Act / Assess
    expect(messagePath('note-1')).toBe('/messages/note-1');
    expect(messagePath('../x')).toBe('/messages/..%2Fx');
  });
});
