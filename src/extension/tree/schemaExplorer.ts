import * as vscode from 'vscode';
import { catalogKeys } from '../../core/catalog';
import type { TableMetadata } from '../../core/schema';
import type { Services } from '../services';
import { Disposables } from '../util/disposables';
import type { CatalogRegistry } from '../schema/catalogRegistry';
import { ExplorerCommands, type ShowRequest } from './explorerCommands';
import { ExplorerModel } from './explorerModel';
import { ExplorerProvider, explorerViewId } from './explorerProvider';
import type { ExplorerNode } from './nodes';
import { ReadOnlyDocuments } from './readOnlyDocuments';

/** The "Explorer" view: model, provider, commands and the TreeView, wired and disposed together. */
export class SchemaExplorer extends Disposables {
  private readonly catalogs: CatalogRegistry;
  readonly model: ExplorerModel;
  readonly provider: ExplorerProvider;
  readonly view: vscode.TreeView<ExplorerNode>;
  readonly commands: ExplorerCommands;

  constructor(
    private readonly services: Services,
    showRequest: ShowRequest,
  ) {
    super(services.log.for('tree'));
    this.catalogs = services.schema.catalogs;
    this.model = this.track(new ExplorerModel(services.active, this.catalogs, this.log));
    this.provider = new ExplorerProvider(
      this.model,
      services.store,
      services.clients.health,
      (connection, table) => this.catalogs.peek<TableMetadata>(connection, catalogKeys.table(table)),
      (connection, key) => this.catalogs.fetchedAt(connection, key),
    );
    this.view = this.track(vscode.window.createTreeView(explorerViewId, { treeDataProvider: this.provider, showCollapseAll: true }));
    const documents = this.track(new ReadOnlyDocuments(this.log));
    this.commands = new ExplorerCommands(services, this.model, this.catalogs, documents, this.view, showRequest);
    this.track(this.commands.register());
    this.track(services.store.onDidChange(() => {
      this.model.reset();
      void this.catalogs.forgetAllBut(services.active.names());
    }));
    this.track(services.active.onDidChange(() => void this.showActive()));
    this.track(services.clients.health.onDidChange(() => this.model.redrawRoots()));
  }

  /** Drops everything in memory and rebuilds from the persisted catalogs (what a window reload does). */
  async reloadFromStorage(): Promise<void> {
    await this.catalogs.reloadFromStorage();
    this.model.reset();
  }

  private async showActive(): Promise<void> {
    this.model.redrawRoots();
    const root = this.model.root(this.services.active.name);
    if (!root || !this.view.visible) return;
    try {
      await this.view.reveal(root, { expand: true, select: false, focus: false });
    } catch (error) {
      this.log.debug(`could not expand '${root.connection}': ${String(error)}`);
    }
  }
}

/** The explorer is the Disposable; tests reach its model, view and registry through it. */
export function registerSchemaExplorer(services: Services, showRequest: ShowRequest): SchemaExplorer {
  return new SchemaExplorer(services, showRequest);
}
