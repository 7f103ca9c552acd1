import type { ColumnMetadata, TableMetadata } from './types';

export type PayloadKind = 'students' | 'tables';

/**
 * Which body a text holds, by its top-level key; for text that does not parse, by which of
 * the two keys appears first (so syntax errors still get the right validator).
 */
export function detectPayloadKind(text: string): PayloadKind | undefined {
  try {
    const value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    if ('students' in value) return 'students';
    if ('tables' in value) return 'tables';
    return undefined;
  } catch {
    const students = text.search(/"students"\s*:/);
    const tables = text.search(/"tables"\s*:/);
    if (students >= 0 && (tables < 0 || students < tables)) return 'students';
    return tables >= 0 ? 'tables' : undefined;
  }
}

/** A table as a metadata file may describe it, with the parent of an extension table. */
export interface DescribedTable extends TableMetadata {
  /** Parent table of an extension (e.g. STUDENTS), when the source says. */
  readonly parent?: string;
}

type Loose = Record<string, unknown>;

function columnOf(raw: Loose): ColumnMetadata | undefined {
  if (typeof raw.name !== 'string') return undefined;
  const access = typeof raw.access === 'string' ? raw.access.toLowerCase() : undefined;
  const readOnly = raw.readOnly === true || raw.readonly === true || access === 'viewonly' || access === 'noaccess' || access === 'blacklistnoaccess';
  const length = typeof raw.length === 'number' ? raw.length : undefined;
  return {
    name: raw.name,
    type: typeof raw.type === 'string' ? raw.type : 'unknown',
    ...(length !== undefined ? { length } : {}),
    ...(readOnly ? { readOnly } : {}),
    ...(typeof raw.nullable === 'boolean' ? { nullable: raw.nullable } : {}),
  };
}

function tableOf(raw: unknown): DescribedTable | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const loose = raw as Loose;
  if (typeof loose.name !== 'string' || !Array.isArray(loose.columns)) return undefined;
  const columns = (loose.columns as Loose[]).flatMap((column) => (typeof column === 'object' && column !== null ? [columnOf(column)].filter((c) => c !== undefined) : []));
  const parent = typeof loose.parent === 'string' ? loose.parent : typeof loose.extensionOf === 'string' ? loose.extensionOf : undefined;
  return { name: loose.name, columns, ...(parent ? { parent } : {}) };
}

/**
 * Tables from a metadata file: one table's metadata (GET /ws/schema/table/{t}/metadata,
 * `{name, columns}`), or lists under `tables` / `extension_tables` (as in ps-tables.json
 * and the sandbox catalog). Unreadable entries are skipped.
 */
export function tablesFromMetadataJson(value: unknown): DescribedTable[] {
  const single = tableOf(value);
  if (single) return [single];
  if (typeof value !== 'object' || value === null) return [];
  const loose = value as Loose;
  const lists = [loose.tables, loose.extension_tables].filter(Array.isArray) as unknown[][];
  return lists.flat().map(tableOf).filter((table): table is DescribedTable => table !== undefined);
}
