import * as vscode from 'vscode';
import { readDocument, type RunnableDocument } from '../../core/runner';

/** "Send all" at the top of a .psreq file and "Send" above each request. */
export class SendCodeLensProvider implements vscode.CodeLensProvider {
  private readonly parsed = new WeakMap<vscode.TextDocument, { version: number; document: RunnableDocument }>();

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const { requests } = this.read(document);
    if (requests.length === 0) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [new vscode.CodeLens(top, { title: '$(run-all) Send all', command: 'powerschool.sendAll', arguments: [document.uri], tooltip: 'Send every request of this file in order' })];
    for (const request of requests) {
      const line = document.positionAt(request.requestLine.start).line;
      lenses.push(new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: '$(play) Send',
        command: 'powerschool.sendRequest',
        arguments: [document.uri, request.index],
        tooltip: `Send ${request.method} (Ctrl+Alt+R)`,
      }));
    }
    return lenses;
  }

  read(document: vscode.TextDocument): RunnableDocument {
    const cached = this.parsed.get(document);
    if (cached?.version === document.version) return cached.document;
    const parsed = readDocument(document.getText());
    this.parsed.set(document, { version: document.version, document: parsed });
    return parsed;
  }
}
