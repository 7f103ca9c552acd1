import type { SqlValue } from 'sql.js';

/** A column's type affinity as the sandbox's schema declares it (INTEGER, REAL or TEXT). */
export type Affinity = 'integer' | 'real' | 'text';

const twoTo32 = 2 ** 32;
const twoTo47 = 2 ** 47;
const twoTo63 = 2 ** 63;

/** Bytes of `value` as a SQLite varint (values from 0 to 2^53; rowids and lengths). */
export function varintLength(value: number): number {
  let bytes = 1;
  while (value > 0x7f && bytes < 9) {
    value = Math.floor(value / 128);
    bytes++;
  }
  return bytes;
}

/** Writes `value` (0 to 2^53) as a SQLite varint at `at`; returns the bytes written. */
export function writeVarint(out: Uint8Array, at: number, value: number): number {
  if (value <= 0x7f) {
    out[at] = value;
    return 1;
  }
  // Seven bits a byte, most significant first, the high bit set on every byte but the last (nine-byte
  // varints start at 2^56, beyond any number JavaScript holds exactly).
  const length = varintLength(value);
  for (let index = length - 1; index >= 0; index--) {
    const low = value % 128;
    out[at + index] = index === length - 1 ? low : low | 0x80;
    value = (value - low) / 128;
  }
  return length;
}

/**
 * A value as SQLite stores it in a column of `affinity`, given as sql.js would bind it (a whole
 * number as an integer, any other number as a real, NaN as NULL). Only conversions that are exact
 * are made: a whole number into a TEXT column becomes its digits; anything else that SQLite would
 * convert by its own formatting rules is refused, so a caller can never write what SQLite would not.
 */
export function storedValue(value: SqlValue, affinity: Affinity): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return null;
    if (affinity === 'text') {
      // sql.js binds an int32 as an integer, whose text is its digits; any other number as a real ("5e9" -> "5000000000.0").
      if (value === (value | 0)) return String(value | 0);
      throw new TypeError(`${value} in a TEXT column would be formatted by SQLite: pass it as text`);
    }
    return value;
  }
  if (typeof value === 'string') {
    if (affinity === 'text') return value;
    throw new TypeError(`'${value}' in a ${affinity.toUpperCase()} column would be converted by SQLite: pass a number`);
  }
  throw new TypeError('a blob is not written by the page writer');
}

/** The bytes an integer of each serial type takes (types 1-6, 8 and 9). */
export const integerBytes: readonly number[] = [0, 1, 2, 3, 4, 6, 8, 0, 0, 0];

/** Where a column's value comes from: a position in the values given, a value fixed for every row, or nowhere (NULL). */
export type ColumnSource = { readonly given: number } | { readonly fixed: SqlValue } | null;

/** Writes one row's body at `at` and sets each column's serial type; returns where the body ends, or -1 when it might pass `limit`. */
type BodyWriter = (values: ArrayLike<SqlValue>, out: Uint8Array, at: number, serials: Int32Array, limit: number) => number;

/**
 * Encodes rows of one table as SQLite records (the file format's header of serial types, then the
 * values) into a scratch buffer it owns: `encode` returns the record's length, and the record is
 * `bytes[start, start + length)` until the next call. The body is written first, after room for
 * the longest header, and the header just before it. Each column's value comes from `sources`
 * (by default column i is `values[i]`): a fixed value is encoded once, a NULL column costs nothing,
 * and the code that writes the given ones is compiled for this column layout, so each column's
 * test is for the type its affinity expects (about 5x faster than one loop over every column).
 */
export class RecordEncoder {
  bytes: Uint8Array = new Uint8Array(64 * 1024);
  start = 0;
  private readonly serials: Int32Array;
  private readonly header: Uint8Array;
  private readonly columns: number;
  private readonly writeBody: BodyWriter;

  constructor(affinities: readonly Affinity[], sources: readonly ColumnSource[] = affinities.map((_, index) => ({ given: index }))) {
    if (sources.length !== affinities.length) throw new Error(`${sources.length} sources for ${affinities.length} columns`);
    // Columns after the last that can hold a value are left out of every record.
    let columns = sources.length;
    while (columns > 0 && alwaysNull(sources[columns - 1]!, affinities[columns - 1]!)) columns--;
    this.columns = columns;
    this.serials = new Int32Array(columns + 1);
    this.header = new Uint8Array(3 * columns + 3);
    this.writeBody = compileBodyWriter(affinities.slice(0, columns), sources.slice(0, columns), this.serials);
  }

  /** Encodes a row into `bytes` (grown as needed); the record is `bytes[start, start + length)`. */
  encode(values: ArrayLike<SqlValue>): number {
    const bodyStart = this.headerRoom;
    let end = this.writeBody(values, this.bytes, bodyStart, this.serials, this.bytes.length);
    while (end < 0) {
      this.bytes = new Uint8Array(this.bytes.length * 2);
      end = this.writeBody(values, this.bytes, bodyStart, this.serials, this.bytes.length);
    }
    return this.placeHeader(this.bytes, bodyStart, end);
  }

