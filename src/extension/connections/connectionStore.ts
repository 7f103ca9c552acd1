import * as vscode from 'vscode';
import { Disposables } from '../util/disposables';
import type { Log } from '../util/logger';

/** A connection as the settings hold it; the client secret lives only in SecretStorage. */
export interface ConnectionSettings {
  readonly name: string;
  readonly url: string;
  readonly clientId: string;
  readonly production?: boolean;
  readonly allowInsecure?: boolean;
  /** `{{name}}` values for requests sent to this connection (file variables win over them). */
  readonly variables?: Readonly<Record<string, string>>;
}

export interface ConnectionWithSecret extends ConnectionSettings {
  readonly clientSecret: string;
}

const settingKey = 'connections';
const secretKey = (name: string) => `powerschool.clientSecret:${name}`;

/**
 * Connections from the `powerschool.connections` setting plus their secrets. In an untrusted
 * workspace the workspace's own connections are ignored: a cloned repository must not be able to
 * point the extension (and the user's clicks) at a server it chose. Even in a trusted one, a
 * workspace connection never replaces a user connection of the same name: secrets are stored by
 * name, so that would send the user's secret to the workspace's server.
 */
export class ConnectionStore extends Disposables {
  private readonly changed = this.track(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    log: Log,
  ) {
    super(log);
    this.track(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`powerschool.${settingKey}`)) this.changed.fire();
    }));
    // Trusting the workspace brings its connections in: the status bar and tree must see them.
    this.track(vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()));
  }

  list(): ConnectionSettings[] {
    const inspected = vscode.workspace.getConfiguration('powerschool').inspect<ConnectionSettings[]>(settingKey);
    const fromUser = inspected?.globalValue ?? [];
    const fromWorkspace = vscode.workspace.isTrusted ? [...(inspected?.workspaceValue ?? []), ...(inspected?.workspaceFolderValue ?? [])] : [];
    const byName = new Map<string, ConnectionSettings>();
    for (const connection of fromUser) if (isConnectionSettings(connection)) byName.set(connection.name, connection);
    const userNames = new Set(byName.keys());
    for (const connection of fromWorkspace) {
      if (isConnectionSettings(connection) && !userNames.has(connection.name)) byName.set(connection.name, connection);
    }
    return [...byName.values()];
  }

  /** Whether the user settings (which Add/Edit/Remove change) define this connection. */
  isUserDefined(name: string): boolean {
    const fromUser = vscode.workspace.getConfiguration('powerschool').inspect<ConnectionSettings[]>(settingKey)?.globalValue ?? [];
    return fromUser.some((connection) => isConnectionSettings(connection) && connection.name === name);
  }

  find(name: string): ConnectionSettings | undefined {
    return this.list().find((connection) => connection.name === name);
  }

  async secretFor(name: string): Promise<string | undefined> {
    return this.secrets.get(secretKey(name));
  }

  /** Adds or replaces a connection in the user settings; the secret goes to SecretStorage only. */
  async save(connection: ConnectionSettings, clientSecret: string | undefined, replacing?: string): Promise<void> {
    const configuration = vscode.workspace.getConfiguration('powerschool');
    const current = (configuration.inspect<ConnectionSettings[]>(settingKey)?.globalValue ?? []).filter(isConnectionSettings);
    const kept = current.filter((item) => item.name !== connection.name && item.name !== replacing);
    const settings: ConnectionSettings = {
      name: connection.name,
      url: connection.url.replace(/\/+$/, ''),
      clientId: connection.clientId,
      ...(connection.production ? { production: true } : {}),
      ...(connection.allowInsecure ? { allowInsecure: true } : {}),
      ...(connection.variables && Object.keys(connection.variables).length > 0 ? { variables: connection.variables } : {}),
    };
    await configuration.update(settingKey, [...kept, settings], vscode.ConfigurationTarget.Global);
    if (replacing && replacing !== connection.name) {
      const oldSecret = await this.secrets.get(secretKey(replacing));
      await this.secrets.delete(secretKey(replacing));
      if (clientSecret === undefined && oldSecret !== undefined) clientSecret = oldSecret;
    }
    if (clientSecret !== undefined) await this.secrets.store(secretKey(connection.name), clientSecret);
    this.changed.fire();
  }

  async remove(name: string): Promise<void> {
    const configuration = vscode.workspace.getConfiguration('powerschool');
    const current = (configuration.inspect<ConnectionSettings[]>(settingKey)?.globalValue ?? []).filter(isConnectionSettings);
    await configuration.update(settingKey, current.filter((item) => item.name !== name), vscode.ConfigurationTarget.Global);
    await this.secrets.delete(secretKey(name));
    this.changed.fire();
  }
}

function isConnectionSettings(value: unknown): value is ConnectionSettings {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.name === 'string' && typeof candidate.url === 'string' && typeof candidate.clientId === 'string';
}
