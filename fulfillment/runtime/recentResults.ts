/**
 * A pure function of a string, remembered for its most recent inputs (oldest dropped first): for
 * work that every turn of a call repeats on the same input (normalizing the calling number, judging
 * whether it can be texted) and that costs tens of microseconds on the caller's line. The
 * container's memory holds at most `max` results, and only for as long as the container lives.
 *
 * @example
 * const lengthOf = recentResults((text: string) => text.length, 100);
 * lengthOf('abc'); // 3, computed
 * lengthOf('abc'); // 3, remembered
 */
export function recentResults<V>(compute: (key: string) => V, max: number): (key: string) => V {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('recentResults needs a positive integer bound');
  const results = new Map<string, V>();
  return (key) => {
    if (results.has(key)) return results.get(key) as V;
    const value = compute(key);
    if (results.size >= max) results.delete(results.keys().next().value as string);
    results.set(key, value);
    return value;
  };
}
