import { GRADE_LEVEL_VALUES, STATUS_CODE_VALUES, type ColumnInfo } from '../../schema';
import type { QFieldType } from '../evaluate';
import type { AllowedValue, CatalogField, FieldCatalog } from './types';

// Builds catalogs from live metadata: `/ws/schema/table/{t}/metadata` columns for `?q=` on a
// table, and PowerQuery columns (`students.last_name`) for `$q`. Hosts pass what they fetched.

/** The q comparison type of an Oracle column type (unknown types compare as text). */
export function qTypeOfColumn(type: string | undefined): QFieldType {
  const upper = (type ?? '').toUpperCase();
  if (upper.startsWith('NUMBER') || upper === 'FLOAT' || upper === 'INTEGER' || upper === 'LONG' || upper === 'DOUBLE') return 'number';
  if (upper.startsWith('DATE') || upper.startsWith('TIMESTAMP')) return 'date';
  if (upper === 'BOOLEAN') return 'boolean';
  return 'string';
}

/** Values worth offering for well-known columns (lower-case `table.column`); all open sets. */
const KNOWN_VALUES: Readonly<Record<string, readonly AllowedValue[]>> = {
  'students.enroll_status': STATUS_CODE_VALUES,
  'students.gender': [{ value: 'M', meaning: 'Male' }, { value: 'F', meaning: 'Female' }],
  'students.grade_level': GRADE_LEVEL_VALUES,
};

/** A q field for `table.columnName`, typed by its metadata when known. */
function fieldFromColumn(table: string, columnName: string, column: ColumnInfo | undefined, name: string): CatalogField {
  const known = KNOWN_VALUES[`${table.toLowerCase()}.${columnName.toLowerCase()}`];
  const field: CatalogField = {
    name,
    type: qTypeOfColumn(column?.type),
    column: `${table}.${columnName}`,
    description: [column?.type ? `${column.type.toUpperCase()}${column.length ? `(${column.length})` : ''}` : undefined, column?.comment]
      .filter(Boolean)
      .join(' — ') || undefined,
  };
  if (column?.length !== undefined) field.length = column.length;
  if (known) {
    field.allowedValues = known;
    field.openValues = true;
  }
  return field;
}

/** Catalog for `/ws/schema/table/{table}?q=`: plain column names, case-insensitive. */
export function catalogFromTableColumns(table: string, columns: readonly ColumnInfo[]): FieldCatalog {
  return {
    title: table.toUpperCase(),
    caseInsensitive: true,
    fields: columns.map((c) => fieldFromColumn(table.toUpperCase(), c.name, c, c.name.toLowerCase())),
  };
}

/**
 * Catalog for `$q` in a PowerQuery body. Columns are `table.column` (as the query's column list
 * names them); `types` optionally supplies table metadata so that comparisons get the right type.
 */
export function catalogFromPowerQueryColumns(
  queryName: string,
  columns: readonly string[],
  types?: (table: string, column: string) => ColumnInfo | undefined,
): FieldCatalog {
  const fields: CatalogField[] = [];
  for (const qualified of columns) {
    const dot = qualified.indexOf('.');
    const table = dot > 0 ? qualified.slice(0, dot) : '';
    const column = dot > 0 ? qualified.slice(dot + 1) : qualified;
    const info = (table && types?.(table, column)) || undefined;
    fields.push(fieldFromColumn(table.toUpperCase(), column, info, qualified.toLowerCase()));
  }
  return { title: queryName, caseInsensitive: true, fields };
}
