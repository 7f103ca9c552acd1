/** Deepest nesting of arrays and objects in a parsed JSON value, counted without recursion (so no depth can overflow the stack). */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(item as Record<string, unknown>)) pending.push([child, depth + 1]);
  }
  return deepest;
}
