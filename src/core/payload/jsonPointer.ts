/** RFC 6901 JSON pointers: the address every finding carries. */
export type PathSegment = string | number;

function escapeSegment(segment: PathSegment): string {
  const text = String(segment);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

export function toPointer(path: readonly PathSegment[]): string {
  let pointer = '';
  for (const segment of path) pointer += '/' + escapeSegment(segment);
  return pointer;
}

export function appendPointer(pointer: string, ...segments: PathSegment[]): string {
  return pointer + toPointer(segments);
}

/** Segments of a pointer, unescaped; array indices stay strings (the locator matches both). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => (segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment));
}
