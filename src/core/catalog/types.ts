// The schema catalog's plain data: what the tree, search and request templates are built from.
// Everything here is JSON-serialisable, so a host can persist it as it is.

export interface AreaInfo {
  readonly name: string;
  readonly display: string;
  readonly comment?: string;
  readonly subareas: readonly AreaInfo[];
}

export interface TableSummary {
  /** As the server spells it in lists (upper-case on PowerSchool, e.g. `STUDENTS`). */
  readonly name: string;
  readonly comment?: string;
  readonly primaryKey?: string;
}

export interface PowerQueryArg {
  readonly name: string;
  /** array, number, string, date, boolean … as the Swagger schema says. */
  readonly type: string;
  readonly required: boolean;
  readonly description?: string;
}

export interface PowerQueryInfo {
  readonly name: string;
  /** `com.pearson.core.guardian` for `com.pearson.core.guardian.student_guardian_detail`. */
  readonly namespace: string;
  readonly summary?: string;
  readonly description?: string;
  readonly coreTable?: string;
  readonly args: readonly PowerQueryArg[];
  /** Result columns as `table.column`. */
  readonly columns: readonly string[];
}

export interface PowerQueryNamespace {
  readonly name: string;
  readonly queries: readonly PowerQueryInfo[];
}

export interface MetadataEntry {
  readonly key: string;
  /** Scalars as text; nested values as compact JSON. */
  readonly value: string;
}
