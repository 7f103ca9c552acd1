import * as vscode from 'vscode';
import type { PluginFolders } from './pluginFolders';

export const pluginsViewId = 'powerschool.plugins';

export interface PluginNode {
  readonly kind: 'plugin';
  readonly id: string;
  readonly folder: vscode.Uri;
}

export type PluginsNode = PluginNode;

/** The Explorer section "Plugins": the workspace's plugin folders. */
export class PluginsProvider implements vscode.TreeDataProvider<PluginsNode> {
  private readonly changed = new vscode.EventEmitter<PluginsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly folders: PluginFolders) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: PluginsNode): Promise<PluginsNode[]> {
    if (node) return [];
    return (await this.folders.list()).map((folder) => ({ kind: 'plugin', id: `plugin:${folder.toString()}`, folder }));
  }

  getTreeItem(node: PluginsNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.folder.path.split('/').pop() ?? node.folder.path, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.contextValue = node.kind;
    item.iconPath = new vscode.ThemeIcon('extensions');
    item.resourceUri = node.folder;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
