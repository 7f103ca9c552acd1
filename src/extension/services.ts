import type * as vscode from 'vscode';
import type { ActiveConnection } from './connections/activeConnection';
import type { ClientPool } from './connections/clientPool';
import type { ConnectionStore } from './connections/connectionStore';
import type { SandboxHost } from './connections/sandboxHost';
import type { SchemaService } from './schema/schemaService';
import type { ParsedPsreqDocuments } from './util/parsedPsreq';

/** What every feature of the extension is built from; made once in activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  /** The one "PowerSchool" log; lines are tagged by component, e.g. `[tree] …`. */
  readonly log: vscode.LogOutputChannel;
  readonly store: ConnectionStore;
  readonly active: ActiveConnection;
  readonly clients: ClientPool;
  readonly sandbox: SandboxHost;
  /** `.psreq` documents parsed once per version, for every feature that reads them. */
  readonly psreq: ParsedPsreqDocuments;
  /** Every connection's schema catalog, and the active one's for editor features (one fetch and retry policy). */
  readonly schema: SchemaService;
}
