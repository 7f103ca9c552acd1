import { IndexTreeWriter } from './indexTreeWriter';
import { TableTreeWriter } from './tableTreeWriter';
import type { BulkInserter } from './bulkInsert';
import type { DirectPages } from './directPages';
import { RecordEncoder, type Affinity, type ColumnSource } from './recordEncoder';
import { quoteIdentifier, type SqlStore } from './sqlite';

/** What writing a table's pages directly needs to know of it, read from SQLite's own schema. */
export interface TablePages {
  readonly table: string;
  readonly rootPage: number;
  readonly columns: readonly string[];
  readonly affinities: readonly Affinity[];
  /** The INTEGER PRIMARY KEY column (its value is the rowid), if the table has one. */
  readonly rowidColumn: number | undefined;
  /** Its indexes: each on one column, ascending, BINARY, neither unique nor partial. */
  readonly indexes: readonly { readonly name: string; readonly rootPage: number; readonly column: number }[];
}

const affinities: Readonly<Record<string, Affinity>> = { INTEGER: 'integer', REAL: 'real', TEXT: 'text' };

/**
 * The table as the page writer can fill it, or why it cannot: columns of plain INTEGER, REAL or
 * TEXT with no default, NOT NULL or foreign key, no trigger, indexes as `TablePages` describes, and
 * an empty root page in `pages`. Everything else stays with SQLite's own INSERT.
 */
export function tablePages(store: SqlStore, pages: DirectPages, table: string): TablePages | string {
  const root = Number(store.scalar("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?", [table]) ?? 0);
  if (!pages.isEmptyRoot(root)) return `${table}: not an empty table`;
  if (Number(store.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?", [table])) > 0) return `${table}: has a trigger`;
  if (store.all(`PRAGMA foreign_key_list(${quoteIdentifier(table)})`).length > 0) return `${table}: has a foreign key`;
  const info = store.all(`PRAGMA table_info(${quoteIdentifier(table)})`);
  const columns = info.map((column) => String(column.name));
  const columnAffinities: Affinity[] = [];
  for (const column of info) {
    const affinity = affinities[String(column.type).toUpperCase()];
    if (!affinity || column.notnull || column.dflt_value !== null) return `${table}.${String(column.name)}: ${String(column.type)}${column.notnull ? ' NOT NULL' : ''}${column.dflt_value !== null ? ' with a default' : ''}`;
    columnAffinities.push(affinity);
  }
  const keyColumns = info.filter((column) => Number(column.pk) > 0);
  const rowidColumn = keyColumns.length === 1 && String(keyColumns[0]!.type).toUpperCase() === 'INTEGER' ? Number(keyColumns[0]!.cid) : undefined;
  if (keyColumns.length > 0 && rowidColumn === undefined) return `${table}: its primary key is not its rowid`;
  const indexes: { name: string; rootPage: number; column: number }[] = [];
  for (const index of store.all(`PRAGMA index_list(${quoteIdentifier(table)})`)) {
    const name = String(index.name);
    const keys = store.all(`PRAGMA index_xinfo(${quoteIdentifier(name)})`).filter((column) => Number(column.key) === 1);
    const key = keys[0];
    if (index.unique || index.partial || keys.length !== 1 || Number(key!.cid) < 0 || key!.desc || String(key!.coll) !== 'BINARY') return `${table}: index ${name} is not on one column, ascending`;
    const rootPage = Number(store.scalar("SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND name = ?", [name]) ?? 0);
    if (!pages.isEmptyRoot(rootPage)) return `${table}: index ${name} is not empty`;
    indexes.push({ name, rootPage, column: Number(key!.cid) });
  }
  return { table, rootPage: root, columns, affinities: columnAffinities, rowidColumn, indexes };
}

/**
 * A `BulkInserter` that writes the table's b-tree pages (and its indexes') itself instead of
 * running INSERTs: rows must come in ascending rowid order (checked; a NULL or missing rowid is the
 * last one plus one, as SQLite numbers them), index keys in any order. Taking `columns` and `fixed`
 * as `bulkInserter` does, it stores what the INSERT would have stored. `done` finishes the trees;
 * the pages count once `DirectPages.commit` ran.
 */
export function pageInserter(pages: DirectPages, plan: TablePages, columns: readonly string[], fixed: Readonly<Record<string, string | number>> = {}): BulkInserter {
  const position = new Map(plan.columns.map((name, index) => [name, index]));
  const at = (name: string) => {
    const index = position.get(name);
    if (index === undefined) throw new Error(`${plan.table} has no column ${name}`);
    return index;
  };
  const sourceOf = columns.map(at);
  if (new Set(sourceOf).size !== sourceOf.length) throw new Error(`${plan.table}: a column given twice`);
  const sources: ColumnSource[] = plan.columns.map(() => null);
  sourceOf.forEach((column, given) => {
    // The INTEGER PRIMARY KEY column is the rowid: the record holds NULL for it.
    if (column !== plan.rowidColumn) sources[column] = { given };
  });
  for (const [name, value] of Object.entries(fixed)) {
    const column = at(name);
    if (sourceOf.includes(column) || column === plan.rowidColumn) throw new Error(`${plan.table}.${name}: fixed and given, or the rowid`);
    sources[column] = { fixed: value };
  }
  const rowidAt = plan.rowidColumn !== undefined ? sourceOf.indexOf(plan.rowidColumn) : -1;
  const tree = new TableTreeWriter(pages, plan.rootPage, new RecordEncoder(plan.affinities, sources));
  // Each index's key: a given value, a fixed one or the rowid.
  const indexes = plan.indexes.map((index) => {
    const source = index.column === plan.rowidColumn ? undefined : sources[index.column];
    return { given: source && 'given' in source ? source.given : -1, fixed: source && 'fixed' in source ? source.fixed : null, ofRowid: index.column === plan.rowidColumn,
      tree: new IndexTreeWriter(pages, index.rootPage, plan.affinities[index.column]!) };
  });
  let lastRowid = 0;
  let finished = false;
  return {
    add(values) {
      if (finished) throw new Error(`${plan.table}: a row added after done()`);
      if (values.length !== columns.length) throw new Error(`${plan.table}: ${values.length} values for ${columns.length} columns`);
      let rowid = lastRowid + 1;
      const given = rowidAt >= 0 ? values[rowidAt] : null;
      if (given !== null && given !== undefined) {
        if (typeof given !== 'number' || !Number.isSafeInteger(given)) throw new Error(`${plan.table}: rowid ${String(given)} is not an integer`);
        rowid = given;
      }
      for (let index = 0; index < indexes.length; index++) {
        const { given, fixed: fixedKey, ofRowid, tree: keys } = indexes[index]!;
        keys.add(ofRowid ? rowid : given >= 0 ? values[given]! : fixedKey, rowid);
      }
      tree.add(rowid, values);
      lastRowid = rowid;
    },
    done() {
      if (finished) return;
      finished = true;
      tree.finish();
      for (const index of indexes) index.tree.finish();
    },
  };
}
