/** A step into JSON: an object key or an array index. */
export type PathSegment = string | number;

const plainKey = /^[A-Za-z_$][\w$]*$/;

/** `$.students.student[3]['@expansions']`: what a reader can paste into a JSONPath tool or jq-like filter. */
export function jsonPath(path: readonly PathSegment[]): string {
  return '$' + path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : plainKey.test(segment) ? `.${segment}` : `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`)).join('');
}

/** The value at `path` in `value`, or undefined when a step is missing. */
export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}
