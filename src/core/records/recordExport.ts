import { ndjsonFileSink, textFileWriter } from '../client';
import type { RecordTable } from './recordTable';

export type ExportFormat = 'csv' | 'ndjson';

/** Records written per slice: the file grows a slice at a time, waiting for the disk. */
const sliceSize = 1000;
const formulaStart = /^[=+@\t\r]/;

/**
 * One CSV line (RFC 4180, CRLF). A cell a spreadsheet would run as a formula gets a leading `'`
 * (OWASP's CSV-injection advice); a negative number is left as it is.
 */
export function csvLine(cells: readonly string[]): string {
  return cells.map((cell) => {
    const safe = formulaStart.test(cell) || (cell.startsWith('-') && Number.isNaN(Number(cell))) ? `'${cell}` : cell;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  }).join(',') + '\r\n';
}

/**
 * Every record of the table to `path`, in the response's order: CSV of the table's columns, or
 * NDJSON of the records whole. Returns how many were written; `signal` stops it between slices.
 */
export async function exportRecords(table: RecordTable, format: ExportFormat, path: string, options: { onProgress?: (written: number) => void; signal?: AbortSignal } = {}): Promise<number> {
  const total = table.total;
  const sink = format === 'ndjson' ? ndjsonSink(table, path) : csvSink(table, path);
  try {
    for (let start = 0; start < total; start += sliceSize) {
      options.signal?.throwIfAborted();
      const end = Math.min(total, start + sliceSize);
      await sink.write(start, end);
      options.onProgress?.(end);
    }
  } finally {
    await sink.close();
  }
  return total;
}

interface SliceSink {
  write(start: number, end: number): Promise<void>;
  close(): Promise<void>;
}

function ndjsonSink(table: RecordTable, path: string): SliceSink {
  const sink = ndjsonFileSink(path);
  return { write: async (start, end) => sink.write(table.set.records.slice(start, end)), close: async () => sink.close?.() };
}

function csvSink(table: RecordTable, path: string): SliceSink {
  const file = textFileWriter(path);
  const header = csvLine(table.columns.map((column) => column.label));
  let started = false;
  const ensureHeader = async () => {
    if (!started) await file.write(header);
    started = true;
  };
  return {
    async write(start, end) {
      await ensureHeader();
      let text = '';
      for (let index = start; index < end; index++) text += csvLine(table.cellsOf(index));
      await file.write(text);
    },
    async close() {
      try {
        await ensureHeader();
      } finally {
        await file.close();
      }
    },
  };
}
