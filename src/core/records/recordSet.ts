import { asArray, recordListPath } from '../client';
import { valueAt, type PathSegment } from './jsonPath';

/** The records of a response and where they sit in its body. */
export interface RecordSet {
  readonly path: readonly PathSegment[];
  readonly records: readonly Record<string, unknown>[];
  /** The JSON path of record `index` (no index when PowerSchool sent one record as an object). */
  pathOf(index: number): PathSegment[];
}

/** How deep the search for "any array of objects" looks when the body is no PowerSchool list. */
const searchDepth = 3;

/**
 * The records a table can show: a PowerSchool list (`recordListPath`: v1 lists, schema tables,
 * PowerQueries) or else the first array of objects within a few levels of the top. Undefined
 * when there is none, or its items are not objects.
 */
export function recordSetOf(body: unknown): RecordSet | undefined {
  const known = recordListPath(body);
  const path = known && isRecordList(asArray(valueAt(body, known))) ? known : firstArrayOfObjects(body);
  if (!path) return undefined;
  const found = valueAt(body, path);
  const records = asArray<Record<string, unknown>>(found);
  if (!isRecordList(records)) return undefined;
  const single = !Array.isArray(found);
  return { path, records, pathOf: (index) => (single ? [...path] : [...path, index]) };
}

function isRecordList(items: readonly unknown[]): boolean {
  return items.length > 0 && items.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item));
}

/** Breadth first, so the outermost list wins over one nested in a record. */
function firstArrayOfObjects(body: unknown): PathSegment[] | undefined {
  let level: { value: unknown; path: PathSegment[] }[] = [{ value: body, path: [] }];
  for (let depth = 0; depth <= searchDepth && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { value, path } of level) {
      if (Array.isArray(value)) {
        if (isRecordList(value)) return path;
        continue;
      }
      if (value === null || typeof value !== 'object') continue;
      for (const [key, child] of Object.entries(value)) next.push({ value: child, path: [...path, key] });
    }
    level = next;
  }
  return undefined;
}
