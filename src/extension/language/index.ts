import * as vscode from 'vscode';
import { PsreqAssist } from '../../core/assist';
import { psreqChecks } from '../../core/check';
import { localSandboxName } from '../../core/environments';
import type { Services } from '../services';
import { PsreqDiagnostics } from './psreqDiagnostics';
import { registerPsreqProviders } from './psreqProviders';

function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Completion, diagnostics, quick fixes and hover in .psreq files, fed by the active
 * connection's schema (the schema service: one fetch, persisted, never starting the sandbox)
 * and the built-in catalogs.
 */
export function registerPsreqLanguage(services: Services): vscode.Disposable {
  const assist = new PsreqAssist({ live: services.schema, today });
  const checks = psreqChecks({
    assist,
    knownVariables: () => new Set(Object.keys(services.active.variables())),
    environmentFor: ({ path, parsed }) => services.environments.chosenFor(path ? vscode.Uri.file(path) : vscode.Uri.file(process.cwd()), parsed.directives),
    connectionUrl: () => services.active.settings()?.url,
    // Only the embedded sandbox's plugin is known; another server's grants are not.
    plugin: () => (services.active.name === localSandboxName ? services.sandbox.plugin : undefined),
  });
  const diagnostics = new PsreqDiagnostics(checks, services.psreq, services.log.for('language'));
  const reload = services.schema.onDidLoad(() => {
    assist.invalidate();
    diagnostics.refreshAll();
  });
  const pluginChanged = services.sandbox.onDidChangePlugin(() => diagnostics.refreshAll());
  const environmentChanged = services.environments.onDidChange(() => diagnostics.refreshAll());
  // A switched connection needs no listener of its own: the schema service resets and fires onDidLoad.
  return vscode.Disposable.from(diagnostics, reload, pluginChanged, environmentChanged, registerPsreqProviders(assist, services.psreq, diagnostics));
}
