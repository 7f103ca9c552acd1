import * as vscode from 'vscode';
import type { NamedQuery } from '../../core/plugin';
import { pluginCore } from './pluginCore';
import type { RunResult } from '../../core/runner';
import { localSandboxName } from '../../core/environments';
import type { RunnerController } from '../runner';
import type { Services } from '../services';
import { Disposables } from '../util/disposables';
import { pluginFileSelector } from './pluginFiles';
import type { PluginsNode } from './pluginsView';
import { relativePath, type PluginModels } from './pluginModels';
import { QueryArgs } from './queryArgs';

/**
 * Runs a plugin's named query from the editor (CodeLens, the Plugins section): its args asked
 * and remembered, then on the sandbox with the plugin installed, as the plugin's own OAuth client
 * (its grants apply), or on a server connection; the answer in the response view.
 */
export class PluginQueryRunner extends Disposables {
  readonly args: QueryArgs;

  constructor(private readonly services: Services, private readonly models: PluginModels, private readonly runner: RunnerController) {
    super(services.log.for('plugin'));
    this.args = new QueryArgs(services.context.workspaceState);
    // The CodeLens passes (folder, name, …); the Plugins section's row actions pass the row.
    this.track(services.commands.register('powerschool.plugin.runQuery', (target?: unknown, name?: unknown, args?: unknown) => this.run(...queryOf(target, name), undefined, recordOf(args))));
    this.track(services.commands.register('powerschool.plugin.runQueryOn', (target?: unknown, name?: unknown, connection?: unknown, args?: unknown) =>
      this.run(...queryOf(target, name), stringOf(connection) ?? null, recordOf(args))));
  }

  /**
   * `connection`: undefined for the sandbox, null to pick a server connection, else its name.
   * `given` args skip asking (tests, other commands).
   */
  async run(folder: vscode.Uri | undefined, name: string | undefined, connection?: string | null, given?: Record<string, unknown>): Promise<RunResult | undefined> {
    if (!folder || !name) throw new Error('Run a query from its CodeLens in a named-queries file or from the Plugins section');
    const { plugin } = await this.models.get(folder);
    const query = plugin.queries.find((candidate) => candidate.name === name);
    if (!query) throw new Error(`the plugin in ${folder.fsPath} has no query named ${name}`);
    const target = connection === null ? await this.pickConnection(query) : connection;
    if (target === null) return undefined;
    const args = given ?? (await this.args.collect(query));
    if (!args) return undefined;
    const text = pluginCore().queryRequestText(query.name, args);
    if (target === undefined || target === localSandboxName) {
      this.sayUnsavedEditsWait(folder);
      const endpoint = await this.services.sandbox.pluginEndpoint(folder.toString());
      const client = this.services.clients.clientFor({ name: `${localSandboxName} (plugin ${plugin.manifest?.name ?? folder.path})`, ...endpoint });
      return this.runner.sendTextWith(client, false, text, `${query.name} on the sandbox`);
    }
    return this.runner.sendText(target, text, `${query.name} on '${target}'`);
  }

  /** The sandbox installs the plugin as saved (as a server installs the uploaded zip): unsaved edits wait for a save. */
  private sayUnsavedEditsWait(folder: vscode.Uri): void {
    const names = vscode.workspace.textDocuments
      .filter((document) => document.isDirty && document.uri.scheme === folder.scheme && vscode.languages.match(pluginFileSelector, document) > 0)
      .flatMap((document) => relativePath(folder, document.uri) ?? [])
      .join(', ');
    if (!names) return;
    this.log.info(`running the saved plugin: unsaved edits in ${names} are not installed`);
    void vscode.window.showInformationMessage(`PowerSchool: Run uses the plugin as saved: save ${names} to run your edits.`);
  }

  /** A server connection (not the sandbox) to run on; null when there is none or the user cancelled. */
  private async pickConnection(query: NamedQuery): Promise<string | null> {
    const names = this.services.store.list().map((connection) => connection.name);
    if (names.length === 0) {
      void vscode.window.showInformationMessage('PowerSchool: no server connection to run on: add one (PowerSchool: Add Connection); Run runs on the sandbox.');
      return null;
    }
    const picked = await vscode.window.showQuickPick(names.map((name) => ({ label: name, description: this.services.active.isProduction(name) ? 'production' : '' })), {
      title: `Run ${query.name} on…`,
      placeHolder: 'A server where this plugin is installed (its grants apply there)',
    });
    return picked?.label ?? null;
  }
}

function queryOf(target: unknown, name: unknown): [vscode.Uri | undefined, string | undefined] {
  if (isPluginsRow(target)) return [target.folder, target.kind === 'entry' ? target.label : undefined];
  return [uriOf(target), stringOf(name)];
}

function isPluginsRow(value: unknown): value is PluginsNode {
  return value !== null && typeof value === 'object' && 'kind' in value && (value as { folder?: unknown }).folder instanceof vscode.Uri;
}

function uriOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  return typeof value === 'string' ? vscode.Uri.parse(value) : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof vscode.Uri) ? (value as Record<string, unknown>) : undefined;
}
