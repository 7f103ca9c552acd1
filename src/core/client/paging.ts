import { abortError } from './errors';
import { readCount, recordsOf } from './normalise';
import type { PowerSchoolClient } from './powerSchoolClient';
import type { RecordSink } from './sinks';
import type { RequestOptions } from './types';

/** A list resource: a v1 collection, a schema table, or a PowerQuery (POST with a body). */
export interface PagedResource {
  readonly method?: 'GET' | 'POST';
  readonly path: string;
  readonly query?: RequestOptions['query'];
  readonly body?: unknown;
  /** Where the total comes from; by default `<path>/count`. `null`: no count, page until a short page. */
  readonly countPath?: string | null;
}

export interface PageOptions {
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

export interface FetchAllOptions extends PageOptions {
  /** Pages in flight at once (default 4). Records still reach the sink in page order. */
  readonly concurrency?: number;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number | undefined; readonly page: number }) => void;
}

export interface Page<T = unknown> {
  readonly page: number;
  readonly records: T[];
}

export const defaultPageSize = 100;

function pageRequest(resource: PagedResource, page: number, pageSize: number, signal?: AbortSignal): RequestOptions {
  return {
    method: resource.method ?? 'GET',
    path: resource.path,
    query: { ...resource.query, page, pagesize: pageSize },
    body: resource.method === 'POST' ? resource.body ?? {} : undefined,
    signal,
  };
}

/** The number of records the resource holds, or undefined when the server cannot say. */
export async function countRecords(client: PowerSchoolClient, resource: PagedResource, signal?: AbortSignal): Promise<number | undefined> {
  if (resource.countPath === null) return undefined;
  const path = resource.countPath ?? `${resource.path.replace(/\/+$/, '')}/count`;
  const { page: _page, pagesize: _size, ...query } = resource.query ?? {};
  const body = await client.getJson(path, { method: resource.method ?? 'GET', query, body: resource.method === 'POST' ? resource.body ?? {} : undefined, signal });
  const count = readCount(body);
  if (count === undefined) throw new Error(`${path} answered without a count`);
  return count;
}

/** Every page in order, one request at a time, until a short page (or the known total). */
export async function* pages<T = unknown>(client: PowerSchoolClient, resource: PagedResource, options: PageOptions = {}): AsyncGenerator<Page<T>> {
  const pageSize = options.pageSize ?? defaultPageSize;
  for (let page = 1; ; page++) {
    const body = await client.getJson(resource.path, pageRequest(resource, page, pageSize, options.signal));
    const records = recordsOf(body) as T[];
    if (records.length > 0) yield { page, records };
    if (records.length < pageSize) return;
  }
}

/**
 * Reads the count, then fetches every page with bounded concurrency and hands records to the
 * sink strictly in order. At most `concurrency` pages are held in memory at any time.
 */
export async function fetchAll<T = unknown>(client: PowerSchoolClient, resource: PagedResource, sink: RecordSink<T>, options: FetchAllOptions = {}): Promise<{ total: number; pages: number }> {
  const pageSize = options.pageSize ?? defaultPageSize;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const signal = options.signal;
  const total = await countRecords(client, resource, signal);
  let done = 0;
  let pagesRead = 0;
  const deliver = async (page: Page<T>) => {
    if (signal?.aborted) throw abortError(signal);
    await sink.write(page.records);
    done += page.records.length;
    pagesRead += 1;
    options.onProgress?.({ done, total, page: page.page });
  };

  try {
    if (total === undefined) {
      for await (const page of pages<T>(client, resource, options)) await deliver(page);
    } else {
      const pageCount = Math.ceil(total / pageSize);
      // A private controller stops the pages still in flight when one fails or the caller cancels.
      const inner = new AbortController();
      const onAbort = () => inner.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const fetchPage = async (page: number): Promise<Page<T>> => {
        const body = await client.getJson(resource.path, pageRequest(resource, page, pageSize, inner.signal));
        return { page, records: recordsOf(body) as T[] };
      };
      const window: Promise<Page<T>>[] = [];
      let next = 1;
      try {
        while (next <= pageCount && window.length < concurrency) window.push(fetchPage(next++));
        while (window.length > 0) {
          const page = await window.shift()!;
          if (next <= pageCount) window.push(fetchPage(next++));
          await deliver(page);
        }
      } catch (error) {
        inner.abort();
        for (const pending of window) pending.catch(() => undefined);
        throw signal?.aborted ? abortError(signal) : error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    }
  } finally {
    await sink.close?.();
  }
  return { total: total ?? done, pages: pagesRead };
}
