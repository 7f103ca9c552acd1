import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SchemaService } from '../schema/schemaService';
import type { Commands } from '../util/commands';
import type { PayloadAnalysis, PayloadAnalyzer } from './payloadAnalyzer';
import { payloadCore } from './payloadCore';
import type { PayloadDiagnostics } from './payloadDiagnostics';

export const validatePayloadCommand = 'powerschool.validatePayload';

function summary(name: string, analysis: PayloadAnalysis): string {
  const count = (severity: string) => analysis.findings.filter((finding) => finding.severity === severity).length;
  const parts = [['error', count('error')], ['warning', count('warning')], ['note', count('info')]] as const;
  const found = parts.filter(([, n]) => n > 0).map(([label, n]) => `${n} ${label}${n === 1 ? '' : 's'}`);
  const what = analysis.kind === 'psreq' ? `${analysis.bodies} request bod${analysis.bodies === 1 ? 'y' : 'ies'}` : analysis.kind === 'students' ? 'student payload' : 'table record';
  return found.length ? `${name} (${what}): ${found.join(', ')} — see the Problems panel.` : `${name} (${what}): no problems found.`;
}

/**
 * "PowerSchool: Validate Payload" on the active editor or a given URI: waits for the live
 * metadata it needs (a typing run never does), publishes the diagnostics, shows a summary and
 * returns how many findings there are. A JSON file of any name is taken as a payload when its
 * content says which (`students` or `tables` at the top).
 */
export function registerValidatePayloadCommand(commands: Commands, analyzer: PayloadAnalyzer, diagnostics: PayloadDiagnostics, live: SchemaService): vscode.Disposable {
  return commands.register(validatePayloadCommand, async (target?: unknown): Promise<number> => {
    const uri = target instanceof vscode.Uri ? target : undefined;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage('Open a payload file (*.students.json, *.ps-table.json) or a .psreq file to validate it.');
      return 0;
    }
    const name = path.basename(document.fileName);
    if (!analyzer.kindOf(document)) {
      const detected = document.languageId === 'json' || document.languageId === 'jsonc' ? payloadCore().detectPayloadKind(document.getText()) : undefined;
      if (!detected) {
        void vscode.window.showInformationMessage(`${name} is not a PowerSchool payload: expected {"students": …} or {"tables": …} at the top.`);
        return 0;
      }
      analyzer.choose(document, detected);
    }
    diagnostics.refresh(document);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Validating payload…' }, () => live.settled());
    const analysis = diagnostics.refresh(document);
    if (!analysis) return 0;
    const message = summary(name, analysis);
    if (analysis.findings.some((finding) => finding.severity === 'error')) void vscode.window.showWarningMessage(message);
    else void vscode.window.showInformationMessage(message);
    return analysis.findings.length;
  });
}
