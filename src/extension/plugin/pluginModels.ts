import * as vscode from 'vscode';
import type { createPluginReader, Plugin, PluginFileText } from '../../core/plugin';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';
import { pluginCore } from './pluginCore';
import { modelFiles } from './pluginFiles';
import type { PluginFolders } from './pluginFolders';

/** A plugin as the editor sees it: its folder, the model read from the open buffers and the disk, and the texts it was read from. */
export interface EditorPlugin {
  readonly folder: vscode.Uri;
  readonly plugin: Plugin;
  /** Plugin-relative path → the text the model was read from (what fix offsets refer to). */
  readonly texts: ReadonlyMap<string, string>;
  /** Plugin-relative path → the file. */
  readonly uris: ReadonlyMap<string, vscode.Uri>;
}

/** Plugin-relative path of a file in `folder`, with `/` separators. */
export function relativePath(folder: vscode.Uri, file: vscode.Uri): string | undefined {
  const prefix = `${folder.path.replace(/\/$/, '')}/`;
  return file.path.startsWith(prefix) ? file.path.slice(prefix.length) : undefined;
}

/**
 * Every workspace plugin read into core's model, once per set of file versions (and each file
 * parsed again only when its text changed): an open
 * document's text wins over the disk (unsaved edits count, in every file of the plugin), disk
 * texts are kept until a watcher says the file changed. Diagnostics, the Plugins section,
 * completion and quick fixes share one read; `onDidChange` fires with the folder whose files changed.
 */
export class PluginModels extends Disposables {
  private readonly changed = this.track(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly diskTexts = new Map<string, Promise<string | undefined>>();
  private readonly fileLists = new Map<string, Promise<vscode.Uri[]>>();
  private readonly read = new Map<string, { key: string; result: Promise<EditorPlugin> }>();
  /** One reader per plugin folder: a file whose text did not change since the last read is not parsed again. */
  private readonly readers = new Map<string, ReturnType<typeof createPluginReader>>();

  constructor(private readonly folders: PluginFolders, log: Log) {
    super(log);
    this.track(folders.onDidChangeFile(({ uri, listChanged }) => void this.fileChanged(uri, listChanged)));
    this.track(vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length) void this.documentChanged(event.document);
    }));
    // Opening a file asks for its plugin's findings; closing an unsaved one puts the disk text back in force.
    this.track(vscode.workspace.onDidOpenTextDocument((document) => void this.documentChanged(document)));
    this.track(vscode.workspace.onDidCloseTextDocument((document) => void this.documentChanged(document)));
    this.track(folders.onDidChange(() => {
      this.fileLists.clear();
      this.read.clear();
      this.readers.clear();
      // Refresh must also cure a change on disk whose event never came.
      this.diskTexts.clear();
    }));
  }

  /** The plugin whose folder holds `file` (a plugin file or the folder itself), read at the current versions. */
  async forFile(file: vscode.Uri): Promise<EditorPlugin | undefined> {
    const folder = (await this.folders.folderOf(file)) ?? (await this.folders.list()).find((candidate) => candidate.toString() === file.toString());
    return folder && this.get(folder);
  }

  async get(folder: vscode.Uri): Promise<EditorPlugin> {
    const uris = await this.filesOf(folder);
    const open = new Map(vscode.workspace.textDocuments.filter((document) => !document.isClosed).map((document) => [document.uri.toString(), document]));
    const key = uris.map((uri) => `${uri.path}@${open.get(uri.toString())?.version ?? 'disk'}`).join('|');
    const cached = this.read.get(folder.toString());
    if (cached?.key === key) return cached.result;
    const result = this.readPlugin(folder, uris, open);
    this.read.set(folder.toString(), { key, result });
    return result;
  }

  private async readPlugin(folder: vscode.Uri, uris: readonly vscode.Uri[], open: ReadonlyMap<string, vscode.TextDocument>): Promise<EditorPlugin> {
    const files: PluginFileText[] = [];
    const byPath = new Map<string, vscode.Uri>();
    for (const uri of uris) {
      const path = relativePath(folder, uri);
      if (!path) continue;
      const text = open.get(uri.toString())?.getText() ?? (await this.diskText(uri));
      if (text === undefined) continue;
      files.push({ path, text });
      byPath.set(path, uri);
    }
    let reader = this.readers.get(folder.toString());
    if (!reader) this.readers.set(folder.toString(), (reader = pluginCore().createPluginReader()));
    const plugin = reader(files);
    return { folder, plugin, texts: new Map(files.map((file) => [file.path, file.text])), uris: byPath };
  }

  private filesOf(folder: vscode.Uri): Promise<vscode.Uri[]> {
    let list = this.fileLists.get(folder.toString());
    if (!list) {
      list = Promise.resolve(vscode.workspace.findFiles(new vscode.RelativePattern(folder, modelFiles))).then((found) => found.sort((a, b) => a.path.localeCompare(b.path)));
      this.fileLists.set(folder.toString(), list);
    }
    return list;
  }

  private diskText(uri: vscode.Uri): Promise<string | undefined> {
    let text = this.diskTexts.get(uri.toString());
    if (!text) {
      text = Promise.resolve(vscode.workspace.fs.readFile(uri)).then((bytes) => new TextDecoder().decode(bytes), (error: unknown) => {
        this.log.debug(`cannot read ${uri.fsPath}: ${String(error)}`);
        return undefined;
      });
      this.diskTexts.set(uri.toString(), text);
    }
    return text;
  }

  private async fileChanged(uri: vscode.Uri, listChanged: boolean): Promise<void> {
    this.diskTexts.delete(uri.toString());
    const folder = await this.folders.folderOf(uri);
    if (!folder) return;
    if (listChanged) this.fileLists.delete(folder.toString());
    this.read.delete(folder.toString());
    this.changed.fire(folder);
  }

  private async documentChanged(document: vscode.TextDocument): Promise<void> {
    if (document.uri.scheme !== 'file') return;
    const folder = await this.folders.folderOf(document.uri);
    const path = folder && relativePath(folder, document.uri);
    if (!folder || !path) return;
    const kind = pluginCore().pluginFileKind(path);
    if (kind === 'web' || kind === 'other') return;
    this.changed.fire(folder);
  }
}
