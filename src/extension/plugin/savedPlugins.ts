import * as vscode from 'vscode';
import { pluginCore } from './pluginCore';
import type { SandboxPluginSource, WorkspacePlugin } from '../connections/sandboxHost';
import { Disposables } from '../util/disposables';
import { describeError } from '../util/errors';
import type { Log } from '../util/logger';
import { pluginFileSelector } from './pluginFiles';
import type { PluginFolders } from './pluginFolders';

/**
 * The workspace's plugins as saved: what the embedded sandbox installs (unsaved edits are not
 * installed, as a plugin on a server is the zip that was uploaded). Changes when a plugin file is
 * saved or changes on disk, or a plugin folder comes or goes.
 */
export class SavedWorkspacePlugins extends Disposables implements SandboxPluginSource {
  private readonly changed = this.track(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  /** What the folders held at the last read; every change forgets it, so the compare and the restart after it read once. */
  private last: Promise<{ plugins: WorkspacePlugin[]; key: string }> | undefined;

  constructor(private readonly folders: PluginFolders, log: Log) {
    super(log);
    const changed = () => {
      this.last = undefined;
      this.changed.fire();
    };
    this.track(folders.onDidChangeFile(changed));
    // Saving fires here at once; the watcher may follow later (the sandbox reinstalls only when the files differ).
    this.track(vscode.workspace.onDidSaveTextDocument((document) => {
      if (vscode.languages.match(pluginFileSelector, document) > 0) changed();
    }));
    this.track(folders.onDidChange(changed));
  }

  read(): Promise<{ plugins: WorkspacePlugin[]; key: string }> {
    const reading = (this.last ??= this.readNow());
    // A failed read is not kept: the next one tries again.
    reading.catch(() => this.last === reading && (this.last = undefined));
    return reading;
  }

  private async readNow(): Promise<{ plugins: WorkspacePlugin[]; key: string }> {
    const plugins: WorkspacePlugin[] = [];
    const texts: unknown[] = [];
    const { pluginFolderFiles, readPlugin, PluginFileError } = pluginCore();
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
