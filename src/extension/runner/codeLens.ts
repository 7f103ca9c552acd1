import * as vscode from 'vscode';
import type { ParsedPsreqDocuments } from '../util/parsedPsreq';

/** "Send all" at the top of a .psreq file and "Send" above each request. */
export class SendCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly parsed: ParsedPsreqDocuments) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const { requests } = this.parsed.get(document);
    if (requests.length === 0) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [new vscode.CodeLens(top, { title: '$(run-all) Send all', command: 'powerschool.sendAll', arguments: [document.uri], tooltip: 'Send every request of this file in order' })];
    for (const request of requests) {
      const line = document.positionAt(request.requestLineSpan.start).line;
      lenses.push(new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: '$(play) Send',
        command: 'powerschool.sendRequest',
        arguments: [document.uri, request.index],
        tooltip: `Send ${request.method.text} (Ctrl+Alt+R)`,
      }));
    }
    return lenses;
  }
}
