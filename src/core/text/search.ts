/**
 * The last index `i` in `[0, count)` whose `keyAt(i)` is at or before `target`, or -1 when none is;
 * keys must not decrease with the index. A binary search: offsets of lines, blocks, requests, characters.
 */
export function lastIndexAtOrBefore(count: number, keyAt: (index: number) => number, target: number): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (keyAt(middle) <= target) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
