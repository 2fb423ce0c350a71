import { describe, expect, it } from 'vitest';
import { recentResults } from '../../fulfillment/runtime/recentResults';

describe('recentResults', () => {
  it('computes a result once and gives the same one for the same input', () => {
    // Prepare
    const inputs: string[] = [];
    const lengthOf = recentResults((text) => {
      inputs.push(text);
      return { length: text.length };
    }, 10);

    // Act
    const first = lengthOf('abc');
    const second = lengthOf('abc');

    // Assess
    expect(second).toBe(first);
    expect(inputs).toEqual(['abc']);
  });

  it('remembers an undefined or null result as a result', () => {
    // Prepare
    let calls = 0;
    const nothing = recentResults(() => {
      calls += 1;
      return undefined;
    }, 10);

    // Act
    nothing('x');
    nothing('x');

    // Assess
    expect(calls).toBe(1);
  });

  it('keeps at most its bound, dropping the oldest input first', () => {
    // Prepare
    const inputs: string[] = [];
    const upper = recentResults((text) => {
      inputs.push(text);
      return text.toUpperCase();
    }, 2);

    // Act: a, b fill it; c drops a; b is still remembered; a is computed again.
    for (const text of ['a', 'b', 'c', 'b', 'a']) upper(text);

    // Assess
    expect(inputs).toEqual(['a', 'b', 'c', 'a']);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a bound of %s', (bound) => {
    expect(() => recentResults((text) => text, bound)).toThrow(RangeError);
  });
});
