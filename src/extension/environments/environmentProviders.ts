import * as vscode from 'vscode';
import { shownValue } from '../../core/environments';
import type { Services } from '../services';

/** `{{` completion of environment variables, and hover of `{{name}}`, with values (secrets masked). */
export function registerEnvironmentProviders(services: Services): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: 'psreq' };
  const chosenFor = (document: vscode.TextDocument) => services.environments.chosenFor(document.uri, services.psreq.get(document));
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(selector, {
      async provideCompletionItems(document, position) {
        const before = document.lineAt(position.line).text.slice(0, position.character);
        const open = /\{\{\s*([\w.-]*)$/.exec(before);
        if (!open) return undefined;
        const chosen = await chosenFor(document);
        const range = new vscode.Range(position.translate(0, -open[1]!.length), position);
        return Object.entries(chosen.variables).map(([name, value]) => {
          const item = new vscode.CompletionItem({ label: name, description: shownValue(name, value) }, vscode.CompletionItemKind.Variable);
          item.range = range;
          item.detail = `environment ${chosen.name ?? '$shared'}`;
          return item;
        });
      },
    }, '{'),
    vscode.languages.registerHoverProvider(selector, {
      async provideHover(document, position) {
        const offset = document.offsetAt(position);
        const parsed = services.psreq.get(document);
        const reference = parsed.requests.flatMap((request) => request.references).find((candidate) => candidate.nameSpan.start <= offset && offset <= candidate.nameSpan.end);
        if (!reference || parsed.fileVariables.some((variable) => variable.name === reference.name)) return undefined;
        const chosen = await chosenFor(document);
        const value = chosen.variables[reference.name];
        const markdown = new vscode.MarkdownString();
        if (value !== undefined) markdown.appendMarkdown(`**{{${reference.name}}}** = \`${shownValue(reference.name, value).replace(/`/g, "'")}\`\n\nenvironment **${chosen.name ?? '$shared'}**`);
        else if (chosen.definedIn(reference.name).length) markdown.appendMarkdown(`**{{${reference.name}}}** is not in environment ${chosen.name ?? '(none)'}; defined in ${chosen.definedIn(reference.name).join(', ')}`);
        else return undefined;
        const start = document.positionAt(reference.nameSpan.start);
        return new vscode.Hover(markdown, new vscode.Range(start, document.positionAt(reference.nameSpan.end)));
      },
    }),
  );
}
