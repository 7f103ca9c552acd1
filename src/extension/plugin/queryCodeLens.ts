import * as vscode from 'vscode';
import { relativePath, type PluginModels } from './pluginModels';

/** **Run** and **Run on…** above each `<query>` of a named-queries file. */
export class QueryCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly models: PluginModels) {
    // A query added, renamed or removed moves the lenses.
    this.subscription = models.onDidChange(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const editorPlugin = await this.models.forFile(document.uri);
    const path = editorPlugin && relativePath(editorPlugin.folder, document.uri);
    if (!editorPlugin || !path?.startsWith('queries_root/')) return [];
    return editorPlugin.plugin.queries.filter((query) => query.file === path && query.name).flatMap((query) => {
      const line = query.source.range.start.line;
      const range = new vscode.Range(line, 0, line, 0);
      const args = [editorPlugin.folder, query.name];
      return [
        new vscode.CodeLens(range, { title: '$(play) Run', command: 'powerschool.plugin.runQuery', arguments: args, tooltip: `Run ${query.name} on the sandbox with this plugin installed, as the plugin's own client` }),
        new vscode.CodeLens(range, { title: '$(cloud) Run on…', command: 'powerschool.plugin.runQueryOn', arguments: args, tooltip: `Run ${query.name} on a server connection where the plugin is installed` }),
      ];
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