  /**
   * Encodes a row into `out` from `at` (the record then starts at `start`, at or after `at`),
   * writing nothing at or past `limit`; -1 when it might not fit there (texts are given room for
   * three bytes a character, so a record that would just fit may be refused).
   */
  encodeInto(values: ArrayLike<SqlValue>, out: Uint8Array, at: number, limit: number): number {
    const bodyStart = at + this.headerRoom;
    const end = this.writeBody(values, out, bodyStart, this.serials, limit);
    return end < 0 ? -1 : this.placeHeader(out, bodyStart, end);
  }

  /** The bytes before the body: a serial type takes at most 3 in a record that fits on a page (texts under 1 MB), the header's size as many. */
  private get headerRoom(): number {
    return 3 * this.columns + 3;
  }

  /** Writes the header just before the body `[bodyStart, end)`; returns the record's length and sets `start`. */
  private placeHeader(out: Uint8Array, bodyStart: number, end: number): number {
    const columns = this.columns;
    const serials = this.serials;
    let headerLength = columns;
    if (serials[columns]! >= 0x80) {
      // A serial type of two bytes or more: the one-byte header the body writer left is rebuilt.
      const header = this.header;
      headerLength = 0;
      for (let index = 0; index < columns; index++) headerLength += writeVarint(header, headerLength, serials[index]!);
      for (let index = 0; index < headerLength; index++) out[bodyStart - headerLength + index] = header[index]!;
    }
    // The header's size is a varint that counts itself.
    let sizeLength = varintLength(headerLength + 1);
    if (varintLength(headerLength + sizeLength) !== sizeLength) sizeLength++;
    const start = bodyStart - headerLength - sizeLength;
    writeVarint(out, start, headerLength + sizeLength);
    this.start = start;
    return end - start;
  }

  /** Copies the last record to `target` at `at` (byte by byte: records are short, and a view to copy from would cost more). */
  copyTo(target: Uint8Array, at: number, length: number): void {
    const bytes = this.bytes;
    for (let index = 0, from = this.start; index < length; index++) target[at + index] = bytes[from + index]!;
  }
}

function alwaysNull(source: ColumnSource, affinity: Affinity): boolean {
  return source === null || ('fixed' in source && storedValue(source.fixed, affinity) === null);
}

/** The most bytes a value other than a text takes in a body (a double or a 64-bit integer). */
const largestNumber = 8;

/**
 * The body writer for a column layout. Given columns are tested for the type their affinity expects
 * (text, or a whole number that fits 48 bits, or a number for REAL) and written inline; anything
 * else goes through `writeValue`, which applies the affinity as SQLite would. Fixed values are
 * written from their encoding, made once.
 */
function compileBodyWriter(affinities: readonly Affinity[], sources: readonly ColumnSource[], serials: Int32Array): BodyWriter {
  const columns = sources.length;
  const fixedBytes: Uint8Array[] = [];
  // The header is written as the values are, one byte a column at [at - columns, at): right unless a
  // serial type needs two bytes (a text over 57 bytes), which serials[columns] then shows (the OR of them all).
  // The header lies below `at`: with `at` itself past the limit, nothing may be written.
  const lines: string[] = ['if (at > limit) return -1;', `let value, length, serial, wide = 0; const header = at - ${columns};`];
  let nullRun = -1;
  const endNullRun = (column: number) => {
    if (nullRun < 0) return;
    lines.push(column - nullRun > 8 ? `out.fill(0, header + ${nullRun}, header + ${column});` : Array.from({ length: column - nullRun }, (_, offset) => `out[header + ${nullRun + offset}] = 0;`).join(' '));
    nullRun = -1;
  };
  sources.forEach((source, column) => {
    if (source === null) {
      serials[column] = 0;
      if (nullRun < 0) nullRun = column;
      return;
    }
    endNullRun(column);
    if ('fixed' in source) {
      const scratch = new Uint8Array(64 + 3 * String(source.fixed ?? '').length);
      const end = writeValue(source.fixed as SqlValue, affinities[column]!, scratch, 0, serials, column, scratch.length);
      fixedBytes.push(scratch.slice(0, end));
      lines.push(`if (at + ${end} > limit) return -1; out.set(fixed[${fixedBytes.length - 1}], at); at += ${end}; out[header + ${column}] = ${serials[column]! & 0x7f}; wide |= ${serials[column]};`);
      return;
    }
    const affinity = affinities[column]!;
    const given = `value = values[${source.given}]; if (at + ${largestNumber} > limit) return -1;`;
    const other = `at = writeValue(value, ${JSON.stringify(affinity)}, out, at, serials, ${column}, limit); if (at < 0) return -1; serial = serials[${column}];`;
    const typed = affinity === 'text'
      ? `if (typeof value === 'string') { if (at + 3 * value.length + ${largestNumber} > limit) return -1; length = writeText(out, at, value); at += length; serial = 13 + 2 * length; }`
      : affinity === 'integer'
        ? `if (typeof value === 'number' && Number.isInteger(value) && value >= -${twoTo47} && value < ${twoTo47}) { serial = integerSerial(value); at += writeInteger(out, at, value, serial); }`
        : `if (typeof value === 'number' && value === value) { writeDouble(out, at, value + 0); at += 8; serial = 7; }`;
    lines.push(given, typed, `else if (value === null || value === undefined) serial = 0; else { ${other} }`,
      `serials[${column}] = serial; out[header + ${column}] = serial & 0x7f; wide |= serial;`);
  });
  endNullRun(columns);
  lines.push(`serials[${columns}] = wide;`, 'return at;');
  const factory = new Function('fixed', 'writeValue', 'writeText', 'writeInteger', 'integerSerial', 'writeDouble',
    `return function writeBody(values, out, at, serials, limit) {\n${lines.join('\n')}\n};`);
  return factory(fixedBytes, writeValue, writeText, writeInteger, integerSerial, writeDouble) as BodyWriter;
}

