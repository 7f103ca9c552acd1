/**
 * `compute` with memory of the `limit` most recently asked texts, for a host that asks about the
 * same texts again and again (the editor checks plugins on every edit): a text seen before is not
 * computed again.
 */
export function memoizeByText<T>(compute: (text: string) => T, limit: number): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let result: T;
    if (cache.has(text)) {
      result = cache.get(text)!;
      cache.delete(text);
    } else result = compute(text);
    cache.set(text, result);
    if (cache.size > limit) cache.delete(cache.keys().next().value!);
    return result;
  };
}
