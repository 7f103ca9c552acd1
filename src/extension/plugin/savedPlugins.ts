import * as vscode from 'vscode';
import { PluginFileError, pluginFolderFiles, readPlugin } from '../../core/plugin';
import type { SandboxPluginSource, WorkspacePlugin } from '../connections/sandboxHost';
import { Disposables } from '../util/disposables';
import { describeError } from '../util/errors';
import type { Log } from '../util/logger';
import { pluginFileSelector } from './pluginFiles';
import type { PluginFolders } from './pluginFolders';
import { modelFiles } from './pluginModels';

/**
 * The workspace's plugins as saved: what the embedded sandbox installs (unsaved edits are not
 * installed, as a plugin on a server is the zip that was uploaded). Changes when a plugin file is
 * saved or changes on disk, or a plugin folder comes or goes.
 */
export class SavedWorkspacePlugins extends Disposables implements SandboxPluginSource {
  private readonly changed = this.track(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly folders: PluginFolders, log: Log) {
    super(log);
    const watcher = this.track(vscode.workspace.createFileSystemWatcher(`**/${modelFiles}`));
    this.track(watcher.onDidChange(() => this.changed.fire()));
    this.track(watcher.onDidCreate(() => this.changed.fire()));
    this.track(watcher.onDidDelete(() => this.changed.fire()));
    // Saving fires here at once; the watcher may follow later (the sandbox reinstalls only when the files differ).
    this.track(vscode.workspace.onDidSaveTextDocument((document) => {
      if (vscode.languages.match(pluginFileSelector, document) > 0) this.changed.fire();
    }));
    this.track(folders.onDidChange(() => this.changed.fire()));
  }

  async read(): Promise<{ plugins: WorkspacePlugin[]; key: string }> {
    const plugins: WorkspacePlugin[] = [];
    const texts: unknown[] = [];
    for (const folder of await this.folders.list()) {
      try {
        const files = pluginFolderFiles(folder.fsPath);
        plugins.push({ folder: folder.toString(), plugin: readPlugin(files) });
        texts.push([folder.toString(), files]);
      } catch (error) {
        if (!(error instanceof PluginFileError)) throw error;
        this.log.warn(`the sandbox does not install the plugin in ${folder.fsPath}: ${describeError(error)}`);
      }
    }
    return { plugins, key: JSON.stringify(texts) };
  }
}
