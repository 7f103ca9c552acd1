import type { SqlValue } from 'sql.js';
import { PageBuilder, indexInterior, indexLeaf, indexLocalMax, interiorHeader, leafHeader, type PageSink } from './pageBuilder';
import { integerBytes, integerSerial, RecordEncoder, storedValue, writeInteger, writeUint32, writeVarint, varintLength, type Affinity } from './recordEncoder';

/**
 * An index b-tree on one column, written bottom-up at `finish` from the keys of every row (the
 * column's value and the rowid), given in any order: they are sorted first unless they came
 * ascending. An index keeps each key once: the key between two pages is stored in their parent,
 * not in either page. Int32 keys and rowids (every index the generator fills) are kept in typed
 * arrays and encoded straight onto their pages; any other key moves the index to values, encoded
 * into records before the pages are written.
 */
export class IndexTreeWriter {
  /** Keys and rowids while every one is an int32 (four bytes each: half the fresh memory, whose first touch is what costs). */
  private integerKeys: Int32Array | undefined;
  private integerRowids: Int32Array | undefined = new Int32Array(initialKeys);
  /** Otherwise. */
  private values: (string | number | null)[] | undefined;
  private rowids: number[] | undefined;
  private count = 0;
  private ascending = true;
  private readonly encoder: RecordEncoder;
  /** The page being written (one at a time: the sink copies it). */
  private builder: PageBuilder | undefined;
  /** Other keys' records, encoded in index order at `finish`, and where each ends. */
  private records = Buffer.alloc(0);
  private ends = new Int32Array(0);

  constructor(private readonly sink: PageSink, private readonly rootPage: number, private readonly keyAffinity: Affinity) {
    this.encoder = new RecordEncoder([keyAffinity, 'integer']);
    if (keyAffinity !== 'text') this.integerKeys = new Int32Array(initialKeys);
    else this.toValues();
  }

  /** Adds the key of the row `rowid`: its indexed column's value. */
  add(key: SqlValue, rowid: number): void {
    const stored = typeof key === 'number' && this.keyAffinity !== 'text' && !Number.isNaN(key) ? key : storedValue(key, this.keyAffinity);
    const count = this.count;
    let keys = this.integerKeys;
    if (keys && (stored !== ((stored as number) | 0) || rowid !== (rowid | 0))) {
      this.toValues();
      keys = undefined;
    }
    if (keys) {
      let rowids = this.integerRowids!;
      if (count === keys.length) {
        keys = this.integerKeys = grown(keys);
        rowids = this.integerRowids = grown(rowids);
      }
      if (this.ascending && count > 0 && ((keys[count - 1]! - (stored as number)) || rowids[count - 1]! - rowid) >= 0) this.ascending = false;
      keys[count] = stored as number;
      rowids[count] = rowid;
    } else {
      const values = this.values!;
      const rowids = this.rowids!;
      if (this.ascending && count > 0 && (compareValues(values[count - 1]!, stored) || rowids[count - 1]! - rowid) >= 0) this.ascending = false;
      values.push(stored);
      rowids.push(rowid);
    }
    this.count = count + 1;
  }

  /** From int32 arrays to values: a key or rowid that is not an int32 came. */
  private toValues(): void {
    this.values = this.integerKeys ? Array.from(this.integerKeys.subarray(0, this.count)) : [];
    this.rowids = this.integerRowids ? Array.from(this.integerRowids.subarray(0, this.count)) : [];
    this.integerKeys = undefined;
    this.integerRowids = undefined;
  }

  /** The bytes of the record of the key at `position` (in index order, once sorted). */
  private recordLength(position: number): number {
    if (this.integerKeys) return 3 + integerBytes[integerSerial(this.integerKeys[position]!)]! + integerBytes[integerSerial(this.integerRowids![position]!)]!;
    return this.ends[position]! - (position === 0 ? 0 : this.ends[position - 1]!);
  }

