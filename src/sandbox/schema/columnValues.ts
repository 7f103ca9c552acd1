import type { CatalogColumn, CatalogTable } from '../catalog/catalog';
import type { QSqlColumn } from '../../core/q';
import { checkDate } from '../../core/q';
import { quoteIdentifier } from '../data/sqlite';

/** q column lookup for /ws/schema tables: plain column names, case-insensitive. */
export function tableQColumn(table: CatalogTable, prefix = ''): (field: string) => QSqlColumn | undefined {
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  return (field) => {
    const column = byName.get(field.toLowerCase());
    if (!column) return undefined;
    const type = column.type === 'NUMBER' || column.type === 'FLOAT' ? 'number' : column.type === 'DATE' ? 'date' : 'string';
    return { sql: `${prefix}${quoteIdentifier(column.name)}`, type };
  };
}

export type Converted = { value: string | number | null } | { error: string; code: string };

/**
 * Checks one value written through /ws/schema/table against its column. Numbers may come as
 * JSON numbers or numeric strings (clients send both); "" and null clear the column.
 */
export function convertColumnValue(column: CatalogColumn, raw: unknown): Converted {
  if (raw === null || raw === '') return { value: null };
  if (typeof raw === 'object' || typeof raw === 'boolean') return { error: `${column.name}: expected a ${column.type} value`, code: 'FIELD_VALIDATION_ERROR' };
  const text = String(raw).trim();
  switch (column.type) {
    case 'NUMBER': {
      if (!/^-?\d+(\.\d+)?$/.test(text)) return { error: `${column.name}: value must be a number`, code: 'FIELD_VALIDATION_ERROR' };
      const digits = text.replace(/^-/, '').split('.')[0]!.length;
      if (column.length && digits > column.length) return { error: `${column.name}: value may not have more than ${column.length} digit(s)`, code: 'FIELD_VALIDATION_ERROR' };
      return { value: Number(text) };
    }
    case 'FLOAT':
      return Number.isFinite(Number(text)) && text !== '' ? { value: Number(text) } : { error: `${column.name}: value must be a number`, code: 'FIELD_VALIDATION_ERROR' };
    case 'DATE':
      return checkDate(text).kind === 'ok' ? { value: text } : { error: `${column.name}: value must be a date YYYY-MM-DD`, code: 'FIELD_VALIDATION_ERROR' };
    default: {
      const value = String(raw);
      if (column.length && value.length > column.length) return { error: `${column.name}: value may not contain more than ${column.length} character(s)`, code: 'FIELD_VALIDATION_ERROR' };
      return { value };
    }
  }
}
