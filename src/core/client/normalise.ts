// Helpers for PowerSchool's documented response quirks. They are applied where a caller asks for
// them (paging, the tree), never silently to a raw response the user wants to see as it came.

/** One record comes back as an object, several as an array, none as "" or absent. */
export function asArray<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? (value as T[]) : [value as T];
}

/**
 * The records of a list response: `{"record":[…]}` (schema tables, PowerQueries) or the v1 wrapper
 * `{"students":{"student":…}}` / `{"schools":{"school":…}}`, whatever the resource is called. An
 * empty PowerQuery answer is `{"@extensions":""}` with no `record` (real-server-behaviour.md).
 */
export function recordsOf(body: unknown): unknown[] {
  const path = recordListPath(body);
  return path ? asArray(path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], body)) : [];
}

/**
 * Where `recordsOf` finds the records: `[]` for an array body, `['record']`, `['students', 'student']`;
 * undefined when the body is no list. The path may end at one record given as an object, or at "".
 */
export function recordListPath(body: unknown): string[] | undefined {
  if (!body || typeof body !== 'object') return undefined;
  if (Array.isArray(body)) return [];
  const record = body as Record<string, unknown>;
  if ('record' in record) return ['record'];
  // An empty PowerQuery answer has no `record`, only `@extensions` and maybe `count`/`$dataversion`.
  const listKeys = Object.keys(record).filter((key) => !key.startsWith('@') && !key.startsWith('$') && key !== 'name' && key !== 'count');
  if (listKeys.length !== 1) return undefined;
  const wrapper = record[listKeys[0]];
  if (wrapper === '' || wrapper === null) return undefined;
  if (!wrapper || typeof wrapper !== 'object' || Array.isArray(wrapper)) return [listKeys[0]];
  const inner = Object.keys(wrapper).filter((key) => !key.startsWith('@'));
  return inner.length === 1 ? [listKeys[0], inner[0]] : undefined;
}

/**
 * The column values of a schema-table or PowerQuery record `{"id":1,"tables":{"students":{…}}}`,
 * keyed `table.column` so columns of joined tables cannot collide. A flattened PowerQuery record
 * (columns at the top) comes back as it is.
 */
export function flattenRecord(record: unknown): Record<string, unknown> {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return {};
  const { tables } = record as { tables?: unknown };
  if (!tables || typeof tables !== 'object' || Array.isArray(tables)) return { ...(record as Record<string, unknown>) };
  const flat: Record<string, unknown> = {};
  for (const [table, columns] of Object.entries(tables as Record<string, unknown>)) {
    if (!columns || typeof columns !== 'object') continue;
    for (const [column, value] of Object.entries(columns as Record<string, unknown>)) flat[`${table}.${column}`] = value;
  }
  return flat;
}