  /** Writes the record of the key at `position` at `at`. */
  private writeRecord(position: number, target: Uint8Array, at: number, length: number): void {
    const integers = this.integerKeys;
    if (integers) {
      const key = integers[position]!;
      const rowid = this.integerRowids![position]!;
      const keySerial = integerSerial(key);
      const rowidSerial = integerSerial(rowid);
      target[at] = 3;
      target[at + 1] = keySerial;
      target[at + 2] = rowidSerial;
      const keyLength = writeInteger(target, at + 3, key, keySerial);
      writeInteger(target, at + 3 + keyLength, rowid, rowidSerial);
      return;
    }
    const start = position === 0 ? 0 : this.ends[position - 1]!;
    target.set(this.records.subarray(start, start + length), at);
  }

  /** Sorts the keys into index order (unless they came in it) and encodes those that are not int32s. */
  private sort(): void {
    const count = this.count;
    if (this.integerKeys) {
      if (!this.ascending) sortIntegerPairs(this.integerKeys.subarray(0, count), this.integerRowids!.subarray(0, count));
      return;
    }
    let values = this.values!;
    let rowids = this.rowids!;
    if (!this.ascending) {
      const order = values.map((_, index) => index).sort((left, right) => compareValues(values[left]!, values[right]!) || rowids[left]! - rowids[right]!);
      values = this.values = order.map((index) => values[index]!);
      rowids = this.rowids = order.map((index) => rowids[index]!);
    }
    const pair: [SqlValue, number] = [null, 0];
    let used = 0;
    this.ends = new Int32Array(count);
    for (let position = 0; position < count; position++) {
      pair[0] = values[position]!;
      pair[1] = rowids[position]!;
      const length = this.encoder.encode(pair);
      if (this.records.length < used + length) {
        const grownRecords = Buffer.alloc(Math.max(1024 * 1024, (used + length) * 2));
        this.records.copy(grownRecords, 0, 0, used);
        this.records = grownRecords;
      }
      this.encoder.copyTo(this.records, used, length);
      used += length;
      this.ends[position] = used;
    }
  }

  finish(): void {
    this.sort();
    const pageSize = this.sink.pageSize;
    const localMax = indexLocalMax(pageSize);
    const leafCosts = new Int32Array(this.count);
    for (let position = 0; position < this.count; position++) {
      const length = this.recordLength(position);
      if (length > localMax) throw new Error(`an index key of ${length} bytes would need overflow pages, which are not written`);
      leafCosts[position] = cellCost(length, false);
    }
    const leafRanges = splitIndexKeys(leafCosts, pageSize - leafHeader);
    // A leaf holds the keys at positions [start, end).
    const leafKeys = (start: number) => (index: number) => start + index;
    if (leafRanges.length === 1) {
      this.sink.write(this.rootPage, this.indexPage(indexLeaf, this.count, leafKeys(0), [], 0));
      return;
    }
    // Each level: the pages' numbers and the keys between them (one fewer), which the next level up holds.
    let children = leafRanges.map(([start, end]) => {
      const page = this.sink.allocate();
      this.sink.write(page, this.indexPage(indexLeaf, end - start, leafKeys(start), [], 0));
      return page;
    });
    let dividers = leafRanges.slice(1).map(([start]) => start - 1);
    for (;;) {
      const ranges = splitIndexKeys(dividers.map((position) => cellCost(this.recordLength(position), true)), pageSize - interiorHeader);
      // An interior page over ranges [start, end) of the dividers has the children start..end: cells (child i, divider i), right pointer child end.
      const pages = ranges.map(([start, end]) => {
        const page = ranges.length === 1 ? this.rootPage : this.sink.allocate();
        const keys = dividers.slice(start, end);
        this.sink.write(page, this.indexPage(indexInterior, keys.length, (index) => keys[index]!, children.slice(start, end), children[end]!));
        return page;
      });
      if (ranges.length === 1) return;
      dividers = ranges.slice(1).map(([start]) => dividers[start - 1]!);
      children = pages;
    }
  }

