import { isRealDate } from './dates';
import type { ColumnInfo } from '../schema';

export interface ValueProblem {
  readonly code: 'column-type' | 'column-length' | 'column-null';
  /** Completes "<column> …". */
  readonly message: string;
}

type ColumnKind = 'text' | 'number' | 'date' | 'other';

function kindOf(type: string): ColumnKind {
  const upper = type.toUpperCase();
  if (/^(N?VARCHAR2?|N?CHAR|STRING|N?CLOB|TEXT)/.test(upper)) return 'text';
  if (/^(NUMBER|INTEGER|INT|LONG|FLOAT|DOUBLE|DECIMAL|NUMERIC|BINARY_DOUBLE|BINARY_FLOAT)/.test(upper)) return 'number';
  if (/^(DATE|TIMESTAMP)/.test(upper)) return 'date';
  return 'other';
}

const numberPattern = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

function digitsOf(value: number | string): number {
  const text = typeof value === 'number' ? String(Math.abs(value)) : value.replace(/^-/, '');
  if (/e/i.test(text)) return 0; // exponent notation: precision is not what the text shows
  return text.replace('.', '').replace(/^0+(?=\d)/, '').length;
}

/** What is wrong with writing `value` into `column`, judged by its metadata; undefined if nothing. */
export function columnValueProblem(column: ColumnInfo, value: unknown): ValueProblem | undefined {
  if (value === null) {
    return column.nullable === false ? { code: 'column-null', message: 'may not be null (the column is NOT NULL)' } : undefined;
  }
  const kind = kindOf(column.type);
  const length = column.length ?? undefined;
  if (kind === 'text') {
    if (typeof value !== 'string' && typeof value !== 'number') return { code: 'column-type', message: `must be text (${column.type}), not ${JSON.stringify(value)}` };
    const size = String(value).length;
    if (length !== undefined && length > 0 && size > length) {
      return { code: 'column-length', message: `is ${size} characters long; the column holds at most ${length} (${column.type}(${length}))` };
    }
    return undefined;
  }
  if (kind === 'number') {
    if (typeof value === 'boolean') return { code: 'column-type', message: `must be a number (${column.type}); write ${value ? 1 : 0} instead of ${String(value)}` };
    const isNumeric = (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && numberPattern.test(value.trim()));
    if (!isNumeric) return { code: 'column-type', message: `must be a number (${column.type}), not ${JSON.stringify(value)}` };
    if (length !== undefined && length > 0) {
      const digits = digitsOf(typeof value === 'string' ? value.trim() : value);
      if (digits > length) return { code: 'column-length', message: `has ${digits} digits; the column holds at most ${length} (${column.type}(${length}))` };
    }
    return undefined;
  }
  if (kind === 'date') {
    const text = typeof value === 'string' ? value : '';
    const day = text.slice(0, 10);
    const rest = text.slice(10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !(rest === '' || /^[T ]\d{2}:\d{2}/.test(rest))) {
      return { code: 'column-type', message: `must be a date written YYYY-MM-DD (${column.type}), not ${JSON.stringify(value)}` };
    }
    if (!isRealDate(day)) return { code: 'column-type', message: `${JSON.stringify(value)} is not a real date` };
  }
  return undefined;
}
