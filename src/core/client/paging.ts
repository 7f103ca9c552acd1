import { createHash } from 'node:crypto';
import { PowerSchoolError, abortError } from './errors';
import { readCount } from '../schema';
import { recordsOf } from './normalise';
import type { RecordSink } from './sinks';
import type { RequestOptions } from './types';

/** What paging needs of a client: the JSON of a 2xx answer (the PowerSchoolClient, a test double). */
export interface JsonSource {
  getJson(path: string, options?: Omit<RequestOptions, 'path'>): Promise<unknown>;
}

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
  /** Records asked for per page (default 100). A server that caps it lower is detected and followed. */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

export type ProgressCallback = (done: number, total: number | undefined, page: number) => void;

export interface FetchAllOptions extends PageOptions {
  /** Pages in flight at once (default 4). Records still reach the sink in page order. */
  readonly concurrency?: number;
  /** After each page reaches the sink: records delivered so far, the count (when known), the page number. */
  readonly onProgress?: ProgressCallback;
}

export interface Page<T = unknown> {
  readonly page: number;
  readonly records: T[];
}

export interface FetchAllResult {
  /** Records delivered to the sink; equals the count the server reported when it reported one. */
  readonly total: number;
  readonly pages: number;
  /** The page size the server actually used (lower than asked when it caps `pagesize`). */
  readonly pageSize: number;
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

async function fetchPage<T>(client: JsonSource, resource: PagedResource, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<T>> {
  const body = await client.getJson(resource.path, pageRequest(resource, page, pageSize, signal));
  return { page, records: recordsOf(body) as T[] };
}

/** The number of records the resource holds, or undefined when the server cannot say. */
export async function countRecords(client: JsonSource, resource: PagedResource, signal?: AbortSignal): Promise<number | undefined> {
  if (resource.countPath === null) return undefined;
  const path = resource.countPath ?? `${resource.path.replace(/\/+$/, '')}/count`;
  const { page: _page, pagesize: _size, ...query } = resource.query ?? {};
  const body = await client.getJson(path, { method: resource.method ?? 'GET', query, body: resource.method === 'POST' ? resource.body ?? {} : undefined, signal });
  const count = readCount(body);
  if (count === undefined) throw new PowerSchoolError(200, resource.method ?? 'GET', path, 'the answer holds no count', [], 'malformed');
  return count;
}

/** What a walk reads, for its errors: `GET /ws/v1/district/student`. */
export interface WalkTarget {
  readonly method: string;
  readonly path: string;
}

/**
 * The one paging walk: page 1, 2, … one request at a time, until a short or empty page.
 * PowerSchool caps `pagesize` at the plugin's maximum without saying so; a short first page is
 * therefore followed by one probe of page 2 before it is taken as the last. `read` fetches one
 * page (asking for `pageSize` records); `recordsOf` gives a page's records. A page identical to
 * the one before (a server that ignores `page` would send full pages for ever) stops the walk
 * with an error.
 */
export async function* walkPages<P>(read: (page: number, pageSize: number) => Promise<P>, recordsOf: (page: P) => readonly unknown[], target: WalkTarget, asked: number = defaultPageSize): AsyncGenerator<P> {
  let pageSize = asked;
  let previous = '';
  const checked = (page: number, current: P): number => {
    const records = recordsOf(current);
    const digest = createHash('sha256').update(JSON.stringify(records)).digest('base64');
    if (records.length > 0 && digest === previous) {
      throw new PowerSchoolError(200, target.method, target.path, `page ${page} repeats page ${page - 1}; the server does not page this resource, stopped`, [], 'inconsistent');
    }
    previous = digest;
    return records.length;
  };
  for (let page = 1; ; page++) {
    const current = await read(page, asked);
    const length = checked(page, current);
    if (length === 0) return;
    yield current;
    if (page === 1 && length < asked) {
      const second = await read(2, asked);
      const secondLength = checked(2, second);
      if (secondLength === 0) return;
      pageSize = length;
      yield second;
      if (secondLength < pageSize) return;
      page = 2;
      continue;
    }
    if (length < pageSize) return;
  }
}

/** Every page of a list resource in order, one request at a time (see walkPages). */
export function pages<T = unknown>(client: JsonSource, resource: PagedResource, options: PageOptions = {}): AsyncGenerator<Page<T>> {
  return walkPages((page, pageSize) => fetchPage<T>(client, resource, page, pageSize, options.signal), (page) => page.records, { method: resource.method ?? 'GET', path: resource.path }, options.pageSize ?? defaultPageSize);
}

/**
 * Reads the count, then fetches every page with at most `concurrency` requests in flight and
 * hands records to the sink strictly in page order; no more than `concurrency` pages wait in
 * memory. Every page is checked against the count, so a record lost or repeated because the
 * data changed during the run is an error, never a silently wrong result.
 */
export async function fetchAll<T = unknown>(client: JsonSource, resource: PagedResource, sink: RecordSink<T>, options: FetchAllOptions = {}): Promise<FetchAllResult> {
  const asked = options.pageSize ?? defaultPageSize;
  if (!Number.isInteger(asked) || asked < 1) throw new RangeError(`pageSize must be a whole number ≥ 1, got ${asked}`);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const signal = options.signal;
  let done = 0;
  let pagesRead = 0;
  let pageSize = asked;
  const deliver = async (page: Page<T>, total: number | undefined) => {
    if (signal?.aborted) throw abortError(signal);
    await sink.write(page.records);
    done += page.records.length;
    pagesRead += 1;
    options.onProgress?.(done, total, page.page);
  };

  try {
    const total = await countRecords(client, resource, signal);
    if (total === undefined) {
      for await (const page of pages<T>(client, resource, options)) {
        // Every page but the last is full, so a second page shows the size the server used.
        if (page.page === 2) pageSize = done;
        await deliver(page, undefined);
      }
    } else if (total > 0) {
      await fetchCounted(total);
    }
  } catch (error) {
    // The run's own error is the one to report, not a sink that then fails to close.
    await (async () => sink.close?.())().catch(() => undefined);
    throw error;
  }
  await sink.close?.();
  return { total: done, pages: pagesRead, pageSize };

  async function fetchCounted(total: number): Promise<void> {
    // A private controller stops the pages still in flight when one fails or the caller cancels.
    const inner = new AbortController();
    const onAbort = () => inner.abort(signal?.reason);
    if (signal?.aborted) throw abortError(signal);
    signal?.addEventListener('abort', onAbort, { once: true });
    let pageCount = Math.ceil(total / asked);
    const window: Promise<Page<T>>[] = [];
    let next = 1;
    const request = () => {
      const pending = fetchPage<T>(client, resource, next++, asked, inner.signal);
      // Marks the rejection handled now: a later page may fail while an earlier one is awaited.
      pending.catch(() => undefined);
      window.push(pending);
    };
    try {
      while (next <= pageCount && window.length < concurrency) request();
      while (window.length > 0) {
        const page = await window.shift()!;
        if (page.page === 1) {
          // The server's cap applies to every page alike, so pages already asked for stay valid.
          if (page.records.length > 0 && page.records.length < asked && page.records.length < total) pageSize = page.records.length;
          pageCount = Math.ceil(total / pageSize);
        }
        const expected = page.page < pageCount ? pageSize : total - (pageCount - 1) * pageSize;
        if (page.records.length !== expected) {
          throw new PowerSchoolError(200, resource.method ?? 'GET', resource.path,
            `page ${page.page} held ${page.records.length} records where ${expected} were expected (count ${total}, page size ${pageSize}); the data changed while paging, run again`, [], 'inconsistent');
        }
        while (next <= pageCount && window.length < concurrency) request();
        await deliver(page, total);
      }
    } catch (error) {
      inner.abort();
      throw signal?.aborted ? abortError(signal) : error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
