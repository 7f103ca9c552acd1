import * as vscode from 'vscode';
import type { RunnerController } from '../runner';
import type { Services } from '../services';
import { Disposables } from '../util/disposables';
import { registerNewPluginCommand } from './newPluginCommand';
import { registerPluginCodeActions } from './pluginCodeActions';
import { pluginChecker, pluginSchemaSource } from './pluginChecks';
import { PluginDiagnostics } from './pluginDiagnostics';
import { PluginFolders } from './pluginFolders';
import { registerPluginLanguage } from './pluginLanguage';
import { PluginModels } from './pluginModels';
import { PluginsProvider, pluginsViewId, type PluginsNode } from './pluginsView';
import { QueryCodeLensProvider } from './queryCodeLens';
import { PluginQueryRunner } from './queryRunner';
import { pluginFileSelector } from './pluginFiles';

/**
 * Plugin files in the editor: diagnostics as you type, completion, hover and quick fixes, the
 * Plugins section, Run for named queries and New Plugin. Tests reach the parts through it.
 */
export class PluginSupport extends Disposables {
  readonly folders: PluginFolders;
  readonly models: PluginModels;
  readonly diagnostics: PluginDiagnostics;
  readonly provider: PluginsProvider;
  readonly view: vscode.TreeView<PluginsNode>;
  /** Runs named queries (CodeLens, the Plugins section). */
  readonly queries: PluginQueryRunner;
  private listShown = false;

  constructor(services: Services, folders: PluginFolders, runner: RunnerController) {
    super(services.log.for('plugin'));
    this.folders = folders;
    this.models = this.track(new PluginModels(this.folders, this.log));
    this.diagnostics = this.track(new PluginDiagnostics(this.folders, this.models, pluginChecker(services), () => this.listShown, this.log));
    // Fetched schema (or a switched connection) changes what the catalog checks know.
    this.track(services.schema.onDidLoad(() => this.diagnostics.refreshAll()));
    this.track(registerPluginCodeActions(this.diagnostics));
    this.track(registerPluginLanguage(pluginSchemaSource(services.schema, () => services.sandbox.builtInCatalog())));
    this.provider = this.track(new PluginsProvider(this.folders, this.models, this.diagnostics));
    this.view = this.track(vscode.window.createTreeView(pluginsViewId, { treeDataProvider: this.provider, showCollapseAll: true }));
    this.listShown = this.view.visible;
    this.track(this.view.onDidChangeVisibility(({ visible }) => {
      this.listShown = visible;
      if (visible) this.diagnostics.refreshAll();
    }));
    this.queries = this.track(new PluginQueryRunner(services, this.models, runner));
    this.track(vscode.languages.registerCodeLensProvider(pluginFileSelector, this.track(new QueryCodeLensProvider(this.models))));
    this.track(registerNewPluginCommand(services));
    // Finding the folders again makes the models read the disk again and the checks run again.
    this.track(services.commands.register('powerschool.plugins.refresh', () => this.folders.refresh()));
  }
}

export function registerPluginSupport(services: Services, folders: PluginFolders, runner: RunnerController): PluginSupport {
  return new PluginSupport(services, folders, runner);
}
