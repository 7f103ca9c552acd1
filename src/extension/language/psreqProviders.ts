import * as vscode from 'vscode';
import type { AssistCompletion, AssistCompletionKind, PsreqAssist } from '../../core/assist';
import type { ParsedPsreqDocuments } from '../util/parsedPsreq';
import { rangeOf } from '../util/positions';
import type { PsreqDiagnostics } from './psreqDiagnostics';

const selector: vscode.DocumentSelector = { language: 'psreq' };

/** Characters after which the next thing is worth suggesting: a value, a term, an entry, a segment, a parameter. */
export const psreqTriggerCharacters = ['=', ';', ',', '/', '?', '&', '(', '.', '"'];

const kinds: Record<AssistCompletionKind, vscode.CompletionItemKind> = {
  path: vscode.CompletionItemKind.Folder,
  table: vscode.CompletionItemKind.Class,
  query: vscode.CompletionItemKind.Function,
  parameter: vscode.CompletionItemKind.Property,
  field: vscode.CompletionItemKind.Field,
  operator: vscode.CompletionItemKind.Operator,
  value: vscode.CompletionItemKind.EnumMember,
  snippet: vscode.CompletionItemKind.Snippet,
  expansion: vscode.CompletionItemKind.Module,
  extension: vscode.CompletionItemKind.Module,
  column: vscode.CompletionItemKind.Field,
  argument: vscode.CompletionItemKind.Property,
};

function toItem(document: vscode.TextDocument, item: AssistCompletion): vscode.CompletionItem {
  const completion = new vscode.CompletionItem(item.label, kinds[item.kind]);
  completion.insertText = item.snippet ? new vscode.SnippetString(item.insertText) : item.insertText;
  completion.range = rangeOf(document, item.start, item.end);
  completion.detail = item.detail;
  if (item.documentation) completion.documentation = new vscode.MarkdownString(item.documentation);
  if (item.sortText) completion.sortText = item.sortText;
  // The editor filters by the text in the range; a label that differs from it still matches.
  completion.filterText = item.snippet ? item.label : item.insertText;
  if (item.retrigger) completion.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
  return completion;
}

export function registerPsreqProviders(assist: PsreqAssist, parsed: ParsedPsreqDocuments, diagnostics: PsreqDiagnostics): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(selector, {
      async provideCompletionItems(document, position) {
        const blocks = parsed.blocks(document);
        const items = await assist.complete(blocks.text, document.offsetAt(position), blocks);
        return items.length ? new vscode.CompletionList(items.map((item) => toItem(document, item)), false) : undefined;
      },
    }, ...psreqTriggerCharacters),
    vscode.languages.registerHoverProvider(selector, {
      async provideHover(document, position) {
        const blocks = parsed.blocks(document);
        const hover = await assist.hover(blocks.text, document.offsetAt(position), blocks);
        return hover ? new vscode.Hover(new vscode.MarkdownString(hover.markdown), rangeOf(document, hover.start, hover.end)) : undefined;
      },
    }),
    vscode.languages.registerCodeActionsProvider(selector, {
      provideCodeActions(document, range, context) {
        const actions: vscode.CodeAction[] = [];
        for (const { diagnostic, fixes } of diagnostics.fixesFor(document)) {
          if (!diagnostic.range.intersection(range) || !context.diagnostics.some((shown) => shown.range.isEqual(diagnostic.range) && shown.code === diagnostic.code)) continue;
          for (const fix of fixes) {
            const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            action.edit = new vscode.WorkspaceEdit();
            action.edit.replace(document.uri, fix.range, fix.newText);
            action.diagnostics = [diagnostic];
            action.isPreferred = fixes.length === 1;
            actions.push(action);
          }
        }
        return actions;
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
}
