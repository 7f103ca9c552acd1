import { valueAt, type PathSegment } from './jsonPath';
import type { RecordSet } from './recordSet';

export interface RecordColumn {
  /** `name.last_name`, `schools.dcid` (a schema record's `tables.` left out), `students.lastfirst`. */
  readonly label: string;
  readonly path: readonly PathSegment[];
}

export interface RecordRow {
  /** The record's place in the response, whatever the sort. */
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly cells: readonly string[];
}

export interface RecordQuery {
  readonly sort?: { readonly column: number; readonly descending: boolean };
  /** Rows whose cells contain this text, case ignored. */
  readonly filter?: string;
  readonly offset: number;
  readonly limit: number;
}

export interface RecordPage {
  readonly rows: readonly RecordRow[];
  readonly offset: number;
  /** Rows the filter keeps, of `total`. */
  readonly matched: number;
  readonly total: number;
}

/** A bound for pathological records (thousands of keys); real tables (STUDENTS: 152 columns) fit whole. */
export const maxColumns = 1000;
/** Nested objects are flattened this deep; deeper ones show as JSON in one cell. */
const flattenDepth = 3;
const idNames = ['id', 'dcid'];
const nameNames = ['lastfirst', 'name', 'school_name', 'course_name', 'title'];
const numeric = /^-?\d+(\.\d+)?$/;

/**
 * Records as a table: one column per leaf value, each row's id and name, sorted and filtered on
 * demand. Cells are computed per query, not kept, so a table costs little beyond its records;
 * the last order is kept so paging through it does not sort again.
 */
export class RecordTable {
  readonly columns: readonly RecordColumn[];
  /** The column that gives each row its id (-1: none, rows are numbered). */
  readonly idColumn: number;
  /** The columns joined into each row's name: `name.last_name, name.first_name`, or one like `lastfirst`. */
  readonly nameColumns: readonly number[];
  private lastOrder?: { readonly key: string; readonly order: readonly number[] };

  constructor(readonly set: RecordSet) {
    this.columns = columnsOf(set.records);
    const last = (column: RecordColumn) => String(column.path.at(-1)).split('.').at(-1)!.toLowerCase();
    this.idColumn = idNames.map((name) => this.columns.findIndex((column) => last(column) === name)).find((index) => index >= 0) ?? -1;
    const first = this.columns.findIndex((column) => column.label === 'name.first_name');
    const lastName = this.columns.findIndex((column) => column.label === 'name.last_name');
    const named = [...nameNames.map((name) => this.columns.findIndex((column) => last(column) === name)), this.columns.findIndex((column) => last(column).endsWith('_name'))].find((index) => index >= 0);
    this.nameColumns = first >= 0 && lastName >= 0 ? [lastName, first] : named === undefined ? [] : [named];
  }

  get total(): number {
    return this.set.records.length;
  }

  cellsOf(index: number): string[] {
    const record = this.set.records[index];
    return this.columns.map((column) => cellText(valueAt(record, column.path)));
  }

  query(query: RecordQuery): RecordPage {
    const order = this.orderFor(query);
    const rows = order.slice(query.offset, query.offset + query.limit).map((index) => this.rowOf(index));
    return { rows, offset: query.offset, matched: order.length, total: this.total };
  }

  private rowOf(index: number): RecordRow {
    const cells = this.cellsOf(index);
    const name = this.nameColumns.map((column) => cells[column]).filter((part) => part !== '').join(', ');
    return { index, id: this.idColumn >= 0 ? cells[this.idColumn] : String(index + 1), name, cells };
  }

  private orderFor(query: RecordQuery): readonly number[] {
    const filter = query.filter?.trim().toLowerCase() ?? '';
    const key = JSON.stringify([query.sort, filter]);
    if (this.lastOrder?.key === key) return this.lastOrder.order;
    let order = this.set.records.map((_, index) => index);
    if (filter) order = order.filter((index) => this.cellsOf(index).some((cell) => cell.toLowerCase().includes(filter)));
    const sort = query.sort;
    if (sort && this.columns[sort.column]) {
      const path = this.columns[sort.column].path;
      const keys = new Map(order.map((index) => [index, cellText(valueAt(this.set.records[index], path))]));
      const direction = sort.descending ? -1 : 1;
      // Made per sort, not when the module loads: the first collator loads ICU's data (10–20 ms of activation).
      const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
      order.sort((a, b) => compareCells(keys.get(a)!, keys.get(b)!, direction, collator) || a - b);
    }
    this.lastOrder = { key, order };
    return order;
  }
}

/** Empty cells last both ways; numbers as numbers; text by the reader's collation, case ignored. */
function compareCells(a: string, b: string, direction: number, collator: Intl.Collator): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  if (numeric.test(a) && numeric.test(b)) return (Number(a) - Number(b)) * direction;
  return collator.compare(a, b) * direction;
}

/** The text a cell shows and CSV writes: strings as they are, nothing for null, JSON for lists. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

interface PathNode {
  readonly children: Map<string, PathNode>;
  column?: RecordColumn;
}

/**
 * Leaf paths in the order they first appear across all records. Every record is visited, so the
 * paths seen are kept as a tree of property names (one Map lookup a value, no key strings built)
 * and a column's arrays are made only the first time it is seen.
 */
function columnsOf(records: readonly Record<string, unknown>[]): RecordColumn[] {
  const columns: RecordColumn[] = [];
  const root: PathNode = { children: new Map() };
  const path: string[] = [];
  const visit = (value: Record<string, unknown>, node: PathNode, depth: number) => {
    for (const name of Object.keys(value)) {
      const child = value[name];
      let next = node.children.get(name);
      if (!next) node.children.set(name, (next = { children: new Map() }));
      if (child !== null && typeof child === 'object' && !Array.isArray(child) && depth < flattenDepth && !isEmpty(child)) {
        path.push(name);
        visit(child as Record<string, unknown>, next, depth + 1);
        path.pop();
      } else if (!next.column && columns.length < maxColumns) {
        const columnPath = [...path, name];
        // A schema-table record's columns sit under `tables.<table>`: the table name is label enough.
        const label = columnPath[0] === 'tables' && columnPath.length > 2 ? columnPath.slice(1) : columnPath;
        columns.push((next.column = { label: label.join('.'), path: columnPath }));
      }
    }
  };
  for (const record of records) visit(record, root, 0);
  return columns;
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}
