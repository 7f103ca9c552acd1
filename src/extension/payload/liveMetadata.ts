import * as vscode from 'vscode';
import type { ColumnMetadata, ExtensionCatalog } from '../../core/payload';
import { localSandboxName, type ActiveConnection } from '../connections/activeConnection';
import type { ClientPool } from '../connections/clientPool';
import type { SandboxHost } from '../connections/sandboxHost';
import { Disposables } from '../util/disposables';
import { describeError } from '../util/errors';
import type { Log } from '../util/logger';
import { columnsFromMetadata, extensionNamesOf } from './metadataShapes';

/** Per-connection schema catalogs to share (the explorer's registry fits): one fetch per table, persisted. */
export interface SchemaCatalogs {
  get(connection: string): Promise<{ table(name: string, signal?: AbortSignal): Promise<{ readonly raw: unknown }> }>;
}

export interface LiveMetadataDeps {
  readonly active: ActiveConnection;
  readonly clients: ClientPool;
  readonly sandbox: SandboxHost;
  readonly log: Log;
  /** Where table metadata comes from when given; otherwise fetched through the connection's client. */
  readonly catalogs?: SchemaCatalogs;
}

/** A fetched part: its value, or when it last failed (retried after a pause), or the fetch under way. */
interface Slot<T> {
  value?: T;
  /** When the next fetch may start, after `failures` failed ones in a row. */
  retryAt?: number;
  failures?: number;
  pending?: Promise<void>;
}

/** 2 s after a first failure (a hiccup), doubling up to a minute (a server that is down). */
const retryDelayMs = (failures: number) => Math.min(60_000, 2_000 * 2 ** (failures - 1));

/**
 * Table metadata and the STUDENTS extension catalog of the active connection, for the payload
 * rules. Lookups answer at once from the cache and start a fetch when something is missing;
 * `onDidLoad` says when a fetch brought something (or a failed one may be retried), so
 * validation runs again. Typing never waits for the network. The Local sandbox is asked only when it already runs: opening a
 * payload file should not start a server.
 */
export class LiveMetadata extends Disposables {
  private readonly loaded = this.track(new vscode.EventEmitter<void>());
  /** Fires when fetched metadata arrived or the connection changed: findings that used it are stale. */
  readonly onDidLoad = this.loaded.event;
  private tables = new Map<string, Slot<readonly ColumnMetadata[]>>();
  private extensions: Slot<ExtensionCatalog> = {};
  private abort = new AbortController();
  private revisionCount = 0;
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: LiveMetadataDeps) {
    super(deps.log);
    this.track(deps.active.onDidChange(() => this.reset()));
    this.track({
      dispose: () => {
        for (const timer of this.retryTimers) clearTimeout(timer);
        this.retryTimers.clear();
        this.abort.abort();
      },
    });
  }

  /** Changes whenever what the lookups answer may have changed. */
  get revision(): number {
    return this.revisionCount;
  }

  /** The table's columns when known; [] when the server has no metadata for it; undefined while unknown. */
  columnsOf(table: string): readonly ColumnMetadata[] | undefined {
    const key = table.toLowerCase();
    let slot = this.tables.get(key);
    if (!slot) this.tables.set(key, (slot = {}));
    return this.lookup(slot, (signal) => this.fetchColumns(key, signal));
  }

  /** STUDENTS' extension tables with their columns, or undefined while unknown (the rules then skip names). */
  extensionCatalog(): ExtensionCatalog | undefined {
    return this.lookup(this.extensions, (signal) => this.fetchExtensionCatalog(signal));
  }

  /** Resolves once every fetch under way has ended (the Validate Payload command waits for it). */
  async settled(): Promise<void> {
    for (;;) {
      const pending = [this.extensions.pending, ...[...this.tables.values()].map((slot) => slot.pending)].filter((item) => item !== undefined);
      if (pending.length === 0) return;
      await Promise.all(pending);
    }
  }

  private get connectionAvailable(): boolean {
    return this.deps.active.name !== localSandboxName || this.deps.sandbox.isRunning;
  }

  private lookup<T>(slot: Slot<T>, fetch: (signal: AbortSignal) => Promise<T>): T | undefined {
    if (slot.value !== undefined || slot.pending) return slot.value;
    if (!this.connectionAvailable || (slot.retryAt !== undefined && Date.now() < slot.retryAt)) return undefined;
    const abort = this.abort;
    slot.pending = fetch(abort.signal).then(
      (value) => {
        slot.pending = undefined;
        if (abort.signal.aborted) return;
        slot.value = value;
        slot.failures = undefined;
        slot.retryAt = undefined;
        this.changed();
      },
      (error: unknown) => {
        slot.pending = undefined;
        if (abort.signal.aborted) return;
        slot.failures = (slot.failures ?? 0) + 1;
        const delay = retryDelayMs(slot.failures);
        slot.retryAt = Date.now() + delay;
        this.log.warn(`live metadata unavailable, checking without it (retry in ${delay / 1000} s): ${describeError(error)}`);
        // Validation runs again when a retry may start, so the documents that asked fetch again.
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          if (!abort.signal.aborted) this.changed();
        }, delay);
        this.retryTimers.add(timer);
      },
    );
    return undefined;
  }

  private async fetchColumns(table: string, signal?: AbortSignal): Promise<readonly ColumnMetadata[]> {
    const catalogs = this.deps.catalogs;
    try {
      const json = catalogs
        ? (await (await catalogs.get(this.deps.active.name)).table(table, signal)).raw
        : await (await this.deps.clients.get()).getJson(`/ws/schema/table/${encodeURIComponent(table)}/metadata`, { query: { expansions: 'access,attrs' }, signal });
      return columnsFromMetadata(json) ?? [];
    } catch (error) {
      // No such table on this server: the body's shape is still checked, its columns cannot be.
      if ((error as { status?: unknown }).status === 404) return [];
      throw error;
    }
  }

  private async fetchExtensionCatalog(signal: AbortSignal): Promise<ExtensionCatalog> {
    const client = await this.deps.clients.get();
    const names =
      extensionNamesOf(await client.getJson('/ws/v1/district/student', { query: { pagesize: 1 }, signal }).catch(() => undefined)) ??
      extensionNamesOf(await client.getJson('/ws/schema/table/students', { query: { pagesize: 1, projection: 'dcid' }, signal }));
    if (!names) throw new Error('the server did not list the extension tables of STUDENTS (@extensions)');
    const tables = await Promise.all(
      names.map(async (name) => {
        const slot = this.tables.get(name.toLowerCase());
        const columns = slot?.value ?? (await this.fetchColumns(name.toLowerCase(), signal));
        return { name, columns };
      }),
    );
    return { tables };
  }

  private changed(): void {
    this.revisionCount++;
    this.loaded.fire();
  }

  private reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.tables = new Map();
    this.extensions = {};
    this.changed();
  }
}
