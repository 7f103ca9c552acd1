import * as vscode from 'vscode';
import type { Services } from '../services';
import { Disposables } from '../util/disposables';
import { registerNewPluginCommand } from './newPluginCommand';
import { PluginFolders } from './pluginFolders';
import { registerPluginLanguage } from './pluginLanguage';
import { PluginsProvider, pluginsViewId, type PluginsNode } from './pluginsView';

/** Plugin files in the editor: completion and hover, the Plugins section, New Plugin. Tests reach the view and its provider through it. */
export class PluginSupport extends Disposables {
  readonly folders: PluginFolders;
  readonly provider: PluginsProvider;
  readonly view: vscode.TreeView<PluginsNode>;

  constructor(services: Services) {
    super(services.log.for('plugin'));
    this.folders = this.track(new PluginFolders(this.log));
    this.provider = this.track(new PluginsProvider(this.folders));
    this.view = this.track(vscode.window.createTreeView(pluginsViewId, { treeDataProvider: this.provider, showCollapseAll: true }));
    this.track(this.folders.onDidChange(() => this.provider.refresh()));
    this.track(registerNewPluginCommand(services));
    this.track(registerPluginLanguage(services.schema));
    this.track(services.commands.register('powerschool.plugins.refresh', () => this.provider.refresh()));
  }
}

export function registerPluginSupport(services: Services): PluginSupport {
  return new PluginSupport(services);
}