/**
 * Writes any value as SQLite stores it in a column of `affinity` (see `storedValue`); sets the
 * column's serial type and returns where the value ends, or -1 when it might pass `limit`.
 */
function writeValue(value: SqlValue, affinity: Affinity, out: Uint8Array, at: number, serials: Int32Array, column: number, limit: number): number {
  const stored = storedValue(value, affinity);
  if (stored === null) {
    serials[column] = 0;
    return at;
  }
  if (typeof stored === 'string') {
    if (at + 3 * stored.length + largestNumber > limit) return -1;
    const length = writeText(out, at, stored);
    serials[column] = 13 + 2 * length;
    return at + length;
  }
  if (affinity === 'real' || !Number.isInteger(stored) || Math.abs(stored) >= twoTo63) {
    // + 0: sql.js binds -0 as the integer 0, which a REAL column stores as 0.0.
    writeDouble(out, at, stored + 0);
    serials[column] = 7;
    return at + 8;
  }
  const serial = integerSerial(stored);
  serials[column] = serial;
  return at + writeInteger(out, at, stored, serial);
}

const utf8 = new TextEncoder();

/** Writes `text` as UTF-8 at `at`; returns its bytes. ASCII, what generated rows hold, is copied by code unit. */
function writeText(out: Uint8Array, at: number, text: string): number {
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0x80) return utf8.encodeInto(text, out.subarray(at)).written;
    out[at + index] = unit;
  }
  return length;
}

const doubleScratch = new Float64Array(1);
const doubleBytes = new Uint8Array(doubleScratch.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Writes an IEEE 754 double big-endian. */
function writeDouble(out: Uint8Array, at: number, value: number): void {
  doubleScratch[0] = value;
  for (let index = 0; index < 8; index++) out[at + index] = doubleBytes[littleEndian ? 7 - index : index]!;
}

/** SQLite's serial type for an integer: 8 and 9 for 0 and 1 (file format 4), else the fewest bytes. */
export function integerSerial(value: number): number {
  if (value === 0) return 8;
  if (value === 1) return 9;
  if (value >= -128 && value <= 127) return 1;
  if (value >= -32768 && value <= 32767) return 2;
  if (value >= -8388608 && value <= 8388607) return 3;
  if (value >= -2147483648 && value <= 2147483647) return 4;
  if (value >= -twoTo47 && value < twoTo47) return 5;
  return 6;
}

/** Writes an integer of serial type 1-6 (or 8, 9) big-endian, two's complement; returns its bytes. */
export function writeInteger(out: Uint8Array, at: number, value: number, serial: number): number {
  switch (serial) {
    case 8: case 9: return 0;
    case 1: out[at] = value & 0xff; return 1;
    case 2: out[at] = (value >> 8) & 0xff; out[at + 1] = value & 0xff; return 2;
    case 3: out[at] = (value >> 16) & 0xff; out[at + 1] = (value >> 8) & 0xff; out[at + 2] = value & 0xff; return 3;
    case 4: writeUint32(out, at, value); return 4;
    case 5: {
      const high = Math.floor(value / twoTo32);
      out[at] = (high >> 8) & 0xff;
      out[at + 1] = high & 0xff;
      writeUint32(out, at + 2, value - high * twoTo32);
      return 6;
    }
    default:
      if (Number.isSafeInteger(value)) {
        const high = Math.floor(value / twoTo32);
        writeUint32(out, at, high);
        writeUint32(out, at + 4, value - high * twoTo32);
      } else {
        new DataView(out.buffer, out.byteOffset, out.byteLength).setBigInt64(at, BigInt(value));
      }
      return 8;
  }
}

/** Writes the low 32 bits of `value` (an int32 or uint32: page numbers, header fields, parts of integers) big-endian. */
export function writeUint32(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >>> 24) & 0xff;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}
