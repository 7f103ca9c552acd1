import * as vscode from 'vscode';
import { ActiveConnection } from './connections/activeConnection';
import { ClientPool } from './connections/clientPool';
import { registerConnectionCommands } from './connections/connectionCommands';
import { ConnectionStore } from './connections/connectionStore';
import { SandboxHost } from './connections/sandboxHost';
import { ConnectionStatusBar } from './connections/statusBar';
import { registerPsreqLanguage } from './language';
import { registerPsreqOutline } from './outline/psreqOutline';
import { registerPayloadValidation } from './payload';
import { registerRunner, type RunnerController } from './runner';
import { SchemaService } from './schema/schemaService';
import type { Services } from './services';
import { registerSchemaExplorer, type SchemaExplorer } from './tree/schemaExplorer';
import { ParsedPsreqDocuments } from './util/parsedPsreq';

/** What activate() hands back: integration tests reach the live services through it. */
export interface ExtensionApi {
  readonly services: Services;
  readonly statusBar: ConnectionStatusBar;
  readonly explorer: SchemaExplorer;
  readonly runner: RunnerController;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('PowerSchool', { log: true });
  const store = new ConnectionStore(context.secrets);
  const sandbox = new SandboxHost(log);
  const active = new ActiveConnection(context.globalState, store, sandbox);
  const clients = new ClientPool(active, log);
  const schema = new SchemaService({ context, log, store, active, clients, sandbox });
  const services: Services = { context, log, store, active, clients, sandbox, psreq: new ParsedPsreqDocuments(), schema };
  const statusBar = new ConnectionStatusBar(active);

  context.subscriptions.push(log, store, sandbox, active, clients, schema, statusBar, ...registerConnectionCommands(store, active, clients), registerPsreqOutline(services.psreq));
  const explorer = registerSchemaExplorer(services);
  context.subscriptions.push(explorer);
  context.subscriptions.push(registerPsreqLanguage(services));
  context.subscriptions.push(registerPayloadValidation(services));
  const runner = registerRunner(services);
  context.subscriptions.push(runner);
  return { services, statusBar, explorer, runner };
}

export function deactivate(): void {}
