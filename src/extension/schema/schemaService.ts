import * as vscode from 'vscode';
import type { LiveCatalog, LivePowerQuery, LiveTable } from '../../core/assist';
import { TaskLimiter, mapWithLimit } from '../../core/client';
import { catalogKeys, type MetadataEntry, type PowerQueryInfo, type SchemaCatalog, type TableSummary } from '../../core/catalog';
import type { ExtensionCatalog } from '../../core/payload';
import { extensionNamesOf, type ColumnInfo, type TableMetadata } from '../../core/schema';
import { localSandboxName } from '../../core/environments';
import type { Services } from '../services';
import { Disposables } from '../util/disposables';
import { describeError } from '../util/errors';
import { CatalogRegistry } from './catalogRegistry';
import { liveTables, livePowerQueries, maxPageSizes } from './catalogViews';

/** How long completion waits for a first fetch before answering without it. */
const firstFetchWaitMs = 1_500;
/** Live-catalog requests in flight at once (a district may have hundreds of extension tables). */
const maxFetchesInFlight = 4;
/** 2 s after a first failure (a hiccup), doubling up to a minute (a server that is down). */
const retryDelayMs = (failures: number) => Math.min(60_000, 2_000 * 2 ** (failures - 1));

/** One part of the active connection's schema: its value, the fetch under way, or when it may be tried again. */
interface Slot {
  value?: unknown;
  pending?: Promise<void>;
  failures?: number;
  retryAt?: number;
}

export type SchemaServiceDeps = Pick<Services, 'context' | 'log' | 'store' | 'clients' | 'active' | 'sandbox' | 'pending'>;

/**
 * The one schema service of the host: every connection's SchemaCatalog (`catalogs`, fetched once,
 * persisted in global storage) and the active connection's schema for editor features, with one
 * policy for all of them:
 * - Editor features (.psreq completion and diagnostics, payload checks) never start the Local
 *   sandbox: they use it once it runs (the tree, Send and the sandbox commands start it).
 * - Completion may wait up to 1.5 s for a first fetch; diagnostics and payload checks never wait.
 *   Either way a fetch that lands later fires `onDidLoad`, so findings are computed again.
 *   What the persisted catalog holds answers at once, also while the sandbox is not running.
 * - A failed fetch is tried again after 2 s, doubling up to a minute; `onDidLoad` fires when a
 *   retry may start. A table the server does not have is remembered as missing, not retried.
 * - Switching or editing connections drops what editor features were told; the catalogs (and
 *   their snapshots) stay.
 * The tree asks `catalogs` directly: expanding a node is an explicit request and may start the sandbox.
 */
