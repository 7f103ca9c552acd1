import * as vscode from 'vscode';
import type { PayloadFinding, PayloadFix } from '../../core/payload';
import { rangeOf } from '../util/positions';
import type { PayloadAnalyzer } from './payloadAnalyzer';
import { payloadDiagnosticSource } from './payloadDiagnostics';

/**
 * Quick fixes from the findings' own fixes (add client_uid, upper-case a status letter, drop
 * the second status field, …), attached to our diagnostic for the finding.
 */
export class PayloadCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly analyzer: PayloadAnalyzer) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // The lightbulb asks on every cursor move: it gets the last published result only, so a
    // big file is never validated on the keystroke path. Ctrl+. (Invoke) may validate now.
    const analysis = context.triggerKind === vscode.CodeActionTriggerKind.Invoke ? this.analyzer.analyze(document) : this.analyzer.current(document);
    if (!analysis) return [];
    const actions: vscode.CodeAction[] = [];
    for (const finding of analysis.findings) {
      if (!finding.fixes?.length) continue;
      const findingRange = rangeOf(document, finding.start, finding.end);
      if (!findingRange.intersection(range)) continue;
      const diagnostics = context.diagnostics.filter((diagnostic) => matches(diagnostic, finding, findingRange));
      for (const fix of finding.fixes) actions.push(this.actionFor(document, fix, diagnostics, finding.fixes.length === 1));
    }
    return actions;
  }

  private actionFor(document: vscode.TextDocument, fix: PayloadFix, diagnostics: vscode.Diagnostic[], preferred: boolean): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    for (const edit of fix.edits) action.edit.replace(document.uri, rangeOf(document, edit.start, edit.end), edit.newText);
    if (diagnostics.length) action.diagnostics = diagnostics;
    // A finding's fixes are offered only where the edit is certain; with one, it is the fix.
    action.isPreferred = preferred;
    return action;
  }
}

function matches(diagnostic: vscode.Diagnostic, finding: PayloadFinding, findingRange: vscode.Range): boolean {
  return diagnostic.source === payloadDiagnosticSource && diagnostic.code === finding.code && diagnostic.range.intersection(findingRange) !== undefined;
}
