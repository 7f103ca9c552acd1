import type * as vscode from 'vscode';
import type { ActiveConnection } from './connections/activeConnection';
import type { ClientPool } from './connections/clientPool';
import type { ConnectionStore } from './connections/connectionStore';
import type { SandboxHost } from './connections/sandboxHost';
import type { EnvironmentService } from './environments/environmentService';
import type { SchemaService } from './schema/schemaService';
import type { Commands } from './util/commands';
import type { Logger } from './util/logger';
import type { ParsedPsreqDocuments } from './util/parsedPsreq';
import type { PendingWork } from './util/pendingWork';

/** What every feature of the extension is built from; made once in activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  /** The one "PowerSchool" log; `log.for('tree')` tags a component's lines. */
  readonly log: Logger;
  /** Registers commands so that a failure is reported, never thrown at the extension host. */
  readonly commands: Commands;
  /** Writes that deactivate() waits for. */
  readonly pending: PendingWork;
  readonly store: ConnectionStore;
  readonly active: ActiveConnection;
  readonly clients: ClientPool;
  readonly sandbox: SandboxHost;
  /** `.psreq` documents parsed once per version, for every feature that reads them. */
  readonly psreq: ParsedPsreqDocuments;
  /** Every connection's schema catalog, and the active one's for editor features (one fetch and retry policy). */
  readonly schema: SchemaService;
  /** The chosen environment and the environments each `.psreq` file can use. */
  readonly environments: EnvironmentService;
}
