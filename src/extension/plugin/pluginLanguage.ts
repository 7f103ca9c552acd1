import * as vscode from 'vscode';
import type { AssistCompletion, AssistCompletionKind } from '../../core/assist';
import type { PluginSchemaSource } from '../../core/plugin';
import { rangeOf } from '../util/positions';
import { pluginCore } from './pluginCore';
import { pluginFileSelector, pluginTriggerCharacters } from './pluginFiles';

const kinds: Partial<Record<AssistCompletionKind, vscode.CompletionItemKind>> = {
  table: vscode.CompletionItemKind.Class,
  column: vscode.CompletionItemKind.Field,
  value: vscode.CompletionItemKind.EnumMember,
  argument: vscode.CompletionItemKind.Variable,
  snippet: vscode.CompletionItemKind.Snippet,
};

function toItem(document: vscode.TextDocument, item: AssistCompletion): vscode.CompletionItem {
  const completion = new vscode.CompletionItem(item.label, kinds[item.kind] ?? vscode.CompletionItemKind.Text);
  completion.insertText = item.insertText;
  completion.range = rangeOf(document, item.start, item.end);
  completion.detail = item.detail;
  if (item.documentation) completion.documentation = new vscode.MarkdownString(item.documentation);
  if (item.sortText) completion.sortText = item.sortText;
  completion.filterText = item.label;
  if (item.retrigger) completion.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
  return completion;
}

/** Completion and hover in plugin XML files, over the active connection's schema. */
export function registerPluginLanguage(schema: PluginSchemaSource): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(pluginFileSelector, {
      async provideCompletionItems(document, position) {
        const items = await pluginCore().completeInPlugin(document.getText(), document.offsetAt(position), schema);
        return items.length ? new vscode.CompletionList(items.map((item) => toItem(document, item)), false) : undefined;
      },
    }, ...pluginTriggerCharacters),
    vscode.languages.registerHoverProvider(pluginFileSelector, {
      async provideHover(document, position) {
        const hover = await pluginCore().hoverInPlugin(document.getText(), document.offsetAt(position), schema);
        return hover ? new vscode.Hover(new vscode.MarkdownString(hover.markdown), rangeOf(document, hover.start, hover.end)) : undefined;
      },
    }),
  );
}
