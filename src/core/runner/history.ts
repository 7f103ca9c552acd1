import type { RunResult } from './types';

export const historyLimit = 100;

/** One past request, as stored: no token, no secret, no body (bodies are stored apart by id). */
export interface HistoryEntry {
  readonly id: string;
  /** ms since the epoch. */
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly timeMs: number;
  readonly sizeBytes: number;
  readonly title?: string;
  readonly name?: string;
  /** The file and request it came from, to run it again. */
  readonly source?: { readonly file: string; readonly index: number };
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: string;
  readonly withToken: boolean;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly paging?: { readonly pages: number; readonly records: number };
}

/** Where the history lives: the extension uses globalState and files in global storage. */
export interface HistoryStore {
  load(): readonly HistoryEntry[];
  save(entries: readonly HistoryEntry[]): Promise<void>;
  writeBody(id: string, text: string): Promise<void>;
  readBody(id: string): Promise<string | undefined>;
  deleteBody(id: string): Promise<void>;
}

export function historyEntryOf(result: RunResult, id: string, at: number, source?: HistoryEntry['source']): HistoryEntry {
  const { request, response } = result;
  return {
    id, at,
    method: request.method, url: request.url, status: response.status, statusText: response.statusText,
    timeMs: response.timeMs, sizeBytes: response.sizeBytes, title: request.title, name: request.name, source,
    requestHeaders: request.headers, requestBody: request.body, withToken: request.withToken,
    responseHeaders: response.headers, paging: result.paging,
  };
}

/** The last `limit` requests, newest first, across reloads. */
export class RequestHistory {
  private entries: HistoryEntry[];

  constructor(
    private readonly store: HistoryStore,
    private readonly limit = historyLimit,
  ) {
    this.entries = [...store.load()].slice(0, limit);
  }

  list(): readonly HistoryEntry[] {
    return this.entries;
  }

  find(id: string): HistoryEntry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }

  async add(entry: HistoryEntry, bodyText: string): Promise<void> {
    await this.store.writeBody(entry.id, bodyText);
    const evicted = [entry, ...this.entries].slice(this.limit);
    this.entries = [entry, ...this.entries].slice(0, this.limit);
    await this.store.save(this.entries);
    await Promise.all(evicted.map((old) => this.store.deleteBody(old.id).catch(() => undefined)));
  }

  body(id: string): Promise<string | undefined> {
    return this.store.readBody(id);
  }

  async clear(): Promise<void> {
    const old = this.entries;
    this.entries = [];
    await this.store.save([]);
    await Promise.all(old.map((entry) => this.store.deleteBody(entry.id).catch(() => undefined)));
  }
}
