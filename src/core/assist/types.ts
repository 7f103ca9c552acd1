// Shapes of editor assistance for whole .psreq documents. Every position is a 0-based,
// end-exclusive UTF-16 offset into the document text; hosts turn them into editor ranges.

import type { ColumnInfo } from '../schema';

export interface LiveTable {
  name: string;
  description?: string;
}

export interface LivePowerQueryArgument {
  name: string;
  type?: string;
  required?: boolean;
  description?: string;
}

export interface LivePowerQuery {
  name: string;
  description?: string;
  /** Returned columns as `table.column` (what `$q` and `projection` name). */
  columns: readonly string[];
  args: readonly LivePowerQueryArgument[];
}

/**
 * What the connected server knows, fed by the host (the extension's catalog, a test double).
 * Every method may answer `undefined` ("not known"), and the built-in catalogs still serve.
 * Hosts cache: these are called on every keystroke that needs them.
 */
export interface LiveCatalog {
  tables(): Promise<readonly LiveTable[] | undefined>;
  columns(table: string): Promise<readonly ColumnInfo[] | undefined>;
  powerQueries(): Promise<readonly LivePowerQuery[] | undefined>;
  /** A `/ws/v1/metadata` value such as `student_max_page_size`. */
  maxPageSize?(key: string): Promise<number | undefined>;
}

export type AssistSeverity = 'error' | 'warning' | 'info';

export interface AssistFix {
  title: string;
  start: number;
  end: number;
  newText: string;
}

export interface AssistDiagnostic {
  start: number;
  end: number;
  severity: AssistSeverity;
  /** Stable identifier: the q codes (`unknown-field`, …) and `unknown-parameter`, `unknown-expansion`, … */
  code: string;
  message: string;
  /** Edits that certainly fix it, offered as quick fixes. */
  fixes?: AssistFix[];
}

export type AssistCompletionKind =
  | 'path'
  | 'table'
  | 'query'
  | 'parameter'
  | 'field'
  | 'operator'
  | 'value'
  | 'snippet'
  | 'expansion'
  | 'extension'
  | 'column'
  | 'argument';

export interface AssistCompletion {
  label: string;
  kind: AssistCompletionKind;
  /** Snippet syntax (`${1:YYYY}`) only when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  detail: string;
  /** Markdown. */
  documentation: string;
  /** The document text the item replaces. */
  start: number;
  end: number;
  sortText?: string;
  /** Ask the editor for completions again after inserting (e.g. after `q=`). */
  retrigger?: boolean;
}

export interface AssistHover {
  start: number;
  end: number;
  markdown: string;
}
