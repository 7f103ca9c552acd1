import { CatalogCache, type CatalogSnapshot } from './cache';
import { catalogKeys } from './keys';
import { parseTableMetadata, type TableMetadata } from '../schema';
import { parseAreas, parseMetadata, parseTableList } from './parse';
import type { SearchItem } from './search';
import { groupByNamespace, parsePowerQueries } from './swagger';
import type { CatalogTransport } from './transport';
import type { AreaInfo, MetadataEntry, PowerQueryInfo, PowerQueryNamespace, TableSummary } from './types';

export interface SchemaCatalogOptions {
  /** Which server this is (e.g. its URL and client id): a snapshot of another server is ignored. */
  readonly identity: string;
  /** A snapshot saved earlier (anything read from disk; checked before use). */
  readonly snapshot?: unknown;
  readonly now?: () => number;
  /** Called after anything new was fetched or dropped, so a host can persist `snapshot()`. */
  readonly onDidChange?: () => void;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });

/**
 * One server's schema: areas, tables, table metadata, PowerQueries and /ws/v1/metadata, each
 * fetched once on first use, kept in memory and in a snapshot a host can persist. Concurrent
 * requests for the same part share one fetch; `invalidate` drops a part and what lies under it.
 */
export class SchemaCatalog {
  private readonly cache: CatalogCache;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly now: () => number;

  constructor(private readonly transport: CatalogTransport, private readonly options: SchemaCatalogOptions) {
    this.cache = new CatalogCache(options.identity, options.snapshot);
    this.now = options.now ?? Date.now;
  }

  get identity(): string {
    return this.cache.identity;
  }

  areas(signal?: AbortSignal): Promise<AreaInfo[]> {
    return this.load(catalogKeys.areas, async () => parseAreas(await this.transport.getJson('/ws/schema/area', { signal })));
  }

  /** Tables of one area (or sub-area), alphabetical. */
  areaTables(area: string, signal?: AbortSignal): Promise<TableSummary[]> {
    const path = `/ws/schema/area/${encodeURIComponent(area)}/table`;
    return this.load(catalogKeys.area(area), async () => parseTableList(await this.transport.getJson(path, { signal }), `GET ${path}`).sort(byName));
  }

  /** Every table, alphabetical. */
  tables(signal?: AbortSignal): Promise<TableSummary[]> {
    return this.load(catalogKeys.tables, async () => parseTableList(await this.transport.getJson('/ws/schema/table', { signal })).sort(byName));
  }

  /** One table's metadata with its columns (in the server's order), access and actions. */
  table(name: string, signal?: AbortSignal): Promise<TableMetadata> {
    const path = `/ws/schema/table/${encodeURIComponent(name.toLowerCase())}/metadata`;
    return this.load(catalogKeys.table(name), async () =>
      parseTableMetadata(await this.transport.getJson(path, { query: { expansions: 'access,actions' }, signal }), name),
    );
  }

  powerQueries(signal?: AbortSignal): Promise<PowerQueryInfo[]> {
    return this.load(catalogKeys.powerQueries, async () => parsePowerQueries(await this.transport.getJson('/ws/schema/query/api', { signal })));
  }

  async namespaces(signal?: AbortSignal): Promise<PowerQueryNamespace[]> {
    return groupByNamespace(await this.powerQueries(signal));
  }

  metadata(signal?: AbortSignal): Promise<MetadataEntry[]> {
    return this.load(catalogKeys.metadata, async () => parseMetadata(await this.transport.getJson('/ws/v1/metadata', { signal })));
  }

  /** Tables and PowerQueries for fuzzy search (fetched when not cached yet). */
  async searchItems(signal?: AbortSignal): Promise<SearchItem[]> {
    const [tables, queries] = await Promise.all([this.tables(signal), this.powerQueries(signal)]);
    return [
      ...tables.map((table): SearchItem => ({ kind: 'table', name: table.name, ...(table.comment ? { detail: table.comment } : {}) })),
      ...queries.map((query): SearchItem => ({ kind: 'powerQuery', name: query.name, ...(query.summary ? { detail: query.summary } : {}) })),
    ];
  }

  /** A cached part without fetching (e.g. `catalogKeys.tables`), or undefined. */
  peek<T>(key: string): T | undefined {
    return this.cache.get(key)?.value as T | undefined;
  }

  /** When a cached part was fetched (ms since the epoch), or undefined. */
  fetchedAt(key: string): number | undefined {
    return this.cache.get(key)?.fetchedAt;
  }

  /** Drops `key` and what lies under it (`tables` drops every table's metadata too); no key drops all. */
  invalidate(key?: string): void {
    if (key === undefined) this.inFlight.clear();
    else for (const pending of [...this.inFlight.keys()]) if (pending === key || pending.startsWith(`${key}/`)) this.inFlight.delete(pending);
    if (this.cache.delete(key) > 0) this.options.onDidChange?.();
  }

  snapshot(): CatalogSnapshot {
    return this.cache.snapshot(this.now());
  }

  private load<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached.value as T);
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const started: Promise<T> = fetch().then(
      (value) => {
        // A refresh of this key meanwhile dropped it from inFlight: what this fetch brought may be stale.
        if (this.inFlight.get(key) === started) {
          this.inFlight.delete(key);
          this.cache.set(key, value, this.now());
          this.options.onDidChange?.();
        }
        return value;
      },
      (error: unknown) => {
        if (this.inFlight.get(key) === started) this.inFlight.delete(key);
        throw error;
      },
    );
    this.inFlight.set(key, started);
    return started;
  }
}
