import { didYouMean } from '../text';
import { columnValueProblem } from './columnValue';
import { appendPointer } from './jsonPointer';
import type { LocatedIssue } from './issue';
import { isObject } from './studentRules';
import { isReadOnlyColumn, type ColumnInfo } from '../schema';

/**
 * A `{"tables":{"<table>":{…}}}` body against the table's metadata: the table named as in
 * the request, unknown columns (with the closest name), read-only columns, types and lengths.
 * With no columns (metadata unknown) only the table name is checked.
 */
export function checkTableRecord(value: unknown, table: string, columns: readonly ColumnInfo[]): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  if (!isObject(value) || !isObject(value.tables)) return issues;
  const names = Object.keys(value.tables);
  for (const name of names) {
    const pointer = appendPointer('/tables', name);
    if (table && name.toLowerCase() !== table.toLowerCase()) {
      issues.push({
        pointer, highlight: 'key', severity: 'error', code: 'table-name-mismatch',
        message: `the body names table '${name}' but the request is for '${table}'`,
      });
    }
    const record = value.tables[name];
    if (!isObject(record) || columns.length === 0) continue;
    const byName = new Map(columns.map((column) => [column.name.toLowerCase(), column] as const));
    for (const [columnName, columnValue] of Object.entries(record)) {
      const columnPointer = appendPointer(pointer, columnName);
      const column = byName.get(columnName.toLowerCase());
      if (!column) {
        issues.push({
          pointer: columnPointer, highlight: 'key', severity: 'error', code: 'unknown-column',
          message: `'${columnName}' is not a column of ${table || name}${didYouMean(columnName, columns.map((known) => known.name.toLowerCase()))}`,
        });
        continue;
      }
      if (isReadOnlyColumn(column)) {
        issues.push({
          pointer: columnPointer, highlight: 'key', severity: 'error', code: 'read-only-column',
          message: `${columnName} is read-only in ${table || name}: PowerSchool does not accept writes to it`,
        });
        continue;
      }
      const problem = columnValueProblem(column, columnValue);
      if (problem) issues.push({ pointer: columnPointer, highlight: 'value', severity: 'error', code: problem.code, message: `${columnName} ${problem.message}` });
    }
  }
  return issues;
}
