import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

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

export type StreamFormat = 'ndjson' | 'json-array';

/** What text passes through on its way out (psdev masks secrets with it); unchanged by default. */
export type TextFilter = (text: string) => string;

const unchanged: TextFilter = (text) => text;

/**
 * Writes records to a stream as they come, waiting for it when it lags, so memory holds a page
 * at most: `ndjson` one JSON object a line, `json-array` one indented JSON array. The stream is
 * left open (stdout must not be ended); `written()` counts records.
 */
export function streamSink(stream: Writable, format: StreamFormat = 'ndjson', filter: TextFilter = unchanged): { write(records: readonly unknown[]): Promise<void>; close(): Promise<void>; readonly written: () => number } {
  let count = 0;
  const put = async (text: string) => {
    if (!stream.write(filter(text))) await once(stream, 'drain');
  };
  return {
    written: () => count,
    async write(page) {
      if (page.length === 0) return;
      const text = format === 'ndjson'
        ? page.map((record) => JSON.stringify(record) + '\n').join('')
        : page.map((record, i) => `${count + i === 0 ? '[\n' : ',\n'}${indent(JSON.stringify(record, null, 2))}`).join('');
      count += page.length;
      await put(text);
    },
    async close() {
      if (format === 'json-array') await put(count === 0 ? '[]\n' : '\n]\n');
    },
  };
}

/**
 * A file written a piece of text at a time, waiting for the disk when it lags, so memory holds
 * a piece at most. A file that cannot be written fails the run with a one-line reason.
 */
export function textFileWriter(path: string): { write(text: string): Promise<void>; close(): Promise<void> } {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  let failure: Error | undefined;
  // Without a listener a bad path (no such folder, no permission) would crash the process.
  stream.on('error', (error) => (failure ??= error));
  const check = () => {
    if (failure) throw new Error(`cannot write ${path}: ${(failure as NodeJS.ErrnoException).code ?? failure.message}`);
  };
  return {
    async write(text) {
      check();
      // Waiting for 'drain' rejects if the stream fails meanwhile; a later failure shows on the next piece.
      if (!stream.write(text)) await once(stream, 'drain').catch((error: Error) => (failure ??= error));
      check();
    },
    async close() {
      if (!stream.destroyed) {
        stream.end();
        await once(stream, 'close');
      }
      check();
    },
  };
}

/** Streams records to a file, one JSON object a line. A file that cannot be written fails the run. */
export function ndjsonFileSink(path: string, filter: TextFilter = unchanged): RecordSink & { readonly written: () => number } {
  const file = textFileWriter(path);
  let count = 0;
  return {
    written: () => count,
    async write(page) {
      if (page.length === 0) return;
      count += page.length;
      await file.write(filter(page.map((record) => JSON.stringify(record) + '\n').join('')));
    },
    close: () => file.close(),
  };
}

function indent(json: string): string {
  return '  ' + json.replace(/\n/g, '\n  ');
}
