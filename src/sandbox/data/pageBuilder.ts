import { writeUint32 } from './recordEncoder';

/** Where finished pages go: numbers for new pages, and the bytes of a page by number. */
export interface PageSink {
  readonly pageSize: number;
  /** The number of a new page at the end of the file. */
  allocate(): number;
  /** Stores a copy of `page` (writers reuse their page buffers). */
  write(pageNumber: number, page: Uint8Array): void;
}

// The file format's page types and header sizes (https://www.sqlite.org/fileformat.html, 1.6).
export const tableLeaf = 0x0d;
export const tableInterior = 0x05;
export const indexLeaf = 0x0a;
export const indexInterior = 0x02;
export const leafHeader = 8;
export const interiorHeader = 12;

/** A page being filled: cell pointers from the front after the header, cells from the back; `finish` writes the header and zeros the free space between. */
export class PageBuilder {
  readonly bytes: Uint8Array;
  cells = 0;
  private contentStart: number;

  constructor(private readonly pageSize: number, private type: number) {
    this.bytes = new Uint8Array(pageSize);
    this.contentStart = pageSize;
  }

  private get headerLength(): number {
    return this.type === tableLeaf || this.type === indexLeaf ? leafHeader : interiorHeader;
  }

  /** Whether a cell of `length` bytes (and its two-byte pointer) still fits. */
  fits(length: number): boolean {
    return this.headerLength + 2 * (this.cells + 1) + length <= this.contentStart;
  }

  /** Where the free space between the cell pointers and the cells begins, once the next cell's pointer is in. */
  get nextFreeStart(): number {
    return this.headerLength + 2 * (this.cells + 1);
  }

  /** Where the cells begin (the free space ends). */
  get cellsStart(): number {
    return this.contentStart;
  }

  /** Room for a cell of `length` bytes: returns the offset to write it at. */
  place(length: number): number {
    this.contentStart -= length;
    const pointer = this.headerLength + 2 * this.cells++;
    this.bytes[pointer] = this.contentStart >> 8;
    this.bytes[pointer + 1] = this.contentStart & 0xff;
    return this.contentStart;
  }

  /** The page's header written (with `rightChild` on an interior page), ready to be stored. */
  finish(rightChild = 0): Uint8Array {
    const bytes = this.bytes;
    // The free space may hold a record encoded there on its way to its place: a page keeps no such leftovers.
    bytes.fill(0, this.headerLength + 2 * this.cells, this.contentStart);
    bytes[0] = this.type;
    bytes[1] = 0; // no freeblock
    bytes[2] = 0;
    bytes[3] = this.cells >> 8;
    bytes[4] = this.cells & 0xff;
    const start = this.contentStart === 65536 ? 0 : this.contentStart;
    bytes[5] = start >> 8;
    bytes[6] = start & 0xff;
    bytes[7] = 0; // no fragmented bytes
    if (this.headerLength === interiorHeader) writeUint32(bytes, 8, rightChild);
    return bytes;
  }

  /** Empties the page, to be filled again as a page of `type` (the same type by default): `finish` writes every byte the cells do not, so nothing is cleared. */
  reset(type = this.type): void {
    this.type = type;
    this.cells = 0;
    this.contentStart = this.pageSize;
  }
}

/** The most payload a cell holds on its page (beyond it, SQLite spills to overflow pages, which are not written). */
export const tableLocalMax = (usable: number) => usable - 35;
export const indexLocalMax = (usable: number) => Math.floor(((usable - 12) * 64) / 255) - 23;
