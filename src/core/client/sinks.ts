import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Where paged records go, in order, a page at a time. */
export interface RecordSink<T = unknown> {
  write(records: readonly T[]): Promise<void> | void;
  close?(): Promise<void> | void;
}

export function arraySink<T = unknown>(): RecordSink<T> & { readonly records: T[] } {
  const records: T[] = [];
  return {
    records,
    write(page) {
      for (const record of page) records.push(record);
    },
  };
}

/** Streams records to a file, one JSON object a line, waiting for the disk when it lags. */
export function ndjsonFileSink(path: string): RecordSink & { readonly written: () => number } {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  let count = 0;
  return {
    written: () => count,
    async write(page) {
      const text = page.map((record) => JSON.stringify(record)).join('\n');
      if (!text) return;
      count += page.length;
      if (!stream.write(text + '\n')) await once(stream, 'drain');
    },
    async close() {
      stream.end();
      await once(stream, 'close');
    },
  };
}
