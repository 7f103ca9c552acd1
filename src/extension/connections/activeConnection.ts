import * as vscode from 'vscode';
import { localSandboxName } from '../../core/environments';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';
import type { ConnectionSettings, ConnectionStore, ConnectionWithSecret } from './connectionStore';
import type { SandboxHost } from './sandboxHost';

const activeKey = 'powerschool.activeConnection';

export interface ResolvedConnection extends ConnectionWithSecret {
  readonly isSandbox: boolean;
}

/**
 * Which connection requests go to, and its credentials. The built-in "Local sandbox" is always
 * there and is the first-run default; choosing it starts the embedded sandbox once.
 */
export class ActiveConnection extends Disposables {
  private readonly changed = this.track(new vscode.EventEmitter<string>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly store: ConnectionStore,
    private readonly sandbox: SandboxHost,
    log: Log,
  ) {
    super(log);
    this.track(store.onDidChange(() => {
      // The stored choice, not `name` (which already falls back): a removed connection must not come
      // back as the active one when a connection of that name appears again, e.g. from a workspace.
      const chosen = this.state.get<string>(activeKey);
      if (chosen && chosen !== localSandboxName && !store.find(chosen)) void this.select(localSandboxName);
      else this.changed.fire(this.name);
    }));
  }

  get name(): string {
    const chosen = this.state.get<string>(activeKey);
    return chosen && (chosen === localSandboxName || this.store.find(chosen)) ? chosen : localSandboxName;
  }

  /** The settings of the active connection (the sandbox's URL is known only once it runs). */
  settings(): ConnectionSettings | undefined {
    return this.name === localSandboxName ? undefined : this.store.find(this.name);
  }

  /** The active connection's `{{name}}` variables (only string values count). */
  variables(): Readonly<Record<string, string>> {
    const declared = this.settings()?.variables ?? {};
    return Object.fromEntries(Object.entries(declared).filter(([, value]) => typeof value === 'string'));
  }

  names(): string[] {
    return [localSandboxName, ...this.store.list().map((connection) => connection.name)];
  }

  isProduction(name = this.name): boolean {
    return name !== localSandboxName && this.store.find(name)?.production === true;
  }

  async select(name: string): Promise<void> {
    if (name !== localSandboxName && !this.store.find(name)) throw new Error(`there is no connection named '${name}'`);
    await this.state.update(activeKey, name);
    this.changed.fire(name);
  }

  /** The named (default: active) connection with its secret; starts the sandbox when it is the one. */
  async resolve(name = this.name): Promise<ResolvedConnection> {
    if (name === localSandboxName) {
      const endpoint = await this.sandbox.endpoint();
      return { name, ...endpoint, isSandbox: true };
    }
    const settings = this.store.find(name);
    if (!settings) throw new Error(`there is no connection named '${name}'`);
    const clientSecret = await this.store.secretFor(name);
    if (clientSecret === undefined) throw new Error(`the client secret of '${name}' is not stored: edit the connection to enter it`);
    return { ...settings, clientSecret, isSandbox: false };
  }
}
