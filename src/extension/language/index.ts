import * as vscode from 'vscode';
import { PsreqAssist } from '../../core/assist';
import type { Services } from '../services';
import { ConnectionLiveCatalog } from './connectionCatalog';
import { PsreqDiagnostics } from './psreqDiagnostics';
import { registerPsreqProviders } from './psreqProviders';

function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Completion, diagnostics, quick fixes and hover in .psreq files, fed by the active
 * connection's schema (the Local sandbox by default) and the built-in catalogs.
 */
export function registerPsreqLanguage(services: Services): vscode.Disposable {
  const live = new ConnectionLiveCatalog(services.clients, services.active, services.log);
  const assist = new PsreqAssist({ live, today });
  const diagnostics = new PsreqDiagnostics(assist, services.psreq, services.log);
  const reload = live.onDidLoad(() => {
    assist.invalidate();
    diagnostics.refreshAll();
  });
  return vscode.Disposable.from(live, diagnostics, reload, registerPsreqProviders(assist, diagnostics));
}
