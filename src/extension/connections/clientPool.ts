import * as vscode from 'vscode';
import { PowerSchoolClient } from '../../core/client';
import { Disposables } from '../util/disposables';
import { describeError } from '../util/errors';
import type { Logger } from '../util/logger';
import type { Redaction } from '../util/redaction';
import type { ActiveConnection } from './activeConnection';
import type { ConnectionHealth } from './connectionHealth';
import type { ConnectionWithSecret } from './connectionStore';

export interface TestResult {
  readonly ok: boolean;
  readonly message: string;
  readonly version?: string;
}

/**
 * One client per connection, so the token cache is shared by the tree, the runner and tests; each
 * client tells `health` what its exchanges showed.
 */
export class ClientPool extends Disposables {
  private readonly clients = new Map<string, { key: string; client: PowerSchoolClient }>();

  constructor(
    private readonly active: ActiveConnection,
    private readonly logger: Logger,
    private readonly redaction: Redaction,
    readonly health: ConnectionHealth,
  ) {
    super(logger.for('connections'));
    this.track({ dispose: () => this.clients.clear() });
  }

  async get(name = this.active.name): Promise<PowerSchoolClient> {
    return this.clientFor(await this.active.resolve(name));
  }

  /**
   * The client of a connection the caller resolved (a sandbox plugin's own OAuth client), cached
   * and redacted like the named ones. A changed URL, id or secret never reuses a token fetched with the old ones.
   */
  clientFor(connection: Pick<ConnectionWithSecret, 'name' | 'url' | 'clientId' | 'clientSecret' | 'allowInsecure'>): PowerSchoolClient {
    const key = JSON.stringify([connection.url, connection.clientId, connection.clientSecret, connection.allowInsecure ?? false]);
    const cached = this.clients.get(connection.name);
    if (cached?.key === key) return cached.client;
    // What the old URL or credentials showed says nothing about the new ones.
    if (cached) this.health.forget(connection.name);
    const client = this.newClient(connection);
    this.clients.set(connection.name, { key, client });
    return client;
  }

  forget(name: string): void {
    this.clients.delete(name);
    this.health.forget(name);
  }

  /** Tests the named connection (see check). */
  test(name: string, token?: vscode.CancellationToken): Promise<TestResult> {
    return this.check(name, () => this.get(name), token);
  }

  /** Tests a connection that is not saved yet (Add Connection tests before it saves). */
  testUnsaved(connection: ConnectionWithSecret, token?: vscode.CancellationToken): Promise<TestResult> {
    return this.check(connection.name, async () => this.newClient(connection), token);
  }

  private newClient(connection: Pick<ConnectionWithSecret, 'name' | 'url' | 'clientId' | 'clientSecret' | 'allowInsecure'>): PowerSchoolClient {
    const client = new PowerSchoolClient(
      { name: connection.name, url: connection.url, clientId: connection.clientId, clientSecret: connection.clientSecret, allowInsecure: connection.allowInsecure },
      { log: this.logger.for('client'), onReachability: (reachability) => this.health.note(connection.name, reachability) },
    );
    this.redaction.add(client.redactor);
    return client;
  }

  /** Fetches a token and /ws/v1/metadata; the message names the server version or the reason. */
  private async check(name: string, clientOf: () => Promise<PowerSchoolClient>, token?: vscode.CancellationToken): Promise<TestResult> {
    const abort = new AbortController();
    const subscription = token?.onCancellationRequested(() => abort.abort());
    try {
      const client = await clientOf();
      // requestOk: a 403 or 500 from the server is a failed test, not "Connected".
      const response = await client.requestOk({ method: 'GET', path: '/ws/v1/metadata', signal: abort.signal });
      const metadata = (response.body as { metadata?: Record<string, unknown> } | undefined)?.metadata ?? {};
      const version = metadata.powerschool_version ?? metadata.plugin_version;
      const versionText = version === undefined ? 'version not reported' : `PowerSchool ${String(version)}`;
      return { ok: true, message: `Connected to '${name}' (${versionText}) in ${Math.round(response.timeMs)} ms.`, version: version === undefined ? undefined : String(version) };
    } catch (error) {
      return { ok: false, message: `Could not connect to '${name}': ${describeError(error)}` };
    } finally {
      subscription?.dispose();
    }
  }
}
