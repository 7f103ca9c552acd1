import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { PluginManifest } from '../../core/plugin';
import { pluginCore } from '../plugin/pluginCore';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';

const section = 'powerschool.sandbox';
const key = 'plugin';

/**
 * `powerschool.sandbox.plugin`: the folder whose plugin.xml the embedded sandbox runs as (empty:
 * every grant). Re-read when the setting, the file or the workspace trust changes; a problem is
 * logged and shown once per distinct message, and the sandbox then keeps every grant.
 */
export class SandboxPluginSetting extends Disposables {
  private readonly changed = this.track(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private definition: PluginManifest | undefined;
  /** Read on first use, not at activation: only starting the sandbox and its .psreq checks need it. */
  private loaded = false;
  private shownProblem: string | undefined;
  private watcher: vscode.Disposable | undefined;

  constructor(log: Log) {
    super(log);
    this.track(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${section}.${key}`)) this.reload();
    }));
    // A restricted workspace value only counts once the workspace is trusted.
    this.track(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()));
    this.track({ dispose: () => this.watcher?.dispose() });
  }

  /** The plugin the sandbox runs as, or undefined for every grant. */
  get current(): PluginManifest | undefined {
    if (!this.loaded && !this.isDisposed) {
      this.loaded = true;
      this.definition = this.load();
    }
    return this.definition;
  }

  private reload(): void {
    if (this.isDisposed) return;
    this.loaded = false;
    this.definition = undefined;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.changed.fire();
  }

  private load(): PluginManifest | undefined {
    this.watcher?.dispose();
    this.watcher = undefined;
    // Spelled out rather than left to VS Code: an untrusted workspace must not choose the plugin.
    const inspected = vscode.workspace.getConfiguration(section).inspect<string>(key);
    const fromWorkspace = vscode.workspace.isTrusted ? inspected?.workspaceFolderValue ?? inspected?.workspaceValue : undefined;
    const configured = (fromWorkspace ?? inspected?.globalValue ?? '').trim();
    if (!configured) {
      this.shownProblem = undefined;
      return undefined;
    }
    const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!isAbsolute(configured) && base === undefined) {
      this.report(`${section}.${key} '${configured}' is relative but no folder is open`);
      return undefined;
    }
    const dir = isAbsolute(configured) ? configured : join(base!, configured);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), 'plugin.xml'));
    watcher.onDidCreate(() => this.reload());
    watcher.onDidChange(() => this.reload());
    watcher.onDidDelete(() => this.reload());
    this.watcher = watcher;
    try {
      const definition = pluginCore().readPluginManifest(dir);
      this.shownProblem = undefined;
      this.log.info(`the sandbox runs as plugin '${definition.name}' (${join(dir, 'plugin.xml')})`);
      return definition;
    } catch (error) {
      if (!(error instanceof pluginCore().PluginFileError)) throw error;
      this.report(error.message);
      return undefined;
    }
  }

  private report(problem: string): void {
    const message = `${section}.${key}: ${problem}; the sandbox runs with every grant`;
    this.log.warn(message);
    if (this.shownProblem === problem) return;
    this.shownProblem = problem;
    void vscode.window.showWarningMessage(`PowerSchool: ${message}`);
  }
}
