import * as vscode from 'vscode';
import type { PluginFinding } from '../../core/plugin';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';
import type { PluginFolders } from './pluginFolders';
import type { EditorPlugin, PluginModels } from './pluginModels';

// Distinct from the .psreq and payload sources, so each feature's findings can be told apart.
export const pluginDiagnosticSource = 'powerschool-plugin';

const severities: Record<PluginFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** What checking a plugin finds (reading's findings and the checks'); the host passes the catalog-aware checks in. */
export type PluginChecker = (plugin: EditorPlugin) => Promise<readonly PluginFinding[]>;

/** A published diagnostic, the finding behind it and the plugin it was found in (quick fixes read them). */
export interface PublishedFinding {
  readonly diagnostic: vscode.Diagnostic;
  readonly finding: PluginFinding;
  readonly plugin: EditorPlugin;
}

/**
 * The "powerschool-plugin" diagnostics of every workspace plugin, checked as a whole (a grant
 * missing in plugin.xml shows in the query that needs it) after a pause in typing, from the
 * shared model (unsaved buffers of the plugin's other files count). A result for texts that have
 * changed since is dropped: the change has scheduled a newer one.
 */
export class PluginDiagnostics extends Disposables {
  private readonly collection = this.track(vscode.languages.createDiagnosticCollection(pluginDiagnosticSource));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly published = new Map<string, PublishedFinding[]>();
  /** Folder → the files it last published to, so a file whose problems are gone is cleared. */
  private readonly filesOf = new Map<string, vscode.Uri[]>();
  private readonly findingsOf = new Map<string, readonly PluginFinding[]>();
  private readonly updated = this.track(new vscode.EventEmitter<vscode.Uri>());
  /** Fires with a plugin folder whose findings were published. */
  readonly onDidUpdate = this.updated.event;

  constructor(
    private readonly folders: PluginFolders,
    private readonly models: PluginModels,
    private readonly check: PluginChecker,
    /** Whether the Plugins section is on screen: then every plugin is checked, not only those with a file open. */
    private readonly listShown: () => boolean,
    log: Log,
    private readonly delayMs = 250,
  ) {
    super(log);
    this.track(models.onDidChange((folder) => this.schedule(folder)));
    this.track(folders.onDidChange(() => this.refreshAll()));
    this.track({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    this.refreshAll();
  }

  /** Checks every workspace plugin again (the schema arrived, a plugin folder came or went). */
  refreshAll(): void {
    void this.folders.list().then((folders) => {
      const live = new Set(folders.map((folder) => folder.toString()));
      for (const [key, files] of this.filesOf) {
        if (live.has(key)) continue;
        for (const file of files) this.clearFile(file);
        this.filesOf.delete(key);
        this.findingsOf.delete(key);
      }
      for (const folder of folders) this.schedule(folder, 0);
    });
  }

  fixesFor(document: vscode.TextDocument): readonly PublishedFinding[] {
    return this.published.get(document.uri.toString()) ?? [];
  }

  /** What the last check of a plugin found; undefined before its first check. */
  findings(folder: vscode.Uri): readonly PluginFinding[] | undefined {
    return this.findingsOf.get(folder.toString());
  }

  /** Checks the plugin now and publishes (tests and the debounce timer call this). */
  async refresh(folder: vscode.Uri): Promise<void> {
    const plugin = await this.models.get(folder);
    let findings: readonly PluginFinding[];
    try {
      findings = await this.check(plugin);
    } catch (error) {
      this.log.error(`checking the plugin in ${folder.fsPath}: ${String(error)}`);
      findings = plugin.plugin.findings;
    }
    if ((await this.models.get(folder)) !== plugin) return;
    const byFile = new Map<string, PublishedFinding[]>();
    for (const finding of findings) {
      const uri = plugin.uris.get(finding.file) ?? vscode.Uri.joinPath(folder, ...finding.file.split('/'));
      const { start, end } = finding.range;
      const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), finding.message, severities[finding.severity]);
      diagnostic.source = pluginDiagnosticSource;
      diagnostic.code = finding.code;
      const list = byFile.get(uri.toString()) ?? [];
      list.push({ diagnostic, finding, plugin });
      byFile.set(uri.toString(), list);
    }
    const files = new Map([...plugin.uris.values(), ...(this.filesOf.get(folder.toString()) ?? [])].map((uri) => [uri.toString(), uri]));
    for (const key of byFile.keys()) if (!files.has(key)) files.set(key, vscode.Uri.parse(key));
    for (const [key, uri] of files) {
      const list = byFile.get(key) ?? [];
      this.published.set(key, list);
      this.collection.set(uri, list.map((item) => item.diagnostic));
    }
    this.filesOf.set(folder.toString(), [...files.values()]);
    this.findingsOf.set(folder.toString(), findings);
    this.updated.fire(folder);
  }

  /**
   * A plugin is checked while one of its files is open or the Plugins section shows: checking
   * asks the connection's catalog, which nobody should wait on for plugins no one looks at.
   */
  private wanted(folder: vscode.Uri): boolean {
    const prefix = `${folder.path.replace(/\/$/, '')}/`;
    return this.listShown() || vscode.workspace.textDocuments.some((document) => !document.isClosed && document.uri.path.startsWith(prefix));
  }

  private schedule(folder: vscode.Uri, delay = this.delayMs): void {
    if (!this.wanted(folder)) return;
    const key = folder.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.refresh(folder).catch((error: unknown) => this.log.error(`checking ${folder.fsPath}: ${String(error)}`));
    }, delay));
  }

  private clearFile(uri: vscode.Uri): void {
    this.published.delete(uri.toString());
    this.collection.delete(uri);
  }
}
