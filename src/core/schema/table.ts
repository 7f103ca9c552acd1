// One table's metadata as every part of core speaks of it: the explorer shows it, q completes
// its columns, the payload rules check record bodies against it.

export interface ColumnInfo {
  readonly name: string;
  /** VARCHAR2, NUMBER, FLOAT, DATE, CLOB… as the server spells it (compare case-insensitively). */
  readonly type: string;
  /** Characters for text, digits (precision) for NUMBER; absent when not applicable. */
  readonly length?: number;
  /** Part of the primary key (the parser always says; hand-made columns may leave it out). */
  readonly key?: boolean;
  readonly nullable?: boolean;
  /** NoAccess, BlackListNoAccess, ViewOnly or FullAccess, when the server says (or a metadata file). */
  readonly access?: string;
  readonly comment?: string;
}

export interface TableMetadata {
  readonly name: string;
  readonly comment?: string;
  readonly primaryKey?: string;
  readonly schemaType?: string;
  readonly coreTable?: boolean;
  readonly access?: string;
  /** The table an extension table extends (e.g. STUDENTS), when the source says. */
  readonly parent?: string;
  readonly actions: readonly string[];
  /** PowerQueries whose core table this is. */
  readonly queries: readonly string[];
  readonly columns: readonly ColumnInfo[];
  /** The response as it came, for "Open Metadata". */
  readonly raw: unknown;
}

const readOnlyAccess = new Set(['noaccess', 'blacklistnoaccess', 'viewonly']);

/**
 * Whether PowerSchool refuses writes to the column. The documented `access` expansion is the one
 * source: anything short of FullAccess is read-only; no access given means writable.
 */
export function isReadOnlyColumn(column: Pick<ColumnInfo, 'access'>): boolean {
  return column.access !== undefined && readOnlyAccess.has(column.access.toLowerCase());
}
