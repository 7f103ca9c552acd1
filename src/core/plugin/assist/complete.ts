import type { AssistCompletion, AssistCompletionKind, LiveCatalog } from '../../assist';
import { columnTypeText } from '../../catalog';
import type { ColumnInfo } from '../../schema';
import { locateInPlugin, type AttributeValueSpot, type ElementTextSpot, type SqlSpot } from './locate';
import { sqlCompletionSpot } from './sqlContext';

/** What plugin completion reads: the connection's tables and columns (the host's schema service, a test double). */
export type PluginSchemaSource = Pick<LiveCatalog, 'tables' | 'columns'>;

/** Fixed value lists, by element and attribute (plugin-corpus-facts.md: the values real plugins use). */
const valueLists: Readonly<Record<string, Readonly<Record<string, readonly (readonly [string, string])[]>>>> = {
  field: { access: [['ViewOnly', 'read the column'], ['FullAccess', 'read and write the column']] },
  arg: {
    type: [['primitive', 'one value'], ['array', 'a list of values, bound inside IN (:name)']],
    required: [['true', 'the caller must pass it'], ['false', 'optional']],
  },
  query: { flattened: [['true', 'one row per record, output names as given'], ['false', 'nested output (tables as objects)']] },
  implies: { allow: [['get', 'read'], ['post', 'run a PowerQuery, insert'], ['put', 'update'], ['delete', 'delete']] },
  oauth: { accessLevelV1Api: [['FULL', '/ws/v1 reads and writes']] },
};

function item(kind: AssistCompletionKind, label: string, detail: string, start: number, end: number, extra: Partial<AssistCompletion> = {}): AssistCompletion {
  return { label, kind, insertText: label, detail, documentation: '', start, end, ...extra };
}

async function tableItems(source: PluginSchemaSource, start: number, end: number, upperCase: boolean, retrigger = false): Promise<AssistCompletion[]> {
  const tables = (await source.tables().catch(() => undefined)) ?? [];
  return tables.map((table) => {
    const name = upperCase ? table.name.toUpperCase() : table.name;
    return item('table', name, table.description ?? 'table', start, end, retrigger ? { insertText: `${name}.`, retrigger: true } : {});
  });
}

async function columnItems(source: PluginSchemaSource, table: string, start: number, end: number, upperCase = true): Promise<AssistCompletion[]> {
  const columns = (await source.columns(table).catch(() => undefined)) ?? [];
  return columns.map((column) => columnItem(table, column, start, end, upperCase));
}

function columnItem(table: string, column: ColumnInfo, start: number, end: number, upperCase: boolean): AssistCompletion {
  const name = upperCase ? column.name.toUpperCase() : column.name;
  return item('column', name, `${table.toUpperCase()} · ${columnTypeText(column)}`, start, end, { documentation: column.comment ?? '' });
}

/** `TABLE.COLUMN` values (`<column column=…>`, `<arg column=…>`, `<column>…</column>`): tables first, then the table's columns after the dot. */
async function dottedColumn(source: PluginSchemaSource, typed: string, start: number, end: number): Promise<AssistCompletion[]> {
  const dot = typed.lastIndexOf('.');
  if (dot < 0) return tableItems(source, start, end, true, true);
  return columnItems(source, typed.slice(0, dot), start + dot + 1, end);
}

async function completeAttribute(spot: AttributeValueSpot, source: PluginSchemaSource): Promise<AssistCompletion[]> {
  const { element, attribute, valueStart: start, valueEnd: end } = spot;
  const fixed = valueLists[element]?.[attribute];
  if (fixed) return fixed.map(([value, detail]) => item('value', value, detail, start, end));
  if (element === 'field' && attribute === 'table') return tableItems(source, start, end, true);
  if (element === 'field' && attribute === 'field') {
    const table = spot.attributes.table?.trim();
    return table ? columnItems(source, table, start, end) : [];
  }
  if (element === 'query' && attribute === 'coreTable') return tableItems(source, start, end, false);
  if ((element === 'column' || element === 'arg') && attribute === 'column') return dottedColumn(source, spot.typed, start, end);
  return [];
}

async function completeText(spot: ElementTextSpot, source: PluginSchemaSource): Promise<AssistCompletion[]> {
  // `<column>TABLE.COL</column>` (Tolland, moligun): the mapping written as text.
  const typed = spot.typed.trimStart();
  if (spot.element !== 'column' || /\s/.test(typed)) return [];
  return dottedColumn(source, typed, spot.textStart + spot.typed.length - typed.length, spot.wordEnd);
}

/** In `<sql>`: tables after FROM, JOIN and the commas of a FROM list; an alias's columns after `alias.`; as SQL writes them (lower case). */
async function completeSql(spot: SqlSpot, source: PluginSchemaSource): Promise<AssistCompletion[]> {
  const wanted = sqlCompletionSpot(spot.sql, spot.offset);
  if (!wanted) return [];
  const start = spot.start + wanted.start;
  const end = spot.start + wanted.end;
  return wanted.kind === 'table' ? tableItems(source, start, end, false) : columnItems(source, wanted.table, start, end, false);
}

/**
 * Completion in plugin XML at `offset`: grant tables/columns and access levels in `<field>`,
 * `TABLE.COLUMN` in `<column>` and `<arg column>`, `coreTable`, arg types, `flattened`, `allow`,
 * and tables and alias columns in `<sql>`.
 */
export async function completeInPlugin(text: string, offset: number, source: PluginSchemaSource): Promise<AssistCompletion[]> {
  const spot = locateInPlugin(text, offset);
  if (spot?.kind === 'attribute') return completeAttribute(spot, source);
  if (spot?.kind === 'text') return completeText(spot, source);
  if (spot?.kind === 'sql') return completeSql(spot, source);
  return [];
}
