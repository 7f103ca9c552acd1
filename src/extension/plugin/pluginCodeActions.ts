import * as vscode from 'vscode';
import type { PluginFix } from '../../core/plugin';
import { pluginCore } from './pluginCore';
import { createLineIndex } from '../../core/text';
import type { PluginDiagnostics, PublishedFinding } from './pluginDiagnostics';
import { pluginFileSelector } from './pluginFiles';

/** A fix's edits as one WorkspaceEdit, or undefined when a file it edits changed since the check (its offsets would be off). */
function workspaceEdit(published: PublishedFinding, fix: PluginFix): vscode.WorkspaceEdit | undefined {
  const { plugin, folder, texts, uris } = published.plugin;
  const edit = new vscode.WorkspaceEdit();
  for (const change of fix.edits) {
    const uri = uris.get(change.file) ?? vscode.Uri.joinPath(folder, ...change.file.split('/'));
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    const text = texts.get(change.file) ?? plugin.files.find((file) => file.path === change.file)?.text;
    if (text === undefined || (open && open.getText() !== text)) return undefined;
    const lines = open ? undefined : createLineIndex(text);
    const position = (offset: number) => {
      if (open) return open.positionAt(offset);
      const { line, column } = lines!(offset);
      return new vscode.Position(line, column);
    };
    edit.replace(uri, new vscode.Range(position(change.start), position(change.end)), change.newText);
  }
  return edit;
}

/** The fixes of a finding, plus, for an ungranted column, one that adds every missing grant of the whole plugin. */
function fixesOf(published: PublishedFinding): PluginFix[] {
  const fixes = [...(published.finding.fixes ?? [])];
  if (published.finding.code === 'ungranted-column') {
    const { plugin } = published.plugin;
    const everyMissing = pluginCore().missingGrants(plugin);
    const queries = new Set(everyMissing.map((missing) => missing.query));
    if (queries.size > 1) {
      const all = pluginCore().grantFix(plugin, everyMissing, `Add every missing <field> line of the plugin (${new Set(everyMissing.map((missing) => `${missing.table}.${missing.field}`.toLowerCase())).size}, ${queries.size} queries) to plugin.xml`);
      if (all) fixes.push(all);
    }
  }
  return fixes;
}

/** Quick fixes for plugin findings: add the missing access_request lines (one, a query's, the plugin's), declare a missing arg. */
export function registerPluginCodeActions(diagnostics: PluginDiagnostics): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(pluginFileSelector, {
    provideCodeActions(document, range, context) {
      const actions: vscode.CodeAction[] = [];
      for (const published of diagnostics.fixesFor(document)) {
        const { diagnostic } = published;
        if (!diagnostic.range.intersection(range) || !context.diagnostics.some((shown) => shown.range.isEqual(diagnostic.range) && shown.code === diagnostic.code)) continue;
        const fixes = fixesOf(published);
        fixes.forEach((fix, index) => {
          const edit = workspaceEdit(published, fix);
          if (!edit) return;
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = edit;
          action.diagnostics = [diagnostic];
          action.isPreferred = index === 0;
          actions.push(action);
        });
      }
      return actions;
    },
  }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
}
