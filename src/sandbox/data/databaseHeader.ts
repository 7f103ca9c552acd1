// The fields of a SQLite database's 100-byte header this code reads and writes
// (https://www.sqlite.org/fileformat.html, 1.3), all big-endian.
const pageSizeAt = 16;
const reservedBytesAt = 20;
const changeCounterAt = 24;
const pageCountAt = 28;
const userVersionAt = 60;
const versionValidForAt = 92;
const headerBytes = 100;
const sqliteMagic = 'SQLite format 3\0';

const headerOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, headerBytes);

/** The page size the header gives (its field holds 1 for 65,536). */
export function headerPageSize(bytes: Uint8Array): number {
  const field = headerOf(bytes).getUint16(pageSizeAt);
  return field === 1 ? 65536 : field;
}

/** Bytes reserved at the end of every page (for extensions; 0 in the sandbox's files). */
export const reservedBytes = (bytes: Uint8Array): number => bytes[reservedBytesAt]!;

/** The file change counter, which SQLite moves with every committed write. */
export const changeCounter = (bytes: Uint8Array): number => headerOf(bytes).getUint32(changeCounterAt);

/** The header's page count. */
export const headerPageCount = (bytes: Uint8Array): number => headerOf(bytes).getUint32(pageCountAt);

export const userVersion = (bytes: Uint8Array): number => headerOf(bytes).getUint32(userVersionAt);

export function setUserVersion(bytes: Uint8Array, version: number): void {
  headerOf(bytes).setUint32(userVersionAt, version);
}

/**
 * Records a page count and moves the change counter, as a commit by another process does: SQLite
 * drops every page it holds at its next statement, and trusts the count while "version valid for"
 * equals the counter.
 */
export function recordChange(bytes: Uint8Array, pageCount = headerPageCount(bytes)): void {
  const header = headerOf(bytes);
  const counter = (header.getUint32(changeCounterAt) + 1) >>> 0;
  header.setUint32(pageCountAt, pageCount);
  header.setUint32(changeCounterAt, counter);
  header.setUint32(versionValidForAt, counter);
}

/** The size of the SQLite database at the start of `bytes`, from its header; undefined when it is not one or does not fit. */
export function databaseBytes(bytes: Uint8Array): number | undefined {
  if (bytes.length < headerBytes) return undefined;
  for (let index = 0; index < sqliteMagic.length; index++) if (bytes[index] !== sqliteMagic.charCodeAt(index)) return undefined;
  const header = headerOf(bytes);
  const pages = header.getUint32(pageCountAt);
  // The header's page count holds only when the "version valid for" number matches the change counter.
  if (pages === 0 || header.getUint32(versionValidForAt) !== header.getUint32(changeCounterAt)) return undefined;
  const size = headerPageSize(bytes) * pages;
  return size <= bytes.length ? size : undefined;
}
