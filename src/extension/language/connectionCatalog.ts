import * as vscode from 'vscode';
import type { LiveCatalog, LivePowerQuery, LiveTable } from '../../core/assist';
import type { ColumnInfo } from '../../core/q';
import { Disposables } from '../util/disposables';
import { describeError } from '../util/errors';
import type { Log } from '../util/logger';
import type { SchemaSource } from './schemaSources';

/** How long a keystroke's completion waits for a first fetch before answering without it. */
const defaultWaitMs = 1_500;
/** A failed fetch is tried again after this long (the server may be back). */
const retryAfterMs = 30_000;

interface Entry {
  promise: Promise<unknown>;
  settled: boolean;
  value?: unknown;
  failedAt?: number;
}

/**
 * The active connection's schema as the assistant's LiveCatalog: tables, table columns,
 * PowerQueries and max page sizes, fetched once per connection and kept. A first fetch is
 * waited for only briefly — typing never waits on the network; when it lands later,
 * onDidLoad fires so diagnostics can be refreshed.
 */
export class ConnectionLiveCatalog extends Disposables implements LiveCatalog {
  private readonly loaded = this.track(new vscode.EventEmitter<void>());
  readonly onDidLoad = this.loaded.event;
  private entries = new Map<string, Entry>();

  constructor(
    /** The active connection's schema source (it starts the Local sandbox when that is the one). */
    private readonly source: () => Promise<SchemaSource>,
    active: { readonly onDidChange: vscode.Event<string> },
    log: Log,
    private readonly waitMs = defaultWaitMs,
  ) {
    super(log);
    this.track(active.onDidChange(() => {
      this.entries = new Map();
      this.loaded.fire();
    }));
  }

  tables(): Promise<readonly LiveTable[] | undefined> {
    return this.cached('tables', (source) => source.tables());
  }

  columns(table: string): Promise<readonly ColumnInfo[] | undefined> {
    if (!/^[\w$.-]+$/.test(table)) return Promise.resolve(undefined);
    return this.cached(`columns:${table.toLowerCase()}`, (source) => source.columns(table));
  }

  powerQueries(): Promise<readonly LivePowerQuery[] | undefined> {
    return this.cached('powerqueries', (source) => source.powerQueries());
  }

  async maxPageSize(key: string): Promise<number | undefined> {
    return (await this.cached('metadata', (source) => source.maxPageSizes()))?.get(key);
  }

  private cached<T>(key: string, load: (source: SchemaSource) => Promise<T | undefined>): Promise<T | undefined> {
    const existing = this.entries.get(key);
    if (existing?.settled && !(existing.failedAt !== undefined && Date.now() - existing.failedAt > retryAfterMs)) return Promise.resolve(existing.value as T | undefined);
    const entries = this.entries;
    let entry = existing && !existing.settled ? existing : undefined;
    if (!entry) {
      const created: Entry = { promise: Promise.resolve(), settled: false };
      created.promise = this.source()
        .then(load)
        .then((value) => {
          created.value = value;
        }, (error: unknown) => {
          created.failedAt = Date.now();
          this.log.debug(`could not load ${key.split(':')[0]}: ${describeError(error)}`);
        })
        .finally(() => {
          created.settled = true;
          // A later answer than the caller waited for: let the diagnostics catch up.
          if (this.entries === entries) this.loaded.fire();
        });
      entries.set(key, created);
      entry = created;
    }
    const waiting = entry;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.waitMs);
    });
    return Promise.race([waiting.promise.then(() => waiting.value as T | undefined), timeout]).finally(() => clearTimeout(timer));
  }
}
