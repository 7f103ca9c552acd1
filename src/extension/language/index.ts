import * as vscode from 'vscode';
import { PsreqAssist } from '../../core/assist';
import { SchemaCatalog } from '../../core/catalog';
import type { Services } from '../services';
import { ConnectionLiveCatalog } from './connectionCatalog';
import { catalogSchemaSource } from './schemaSources';
import { PsreqDiagnostics } from './psreqDiagnostics';
import { registerPsreqProviders } from './psreqProviders';

function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Per-connection schema catalogs to share (the explorer's registry fits). */
export interface SchemaCatalogs {
  get(connection: string): Promise<SchemaCatalog>;
}

/**
 * Completion, diagnostics, quick fixes and hover in .psreq files, fed by the active
 * connection's schema (the Local sandbox by default) and the built-in catalogs. With `catalogs`
 * the schema comes from those shared catalogs (one fetch, persisted); without, from a catalog
 * of our own over the connection's client (ConnectionLiveCatalog keeps what it fetched).
 */
export function registerPsreqLanguage(services: Services, catalogs?: SchemaCatalogs): vscode.Disposable {
  const source = async () => catalogSchemaSource(catalogs
    ? await catalogs.get(services.active.name)
    : new SchemaCatalog(await services.clients.get(), { identity: services.active.name }));
  const log = services.log.for('language');
  const live = new ConnectionLiveCatalog(source, services.active, log);
  const assist = new PsreqAssist({ live, today });
  const diagnostics = new PsreqDiagnostics(assist, services.psreq, log, undefined, () => new Set(Object.keys(services.active.variables())));
  const reload = live.onDidLoad(() => {
    assist.invalidate();
    diagnostics.refreshAll();
  });
  return vscode.Disposable.from(live, diagnostics, reload, registerPsreqProviders(assist, diagnostics));
}
