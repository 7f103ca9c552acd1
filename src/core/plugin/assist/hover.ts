import type { AssistHover } from '../../assist';
import { columnTypeText } from '../../catalog';
import type { ColumnInfo } from '../../schema';
import type { PluginSchemaSource } from './complete';
import { locateInPlugin } from './locate';
import { sqlColumnAt } from './sqlContext';

/** The markdown of a column: `STUDENTS.LAST_NAME`, its type with length, nullability, key and comment. */
export function columnHoverMarkdown(table: string, column: ColumnInfo): string {
  return [
    `**${table.toUpperCase()}.${column.name.toUpperCase()}**`,
    `\`${columnTypeText(column)}\`${column.key ? ' · primary key' : ''}${column.nullable === false ? ' · NOT NULL' : ''}`,
    column.comment,
  ].filter(Boolean).join('\n\n');
}

/** The column `table.name`, looked up case-insensitively; undefined when the table or column is not known. */
export async function findColumn(source: PluginSchemaSource, table: string, name: string): Promise<ColumnInfo | undefined> {
  const columns = await source.columns(table).catch(() => undefined);
  return columns?.find((column) => column.name.toLowerCase() === name.toLowerCase());
}

async function columnHover(source: PluginSchemaSource, table: string, name: string, start: number, end: number): Promise<AssistHover | undefined> {
  const column = await findColumn(source, table, name);
  return column && { start, end, markdown: columnHoverMarkdown(table, column) };
}

/** `TABLE.COLUMN` written at `start`: the hover of its column. */
function dottedHover(source: PluginSchemaSource, value: string, start: number): Promise<AssistHover | undefined> | undefined {
  const match = /^\s*([\w$#]+)\.([\w$#]+)\s*$/.exec(value);
  if (!match) return undefined;
  const at = start + value.indexOf(match[1]!);
  return columnHover(source, match[1]!, match[2]!, at, at + match[1]!.length + 1 + match[2]!.length);
}

/**
 * Hover in plugin XML: a grant's column (`<field table field>`), a mapping's `TABLE.COLUMN`
 * (`column="…"`, `<column>…</column>`), an `alias.column` of the SQL; type and length from the schema source.
 */
export async function hoverInPlugin(text: string, offset: number, source: PluginSchemaSource): Promise<AssistHover | undefined> {
  const spot = locateInPlugin(text, offset);
  if (spot?.kind === 'attribute') {
    const value = text.slice(spot.valueStart, spot.valueEnd);
    if (spot.element === 'field' && (spot.attribute === 'field' || spot.attribute === 'table')) {
      const table = spot.attributes.table?.trim();
      const field = spot.attributes.field?.trim();
      return table && field ? columnHover(source, table, field, spot.valueStart, spot.valueEnd) : undefined;
    }
    if (spot.attribute === 'column' && (spot.element === 'column' || spot.element === 'arg')) return dottedHover(source, value, spot.valueStart);
    return undefined;
  }
  if (spot?.kind === 'sql') {
    const reference = sqlColumnAt(spot.sql, spot.offset);
    return reference && columnHover(source, reference.table, reference.column, spot.start + reference.start, spot.start + reference.end);
  }
  if (spot?.kind === 'text' && spot.element === 'column') {
    const end = text.indexOf('<', spot.textStart);
    return dottedHover(source, text.slice(spot.textStart, end < 0 ? text.length : end), spot.textStart);
  }
  return undefined;
}
