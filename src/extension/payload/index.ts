import * as vscode from 'vscode';
import type { Services } from '../services';
import { PayloadAnalyzer } from './payloadAnalyzer';
import { PayloadCodeActions } from './payloadCodeActions';
import { PayloadDiagnostics } from './payloadDiagnostics';
import { payloadCore } from './payloadCore';
import { SchemaFileSystem } from './schemaFileSystem';
import { registerValidatePayloadCommand } from './validatePayloadCommand';

/** Where payload quick fixes apply: JSON documents (payload or not is decided per document) and .psreq files. */
const selector: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }, { language: 'psreq' }, { pattern: '**/*.{students,ps-table}.json' }];

/**
 * Payload validation in the editor: diagnostics while typing, quick fixes, the Validate Payload
 * command. Table metadata comes from the schema service (shared with the explorer and the
 * .psreq assistant).
 */
export function registerPayloadValidation(services: Pick<Services, 'log' | 'psreq' | 'schema' | 'commands'>): vscode.Disposable {
  const log = services.log.for('payload');
  const live = services.schema;
  const analyzer = new PayloadAnalyzer(() => payloadCore().createPayloadValidator(), live, services.psreq);
  const diagnostics = new PayloadDiagnostics(analyzer, live, log);
  return vscode.Disposable.from(
    SchemaFileSystem.register(),
    diagnostics,
    vscode.languages.registerCodeActionsProvider(selector, new PayloadCodeActions(analyzer), PayloadCodeActions.metadata),
    registerValidatePayloadCommand(services.commands, analyzer, diagnostics, live),
  );
}
