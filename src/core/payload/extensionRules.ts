import { didYouMean } from '../text';
import { columnValueProblem } from './columnValue';
import { appendPointer } from './jsonPointer';
import type { LocatedIssue } from './issue';
import { isObject } from './studentRules';
import { isReadOnlyColumn, type ColumnInfo } from '../schema';
import type { ExtensionCatalog } from './types';

/** Catalog lookups by lower-case name, built once per catalog object. */
export interface CatalogIndex {
  readonly tables: ReadonlyMap<string, { readonly name: string; readonly columns: ReadonlyMap<string, ColumnInfo> }>;
}

export function indexCatalog(catalog: ExtensionCatalog): CatalogIndex {
  const tables = new Map<string, { name: string; columns: Map<string, ColumnInfo> }>();
  for (const table of catalog.tables) {
    const columns = new Map<string, ColumnInfo>();
    for (const column of table.columns) columns.set(column.name.toLowerCase(), column);
    tables.set(table.name.toLowerCase(), { name: table.name, columns });
  }
  return { tables };
}

const asList = (value: unknown): { item: unknown; index: number | undefined }[] =>
  Array.isArray(value) ? value.map((item, index) => ({ item, index })) : value === undefined ? [] : [{ item: value, index: undefined }];

/**
 * `_extension_data`: repeated table or field names always; with a catalog, unknown tables,
 * unknown or read-only fields and values that do not fit the column.
 */
export function checkExtensionData(record: Record<string, unknown>, recordPointer: string, catalog: CatalogIndex | undefined): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const data = record._extension_data;
  if (!isObject(data)) return issues;
  const base = appendPointer(recordPointer, '_extension_data', '_table_extension');
  const seenTables = new Set<string>();
  for (const { item: extension, index } of asList(data._table_extension)) {
    if (!isObject(extension)) continue;
    const tablePointer = index === undefined ? base : appendPointer(base, index);
    const tableName = typeof extension.name === 'string' ? extension.name : undefined;
    if (tableName === undefined) continue;
    const label = `_extension_data table '${tableName}'`;
    if (seenTables.has(tableName.toLowerCase())) {
      issues.push({ pointer: appendPointer(tablePointer, 'name'), highlight: 'value', severity: 'warning', code: 'duplicate-extension-table', message: `${label} appears twice in one record; give each table once` });
    }
    seenTables.add(tableName.toLowerCase());
    const table = catalog?.tables.get(tableName.toLowerCase());
    if (catalog && !table) {
      issues.push({
        pointer: appendPointer(tablePointer, 'name'), highlight: 'value', severity: 'error', code: 'unknown-extension-table',
        message: `${label} is not an extension table on this server${didYouMean(tableName, [...catalog.tables.values()].map((known) => known.name.toLowerCase()))}`,
        ps: { code: 'FIELD_VALIDATION_ERROR', field: '_extension_data/_table_extension/name', message: `Unknown extension table ${tableName}` },
      });
    }
    const seenFields = new Set<string>();
    const fieldsBase = appendPointer(tablePointer, '_field');
    for (const { item: field, index: fieldIndex } of asList(extension._field)) {
      if (!isObject(field) || typeof field.name !== 'string') continue;
      const fieldPointer = fieldIndex === undefined ? fieldsBase : appendPointer(fieldsBase, fieldIndex);
      const fieldName = field.name;
      const fieldLabel = `${tableName}.${fieldName}`;
      if (seenFields.has(fieldName.toLowerCase())) {
        issues.push({ pointer: appendPointer(fieldPointer, 'name'), highlight: 'value', severity: 'warning', code: 'duplicate-extension-field', message: `extension field ${fieldLabel} appears twice; PowerSchool keeps only one value` });
      }
      seenFields.add(fieldName.toLowerCase());
      if (!table) continue;
      const column = table.columns.get(fieldName.toLowerCase());
      const psField = `_extension_data/${tableName}/${fieldName}`;
      if (!column) {
        issues.push({
          pointer: appendPointer(fieldPointer, 'name'), highlight: 'value', severity: 'error', code: 'unknown-extension-field',
          message: `extension field '${fieldName}' is not a column of ${table.name}${didYouMean(fieldName, [...table.columns.values()].map((known) => known.name.toLowerCase()))}`,
          ps: { code: 'FIELD_VALIDATION_ERROR', field: psField, message: `Unknown field ${fieldName}` },
        });
        continue;
      }
      if (isReadOnlyColumn(column)) {
        issues.push({
          pointer: appendPointer(fieldPointer, 'name'), highlight: 'value', severity: 'error', code: 'read-only-column',
          message: `extension field ${fieldLabel} is read-only`,
          ps: { code: 'FIELD_VALIDATION_ERROR', field: psField, message: 'Field is read-only' },
        });
        continue;
      }
      if (!('value' in field)) continue;
      const problem = columnValueProblem(column, field.value);
      if (problem) {
        issues.push({
          pointer: appendPointer(fieldPointer, 'value'), highlight: 'value', severity: 'error', code: problem.code,
          message: `extension field ${fieldLabel} ${problem.message}`,
          ps: { code: 'FIELD_VALIDATION_ERROR', field: psField, message: problem.message },
        });
      }
    }
  }
  return issues;
}
