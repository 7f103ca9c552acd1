import * as path from 'node:path';
import * as vscode from 'vscode';
import { chooseEnvironment, fileEnvironmentOf, loadEnvironments, type ChosenEnvironment, type EnvironmentSet } from '../../core/environments';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';

const selectedKey = 'powerschool.environment';

/**
 * The environment chosen in the status bar (kept per workspace), and the environments a `.psreq`
 * file can use: REST Client's `rest-client.environmentVariables` setting, and the
 * http-client.env.json (+ private) and .env files at the workspace root and next to the file.
 */
export class EnvironmentService extends Disposables {
  private readonly changed = this.track(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    log: Log,
  ) {
    super(log);
    const watcher = this.track(vscode.workspace.createFileSystemWatcher('**/{http-client.env.json,http-client.private.env.json,.env}'));
    for (const event of [watcher.onDidChange, watcher.onDidCreate, watcher.onDidDelete]) this.track(event(() => this.changed.fire()));
    this.track(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('rest-client.environmentVariables')) this.changed.fire();
    }));
  }

  /** The status bar's choice; undefined: none (only `$shared` and `.env` values). */
  get selected(): string | undefined {
    return this.state.get<string>(selectedKey);
  }

  async select(name: string | undefined): Promise<void> {
    await this.state.update(selectedKey, name);
    this.changed.fire();
  }

  /** Every environment the file (or the workspace, without one) can use. */
  async environmentsFor(uri: vscode.Uri | undefined): Promise<EnvironmentSet> {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    const directory = uri?.scheme === 'file' ? path.dirname(uri.fsPath) : folder?.uri.fsPath;
    const { environments, problems } = await loadEnvironments(
      { root: folder?.uri.fsPath, directory: directory ?? process.cwd(), restClientSettings: vscode.workspace.getConfiguration('rest-client', uri).get('environmentVariables') },
      async (file) => {
        try {
          return Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8');
        } catch {
          return undefined;
        }
      },
    );
    for (const problem of problems) this.log.warn(problem.message);
    return environments;
  }

  /** The file's environment: its `# @env`, else the status bar's choice when the file's folder defines it. */
  async chosenFor(uri: vscode.Uri, document: Parameters<typeof fileEnvironmentOf>[0]): Promise<ChosenEnvironment> {
    const environments = await this.environmentsFor(uri);
    const own = fileEnvironmentOf(document);
    const name = own ?? (this.selected !== undefined && environments.names.includes(this.selected) ? this.selected : undefined);
    return chooseEnvironment(environments, name);
  }
}
