import * as vscode from 'vscode';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';
import { modelFiles } from './pluginFiles';

/** A plugin file changed on disk; `listChanged` when it came or went. */
export interface PluginFileChange {
  readonly uri: vscode.Uri;
  readonly listChanged: boolean;
}

/** Folders that hold these are left alone: dependencies and build output carry plugins that are not the user's. */
const excluded = '**/{node_modules,.git,out,dist}/**';

/**
 * The workspace's plugins: every folder holding a plugin.xml. Found once, then kept current by the
 * one watcher of plugin files: `onDidChange` fires when a plugin folder appears or goes,
 * `onDidChangeFile` when any plugin file changes on disk (the editor's models, what the sandbox installs).
 */
export class PluginFolders extends Disposables {
  private readonly changed = this.track(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly fileChanged = this.track(new vscode.EventEmitter<PluginFileChange>());
  readonly onDidChangeFile = this.fileChanged.event;
  private found: Promise<Map<string, vscode.Uri>> | undefined;

  constructor(log: Log) {
    super(log);
    const watcher = this.track(vscode.workspace.createFileSystemWatcher(`**/${modelFiles}`));
    const cameOrWent = (uri: vscode.Uri) => {
      if (uri.path.endsWith('/plugin.xml')) this.rescan();
      this.fileChanged.fire({ uri, listChanged: true });
    };
    this.track(watcher.onDidCreate(cameOrWent));
    this.track(watcher.onDidDelete(cameOrWent));
    this.track(watcher.onDidChange((uri) => this.fileChanged.fire({ uri, listChanged: false })));
    this.track(vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()));
  }

  /** Plugin folders, sorted by path. */
  async list(): Promise<vscode.Uri[]> {
    this.found ??= this.scan();
    return [...(await this.found).values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The plugin folder a file belongs to: the nearest folder above it holding a plugin.xml. */
  async folderOf(file: vscode.Uri): Promise<vscode.Uri | undefined> {
    const folders = await this.list();
    return folders
      .filter((folder) => file.path.startsWith(`${folder.path}/`))
      .sort((a, b) => b.path.length - a.path.length)[0];
  }

  private async scan(): Promise<Map<string, vscode.Uri>> {
    const files = await vscode.workspace.findFiles('**/plugin.xml', excluded);
    const folders = new Map<string, vscode.Uri>();
    for (const file of files) {
      const folder = vscode.Uri.joinPath(file, '..');
      folders.set(folder.toString(), folder);
    }
    this.log.debug(`${folders.size} plugin folder(s) in the workspace`);
    return folders;
  }

  private rescan(): void {
    this.found = undefined;
    this.changed.fire();
  }
}