export class SchemaService extends Disposables implements LiveCatalog {
  readonly catalogs: CatalogRegistry;
  private readonly loaded = this.track(new vscode.EventEmitter<void>());
  /** Fires when fetched schema arrived, a retry may start, or the connection changed: findings that used it are stale. */
  readonly onDidLoad = this.loaded.event;
  private slots = new Map<string, Slot>();
  /** Connections whose persisted catalog was asked to load (reading storage starts no server). */
  private readonly snapshotsLoading = new Set<string>();
  private abort = new AbortController();
  /** Documents may name many tables at once: the server gets a few requests at a time, not one per name. */
  private readonly fetches = new TaskLimiter(maxFetchesInFlight);
  private revisionCount = 0;
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: SchemaServiceDeps, private readonly waitMs = firstFetchWaitMs) {
    super(deps.log.for('schema'));
    this.catalogs = this.track(new CatalogRegistry(deps));
    // ActiveConnection re-fires on every store change (an edited connection included).
    this.track(deps.active.onDidChange(() => this.reset()));
    this.track(deps.sandbox.onDidStart(() => {
      if (deps.active.name === localSandboxName) this.changed();
    }));
    this.track({ dispose: () => this.stop() });
  }

  /** Changes whenever what the lookups answer may have changed. */
  get revision(): number {
    return this.revisionCount;
  }

  // Completion and .psreq diagnostics (the assistant's LiveCatalog): may wait briefly.

  async tables(): Promise<readonly LiveTable[] | undefined> {
    const tables = await this.waitFor<TableSummary[]>(catalogKeys.tables, (catalog, signal) => catalog.tables(signal));
    return tables && liveTables(tables);
  }

  async columns(table: string): Promise<readonly ColumnInfo[] | undefined> {
    if (!/^[\w$.-]+$/.test(table)) return undefined;
    return (await this.waitFor(catalogKeys.table(table), this.fetchTable(table)))?.columns;
  }

  async powerQueries(): Promise<readonly LivePowerQuery[] | undefined> {
    const queries = await this.waitFor<PowerQueryInfo[]>(catalogKeys.powerQueries, (catalog, signal) => catalog.powerQueries(signal));
    return queries && livePowerQueries(queries);
  }

  async maxPageSize(key: string): Promise<number | undefined> {
    const entries = await this.waitFor<MetadataEntry[]>(catalogKeys.metadata, (catalog, signal) => catalog.metadata(signal));
    return entries && maxPageSizes(entries).get(key);
  }

  // Payload checks: answer at once from what is known.

  /** The table's columns when known; [] when the server has no such table; undefined while unknown. */
  columnsOf(table: string): readonly ColumnInfo[] | undefined {
    const metadata = this.lookup(catalogKeys.table(table), this.fetchTable(table));
    return metadata === undefined ? undefined : metadata?.columns ?? [];
  }

  /** STUDENTS' extension tables with their columns, or undefined while unknown (the rules then skip names). */
  extensionCatalog(): ExtensionCatalog | undefined {
    return this.lookup('extensions/students', (catalog, signal) => this.fetchExtensionCatalog(catalog, signal));
  }

  /** Resolves once every fetch under way has ended (Validate Payload waits for it). */
  async settled(): Promise<void> {
    for (;;) {
      const pending = [...this.slots.values()].map((slot) => slot.pending).filter((item) => item !== undefined);
      if (pending.length === 0) return;
      await Promise.all(pending);
    }
  }

  private get connectionAvailable(): boolean {
    return this.deps.active.name !== localSandboxName || this.deps.sandbox.isRunning;
  }

  /** A table's metadata, or null when the server has none for it (404): its body shape can still be checked. */
  private fetchTable(table: string): (catalog: SchemaCatalog, signal: AbortSignal) => Promise<TableMetadata | null> {
    return (catalog, signal) => catalog.table(table, signal).catch((error: unknown) => {
      if ((error as { status?: unknown }).status === 404) return null;
      throw error;
    });
  }

  private async fetchExtensionCatalog(catalog: SchemaCatalog, signal: AbortSignal): Promise<ExtensionCatalog> {
    const client = await this.deps.clients.get(this.deps.active.name);
    const names =
      extensionNamesOf(await client.getJson('/ws/v1/district/student', { query: { pagesize: 1 }, signal }).catch(() => undefined)) ??
      extensionNamesOf(await client.getJson('/ws/schema/table/students', { query: { pagesize: 1, projection: 'dcid' }, signal }));
    if (!names) throw new Error('the server did not list the extension tables of STUDENTS (@extensions)');
    const tables = await mapWithLimit(names, maxFetchesInFlight, async (name) => ({ name, columns: (await this.fetchTable(name)(catalog, signal))?.columns ?? [] }));
    return { tables };
  }

  /** The part's value, from memory or the persisted catalog; otherwise starts a fetch (when allowed) and answers undefined. */
  private lookup<T>(key: string, fetch: (catalog: SchemaCatalog, signal: AbortSignal) => Promise<T>): T | undefined {
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = {}));
    if (slot.value !== undefined || slot.pending) return slot.value as T | undefined;
    const persisted = this.catalogs.peek<T>(this.deps.active.name, key);
    if (persisted !== undefined) return (slot.value = persisted);
    const connection = this.deps.active.name;
    if (!this.connectionAvailable) {
      this.loadSnapshot(connection);
      return undefined;
    }
    if (slot.retryAt !== undefined && Date.now() < slot.retryAt) return undefined;
    const abort = this.abort;
    const started = slot;
    started.pending = this.catalogs.get(connection).then((catalog) => this.fetches.run(() => fetch(catalog, abort.signal), abort.signal)).then(
      (value) => {
        started.pending = undefined;
        if (abort.signal.aborted) return;
        started.value = value;
        started.failures = undefined;
        started.retryAt = undefined;
        this.changed();
      },
      (error: unknown) => {
        started.pending = undefined;
        if (abort.signal.aborted) return;
        started.failures = (started.failures ?? 0) + 1;
        const delay = retryDelayMs(started.failures);
        started.retryAt = Date.now() + delay;
        this.log.warn(`${key} of '${connection}' unavailable, checking without it (retry in ${delay / 1000} s): ${describeError(error)}`);
        // Findings are computed again when a retry may start, so the documents that asked fetch again.
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          if (!abort.signal.aborted) this.changed();
        }, delay);
        this.retryTimers.add(timer);
      },
    );
    return undefined;
  }

  /** `lookup`, but a first fetch is waited for up to `waitMs`; a missing table reads as unknown. */
  private async waitFor<T>(key: string, fetch: (catalog: SchemaCatalog, signal: AbortSignal) => Promise<T | null>): Promise<T | undefined> {
    const known = this.lookup(key, fetch);
    if (known !== undefined) return known ?? undefined;
    const pending = this.slots.get(key)?.pending;
    if (!pending) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.waitMs);
    });
    await Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
    return (this.slots.get(key)?.value as T | null | undefined) ?? undefined;
  }

  /** Reads the connection's persisted catalog, so lookups can answer from it without a server. */
  private loadSnapshot(connection: string): void {
    if (this.snapshotsLoading.has(connection)) return;
    this.snapshotsLoading.add(connection);
    void this.catalogs.get(connection).then(() => this.changed(), (error: unknown) => {
      this.log.debug(`could not read the stored catalog of '${connection}': ${describeError(error)}`);
    });
  }

  private changed(): void {
    this.revisionCount++;
    this.loaded.fire();
  }

  private reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.slots = new Map();
    this.snapshotsLoading.clear();
    this.changed();
  }

  private stop(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.abort.abort();
  }
}