  /** A page of `count` keys (at the positions `keyAt` gives), with `children` left of them on an interior page. */
  private indexPage(type: number, count: number, keyAt: (index: number) => number, children: readonly number[], rightChild: number): Uint8Array {
    const builder = this.builder ??= new PageBuilder(this.sink.pageSize, indexLeaf);
    builder.reset(type);
    const interior = type === indexInterior;
    for (let index = 0; index < count; index++) {
      const position = keyAt(index);
      const length = this.recordLength(position);
      let at = builder.place(cellCost(length, interior) - 2);
      if (interior) {
        writeUint32(builder.bytes, at, children[index]!);
        at += 4;
      }
      at += writeVarint(builder.bytes, at, length);
      this.writeRecord(position, builder.bytes, at, length);
    }
    return builder.finish(rightChild);
  }
}

/** Room for keys an index starts with: a generated district's are tens of thousands to a few hundred thousand. */
const initialKeys = 16 * 1024;

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** A cell's bytes on its page, its two-byte pointer included. */
function cellCost(recordLength: number, interior: boolean): number {
  return 2 + (interior ? 4 : 0) + varintLength(recordLength) + recordLength;
}

/**
 * Splits keys of these cell costs into pages of `room` bytes: [start, end) ranges, with the one key
 * between consecutive ranges left out (it goes to the parent). No range is empty.
 */
function splitIndexKeys(costs: ArrayLike<number>, room: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  while (start <= costs.length) {
    let end = start;
    let used = 0;
    while (end < costs.length && used + costs[end]! <= room) used += costs[end++]!;
    if (end === start && end < costs.length) throw new Error('an index key does not fit on a page');
    // The divider would be the last key, leaving the next page empty: end this page one key sooner.
    if (end === costs.length - 1) end--;
    if (end <= start && costs.length > 0) throw new Error('an index page would be left without a key');
    ranges.push([start, end]);
    if (end >= costs.length) break;
    start = end + 1;
  }
  return ranges;
}

const twoTo21 = 2 ** 21;

/** Int32 (key, rowid) pairs sorted into index order, in place, each pair packed into one number. */
function sortIntegerPairs(keys: Int32Array, rowids: Int32Array): void {
  // key * 2^21 + rowid is exact in a double and sorts as the pair does while rowids fit 21 bits (every
  // generated district's); others are sorted by comparison.
  let narrow = true;
  for (let index = 0; index < rowids.length && narrow; index++) narrow = rowids[index]! >= 0 && rowids[index]! < twoTo21;
  if (narrow) {
    const packed = new Float64Array(keys.length);
    for (let index = 0; index < keys.length; index++) packed[index] = keys[index]! * twoTo21 + rowids[index]!;
    packed.sort();
    for (let index = 0; index < packed.length; index++) {
      const value = packed[index]!;
      const key = Math.floor(value / twoTo21);
      keys[index] = key;
      rowids[index] = value - key * twoTo21;
    }
    return;
  }
  const order = Array.from(keys, (_, index) => index).sort((left, right) => keys[left]! - keys[right]! || rowids[left]! - rowids[right]!);
  const sortedKeys = Int32Array.from(order, (index) => keys[index]!);
  const sortedRowids = Int32Array.from(order, (index) => rowids[index]!);
  keys.set(sortedKeys);
  rowids.set(sortedRowids);
}

/** SQLite's order for index key values: NULL, then numbers, then texts (BINARY: by UTF-8 bytes). */
const typeRank = (value: SqlValue) => (value === null ? 0 : typeof value === 'number' ? 1 : typeof value === 'string' ? 2 : 3);

function compareValues(left: SqlValue, right: SqlValue): number {
  const rank = typeRank(left) - typeRank(right);
  if (rank !== 0) return rank;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') return Buffer.compare(Buffer.from(left), Buffer.from(right));
  if (left === null) return 0;
  throw new TypeError('blob index keys are not written by the page writer');
}
