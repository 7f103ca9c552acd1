import * as fs from 'node:fs';
import * as path from 'node:path';
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
  /** Watches of the plugin folders' parents, for a folder itself going. */
  private folderWatchers: vscode.Disposable[] = [];

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
    // Deleted in VS Code's explorer: the event names the folder (or a folder above it), at once.
    this.track(vscode.workspace.onDidDeleteFiles((event) => void this.foldersGone(event.files)));
    this.track({ dispose: () => this.unwatchFolders() });
  }

  /** Finds the plugin folders again: the remedy when a file watcher missed an event (files written into a folder just made). */
  refresh(): void {
    this.rescan();
  }

  /** Plugin folders, sorted by path. */
  async list(): Promise<vscode.Uri[]> {
    this.found ??= this.scanAndWatch();
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

  /** Scans, and watches what it found unless a newer scan started meanwhile (whose folders are the ones to watch). */
  private scanAndWatch(): Promise<Map<string, vscode.Uri>> {
    const scanning: Promise<Map<string, vscode.Uri>> = this.scan().then((folders) => {
      if (!this.isDisposed && this.found === scanning) this.watchFolders([...folders.values()]);
      return folders;
    });
    return scanning;
  }

  /**
   * Node's own watch of each plugin folder's parent (inotify, not recursive): VS Code's watcher reports a
   * deleted folder alone, not the plugin.xml in it, and adding VS Code watchers as folders come and go
   * re-subscribes its recursive watcher, which can drop the events that arrive meanwhile. A workspace
   * folder that is itself a plugin is left to onDidChangeWorkspaceFolders (its parent is outside the workspace).
   */
  private watchFolders(folders: readonly vscode.Uri[]): void {
    this.unwatchFolders();
    const roots = new Set((vscode.workspace.workspaceFolders ?? []).map((root) => root.uri.toString()));
    const byParent = new Map<string, vscode.Uri[]>();
    for (const folder of folders) {
      if (folder.scheme !== 'file' || roots.has(folder.toString())) continue;
      const parent = path.dirname(folder.fsPath);
      byParent.set(parent, [...(byParent.get(parent) ?? []), folder]);
    }
    const gone = new Set<string>();
    for (const [parent, children] of byParent) {
      // Any event (a folder renamed or removed here, or the watch itself failing): look at every plugin folder it holds.
      const look = () => {
        const went = children.filter((folder) => !gone.has(folder.fsPath) && !fs.existsSync(folder.fsPath));
        for (const folder of went) gone.add(folder.fsPath);
        this.foldersWent(went);
      };
      try {
        const watcher = fs.watch(parent, { persistent: false }, look);
        watcher.on('error', (error) => {
          this.log.debug(`stopped watching ${parent} for its plugin folders going: ${error.message}`);
          watcher.close();
          look();
        });
        this.folderWatchers.push({ dispose: () => watcher.close() });
      } catch (error) {
        this.log.debug(`cannot watch ${parent} for its plugin folders going: ${(error as Error).message}`);
      }
    }
  }

  private unwatchFolders(): void {
    for (const watcher of this.folderWatchers.splice(0)) watcher.dispose();
  }

  private async foldersGone(deleted: readonly vscode.Uri[]): Promise<void> {
    if (!this.found) return;
    const folders = [...(await this.found).values()];
    this.foldersWent(folders.filter((folder) => deleted.some((uri) => folder.path === uri.path || folder.path.startsWith(`${uri.path}/`))));
  }

  /** Plugin folders that went: one rescan for all of them. */
  private foldersWent(folders: readonly vscode.Uri[]): void {
    if (folders.length === 0) return;
    this.rescan();
    // What read the folders' files (the editor's models, the sandbox's installed plugins) reads again.
    for (const folder of folders) this.fileChanged.fire({ uri: vscode.Uri.joinPath(folder, 'plugin.xml'), listChanged: true });
  }

  private rescan(): void {
    this.found = undefined;
    this.changed.fire();
  }
}
