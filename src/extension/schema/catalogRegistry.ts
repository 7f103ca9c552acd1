import * as vscode from 'vscode';
import { SchemaCatalog, type CatalogTransport } from '../../core/catalog';
import { localSandboxName } from '../../core/environments';
import type { Services } from '../services';
import { Disposables } from '../util/disposables';

/** What the catalogs are made from. */
export type CatalogRegistryDeps = Pick<Services, 'context' | 'log' | 'store' | 'clients' | 'pending'>;
import { describeError } from '../util/errors';

const saveDelayMs = 300;

/**
 * One SchemaCatalog per connection, fetched through that connection's client and persisted as a
 * JSON snapshot in the extension's global storage, so the tree is back at once after a reload.
 */
export class CatalogRegistry extends Disposables {
  private readonly catalogs = new Map<string, Promise<SchemaCatalog>>();
  private readonly ready = new Map<string, SchemaCatalog>();
  private readonly pendingSaves = new Map<string, { timer: ReturnType<typeof setTimeout>; catalog: SchemaCatalog }>();
  private readonly directory: vscode.Uri;

  constructor(private readonly services: CatalogRegistryDeps) {
    super(services.log.for('schema'));
    // Snapshots still waiting for their save are written now; deactivate() waits for them.
    this.track({ dispose: () => services.pending.add(this.flush()) });
    this.directory = vscode.Uri.joinPath(services.context.globalStorageUri, 'catalog');
  }

  /** The catalog of `connection`; a connection whose URL or client id changed starts afresh. */
  async get(connection: string): Promise<SchemaCatalog> {
    const identity = this.identityOf(connection);
    const existing = this.catalogs.get(connection);
    if (existing) {
      const catalog = await existing.catch(() => undefined);
      if (catalog?.identity === identity) return catalog;
    }
    const created = this.create(connection, identity);
    this.catalogs.set(connection, created);
    return created;
  }

  /** A cached part of a connection's catalog, without fetching or reading storage. */
  peek<T>(connection: string, key: string): T | undefined {
    return this.ready.get(connection)?.peek<T>(key);
  }

  /** Forgets the catalogs (in memory and in storage) of connections that no longer exist. */
  async forgetAllBut(connections: readonly string[]): Promise<void> {
    const kept = new Set(connections);
    let stored: [string, vscode.FileType][] = [];
    try {
      // Created first: reading a missing directory fails noisily in the host's log.
      await vscode.workspace.fs.createDirectory(this.directory);
      stored = await vscode.workspace.fs.readDirectory(this.directory);
    } catch (error) {
      this.log.debug(`could not list stored catalogs: ${describeError(error)}`);
    }
    const names = new Set([...this.catalogs.keys(), ...stored.filter(([file]) => file.endsWith('.json')).map(([file]) => decodeURIComponent(file.slice(0, -'.json'.length)))]);
    for (const connection of names) {
      if (kept.has(connection)) continue;
      const pending = this.pendingSaves.get(connection);
      if (pending) clearTimeout(pending.timer);
      this.pendingSaves.delete(connection);
      this.catalogs.delete(connection);
      this.ready.delete(connection);
      await vscode.workspace.fs.delete(this.fileOf(connection)).then(undefined, () => undefined);
    }
  }

  /** When a cached part was fetched, without fetching or reading storage. */
  fetchedAt(connection: string, key: string): number | undefined {
    return this.ready.get(connection)?.fetchedAt(key);
  }

  /** Writes pending snapshots and forgets every in-memory catalog: the next get() reads global storage. */
  async reloadFromStorage(): Promise<void> {
    await this.flush();
    this.catalogs.clear();
    this.ready.clear();
  }

  async flush(): Promise<void> {
    const pending = [...this.pendingSaves.entries()];
    this.pendingSaves.clear();
    await Promise.all(pending.map(([connection, { timer, catalog }]) => {
      clearTimeout(timer);
      return this.save(connection, catalog);
    }));
  }

  fileOf(connection: string): vscode.Uri {
    return vscode.Uri.joinPath(this.directory, `${encodeURIComponent(connection)}.json`);
  }

  private identityOf(connection: string): string {
    if (connection === localSandboxName) return 'local-sandbox';
    const settings = this.services.store.find(connection);
    return settings ? `${settings.url}|${settings.clientId}` : `missing:${connection}`;
  }

  /** Requests through the connection's shared client (its token cache), resolved at call time. */
  transportFor(connection: string): CatalogTransport {
    return { getJson: async (path, options) => (await this.services.clients.get(connection)).getJson(path, options) };
  }

  private async create(connection: string, identity: string): Promise<SchemaCatalog> {
    const snapshot = await this.read(connection);
    const catalog: SchemaCatalog = new SchemaCatalog(this.transportFor(connection), { identity, snapshot, onDidChange: () => this.scheduleSave(connection, catalog) });
    this.ready.set(connection, catalog);
    return catalog;
  }

  private async read(connection: string): Promise<unknown> {
    try {
      const bytes = await vscode.workspace.fs.readFile(this.fileOf(connection));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
        this.log.warn(`ignoring the cached catalog of '${connection}': ${describeError(error)}`);
      }
      return undefined;
    }
  }

  private scheduleSave(connection: string, catalog: SchemaCatalog): void {
    // A fetch that ends after its connection was removed (or the catalogs reloaded) must not write the file again.
    if (this.ready.get(connection) !== catalog) return;
    const pending = this.pendingSaves.get(connection);
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.pendingSaves.delete(connection);
      if (this.ready.get(connection) === catalog) void this.save(connection, catalog);
    }, saveDelayMs);
    this.pendingSaves.set(connection, { timer, catalog });
  }

  private async save(connection: string, catalog: SchemaCatalog): Promise<void> {
    try {
      await vscode.workspace.fs.createDirectory(this.directory);
      await vscode.workspace.fs.writeFile(this.fileOf(connection), new TextEncoder().encode(JSON.stringify(catalog.snapshot())));
    } catch (error) {
      this.log.warn(`could not save the catalog cache of '${connection}': ${describeError(error)}`);
    }
  }
}
