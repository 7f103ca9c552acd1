import type { SqlValue } from 'sql.js';
import { PageBuilder, interiorHeader, tableInterior, tableLeaf, tableLocalMax, type PageSink } from './pageBuilder';
import { varintLength, writeUint32, writeVarint, type RecordEncoder } from './recordEncoder';

/** A page of a table b-tree and the largest rowid under it. */
interface ChildPage {
  readonly page: number;
  readonly lastRowid: number;
}

/**
 * A table b-tree written bottom-up from rows given in ascending rowid order: leaves are filled and
 * stored as they fill, the interior levels are built at `finish`, and the top page is written at
 * `rootPage` (which SQLite allocated when it created the table). Values are given as sql.js binds
 * them and stored with the columns' affinities, as an INSERT would.
 */
export class TableTreeWriter {
  private readonly leaf: PageBuilder;
  /** Each stored leaf (or interior page, level by level) and the largest rowid under it. */
  private children: ChildPage[] = [];
  private lastRowid = -Infinity;

  /** `encoder` encodes the values `add` is given as the table's records. */
  constructor(private readonly sink: PageSink, private readonly rootPage: number, private readonly encoder: RecordEncoder) {
    this.leaf = new PageBuilder(sink.pageSize, tableLeaf);
  }

  /** Appends a row, its `values` as the encoder takes them (the INTEGER PRIMARY KEY column's value is the rowid, not in the record). */
  add(rowid: number, values: ArrayLike<SqlValue>): void {
    if (!Number.isSafeInteger(rowid) || rowid <= this.lastRowid) throw new Error(`rowid ${rowid} after ${this.lastRowid}: rows must be added in ascending rowid order`);
    if (rowid < 0) throw new Error(`rowid ${rowid}: only rowids from 0 are written`);
    // The record is encoded into the leaf's free space, after room for the cell's two varints, and moved to its place from there.
    const prefix = 3 + varintLength(rowid);
    let length = this.encoder.encodeInto(values, this.leaf.bytes, this.leaf.nextFreeStart + prefix, this.leaf.cellsStart);
    if (length < 0 && this.leaf.cells > 0) {
      this.storeLeaf();
      length = this.encoder.encodeInto(values, this.leaf.bytes, this.leaf.nextFreeStart + prefix, this.leaf.cellsStart);
    }
    let from = this.leaf.bytes;
    if (length < 0) {
      // Not even on an empty page with three bytes a character: encoded apart to learn its exact length.
      length = this.encoder.encode(values);
      from = this.encoder.bytes;
    }
    if (length > tableLocalMax(this.sink.pageSize)) throw new Error(`a row of ${length} bytes would need overflow pages, which are not written`);
    const cellLength = varintLength(length) + varintLength(rowid) + length;
    if (!this.leaf.fits(cellLength)) throw new Error(`a row of ${length} bytes does not fit on a page`);
    const at = this.leaf.place(cellLength);
    const recordAt = at + cellLength - length;
    const start = this.encoder.start;
    // The record first: the cell's place may overlap where it was encoded.
    if (from === this.leaf.bytes) from.copyWithin(recordAt, start, start + length);
    else this.leaf.bytes.set(from.subarray(start, start + length), recordAt);
    writeVarint(this.leaf.bytes, at + writeVarint(this.leaf.bytes, at, length), rowid);
    this.lastRowid = rowid;
  }

  private storeLeaf(): void {
    const page = this.sink.allocate();
    this.sink.write(page, this.leaf.finish());
    this.children.push({ page, lastRowid: this.lastRowid });
    this.leaf.reset();
  }

  /** Stores the last leaf and the interior levels, the top one at the root page. */
  finish(): void {
    if (this.children.length === 0) {
      this.sink.write(this.rootPage, this.leaf.finish());
      return;
    }
    this.storeLeaf();
    let level = this.children;
    for (;;) {
      const groups = groupTableChildren(level, this.sink.pageSize);
      const up: ChildPage[] = [];
      for (const group of groups) {
        const page = groups.length === 1 ? this.rootPage : this.sink.allocate();
        const builder = new PageBuilder(this.sink.pageSize, tableInterior);
        for (const child of group.slice(0, -1)) {
          let at = builder.place(4 + varintLength(child.lastRowid));
          writeUint32(builder.bytes, at, child.page);
          at += 4;
          writeVarint(builder.bytes, at, child.lastRowid);
        }
        const last = group[group.length - 1]!;
        this.sink.write(page, builder.finish(last.page));
        up.push({ page, lastRowid: last.lastRowid });
      }
      if (groups.length === 1) return;
      level = up;
    }
  }
}

/** Children split into interior pages: each page's last child is its right pointer, the others its cells; every page keeps a cell. */
function groupTableChildren(children: readonly ChildPage[], pageSize: number): ChildPage[][] {
  const groups: ChildPage[][] = [];
  let group: ChildPage[] = [];
  let used = interiorHeader;
  for (const child of children) {
    // The child that does not fit as a cell is this page's right pointer, and the next page starts after it.
    const cost = 2 + 4 + varintLength(child.lastRowid);
    if (group.length > 0 && used + cost > pageSize) {
      group.push(child);
      groups.push(group);
      group = [];
      used = interiorHeader;
      continue;
    }
    group.push(child);
    used += cost;
  }
  if (group.length > 0) groups.push(group);
  // A last page of one child would have no cell: take one child over from the page before.
  const last = groups[groups.length - 1]!;
  if (groups.length > 1 && last.length === 1) last.unshift(groups[groups.length - 2]!.pop()!);
  return groups;
}
